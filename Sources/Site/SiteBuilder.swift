import Diagnostics
import Foundation
import Liquid
import Markdown

/// What a build produced, for the summary line and for the preview server.
public struct BuildResult: Sendable {
    public var posts: Int
    public var pages: Int
    public var staticFiles: Int
    /// Seconds spent in each named step, in order.
    public var timings: [(step: String, seconds: Double)]
    public var warnings: [Diagnostic]
    /// Every written file (relative to the destination) and the inputs it read.
    public var dependencies: [String: Set<String>]

    public var summary: String {
        let total = timings.reduce(0) { $0 + $1.seconds }
        let phases = timings.map { "\($0.step) \(Self.milliseconds($0.seconds))" }.joined(separator: ", ")
        return "Built \(posts) post\(posts == 1 ? "" : "s"), \(pages) page\(pages == 1 ? "" : "s") and \(staticFiles) static file\(staticFiles == 1 ? "" : "s") in \(Self.milliseconds(total)) (\(phases))"
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.1f ms", seconds * 1000)
    }
}

/// Builds a site. `build()` is the pipeline, read top to bottom: each `BuildStep` in
/// order, timed and naming itself in every diagnostic it raises. The preview session
/// (`SiteSession`) runs the same steps over the documents an edit touches.
public struct SiteBuilder: Sendable {
    public var layout: SiteLayout
    public var overrides: SiteConfiguration.Overrides
    public var now: @Sendable () -> Date
    /// Called with the progress of the long steps (posts, layouts), from any thread.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(layout: SiteLayout, overrides: SiteConfiguration.Overrides = .init(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.layout = layout
        self.overrides = overrides
        self.now = now
    }

    /// Renders everything and writes the destination atomically: a failed build leaves
    /// the previous `_site/` as it was. Every error comes with its source line.
    public func build() throws(DiagnosticList) -> BuildResult {
        var writer = OutputWriter(site: layout.destination)
        return try build { (state: RenderState) throws(Diagnostic) in
            writer.keepFiles = state.config.keepFiles
            try writer.replaceAll(state.files)
        }.report
    }

    /// Renders everything in memory without writing.
    public func render() throws(DiagnosticList) -> (files: [OutputFile], report: BuildResult) {
        let state = try renderState()
        return (state.files, state.report)
    }

    /// Renders everything and keeps the intermediate results, which the preview
    /// session reuses for incremental rebuilds.
    func renderState() throws(DiagnosticList) -> RenderState {
        try build(write: nil)
    }

    /// The pipeline: every step in order; `write` only when given a writer.
    func build(write: ((RenderState) throws(Diagnostic) -> Void)?) throws(DiagnosticList) -> RenderState {
        var steps = StepRunner()
        do {
            let config = try steps.run(.readConfig) { () throws(DiagnosticList) in try readConfig() }
            let buildTime = now()
            let (content, documents) = try steps.run(.readContent) { () throws(DiagnosticList) in
                let content = try SiteReader(layout: layout, config: config, now: buildTime, progress: progress).read()
                return (content, SiteDocuments(content: content, config: config, layout: layout))
            }
            var state = try steps.run(.prepareTemplates) { () throws(DiagnosticList) in
                try RenderState(layout: layout, config: config, content: content, documents: documents, buildTime: buildTime)
            }
            let scope = RenderScope.everything(state)
            _ = try steps.run(.renderBodies) { () throws(DiagnosticList) in try state.renderBodies(scope.posts, progress: progress) }
            try steps.run(.buildSite) { () throws(DiagnosticList) in
                state.buildSite(for: scope)
                try state.renderCollectionBodies()
            }
            let postPages = try steps.run(.applyLayouts) { () throws(DiagnosticList) in try state.applyLayouts(scope, progress: progress) }
            let pages = try steps.run(.generatePages) { () throws(DiagnosticList) in try state.generatePages(scope) }
            var finished = postPages + pages
            state.record(finished, root: layout.root)
            state.files = try steps.run(.collectOutputs) { () throws(DiagnosticList) in
                try SiteBuilder.outputs(pages: &finished, staticFiles: content.staticFiles)
            }
            state.report.posts = state.posts.count
            state.report.pages = state.pages.count
            state.report.staticFiles = content.staticFiles.count
            state.report.warnings = config.warnings.map { $0.inStep(.readConfig) } + content.warnings.map { $0.inStep(.readContent) }
            // Each finding keeps its kind (`broken-link`, `mojibake`…) where other warnings name their step.
            // A FROM the catalogue lacks, found while the diagram tags rendered: once per Dockerfile line,
            // named by its kind (`diagram`) as the checks name theirs.
            state.report.warnings += state.renderer.templates.diagramModels.warnings
            state.report.warnings += try steps.run(.checkOutputs) { () throws(DiagnosticList) in
                SiteChecks.buildWarnings(state: state, progress: ProgressCounter(
                    step: BuildStep.checkOutputs.name, total: state.posts.count + state.pages.count, report: progress))
            }
            if let write {
                try steps.run(.write, single: { () throws(Diagnostic) in try write(state) })
            }
            state.report.timings = steps.timings
            return state
        } catch {
            throw error.withExcerpts(readingFrom: layout.root.path)
        }
    }

    /// Step `readConfig`: the configuration files, then the plugins they name.
    private func readConfig() throws(DiagnosticList) -> SiteConfiguration {
        var config: SiteConfiguration
        do {
            config = try SiteConfiguration.load(layout: layout, overrides: overrides)
        } catch {
            throw DiagnosticList([error])
        }
        config.pluginList = try PluginList.load(config)
        return config
    }

    static func newestFirst(_ a: Document, _ b: Document) -> Bool {
        let left = a.date ?? .distantPast
        let right = b.date ?? .distantPast
        return left != right ? left > right : a.relativePath > b.relativePath
    }

    /// Jekyll's `page.next` (newer) and `page.previous` (older). A neighbour carries its
    /// metadata and excerpt but not its content, so editing a post's text never changes
    /// the pages of the posts beside it.
    static func linkNeighbours(_ posts: [ValueObject]) -> [ValueObject] {
        posts.indices.map { index in
            var post = posts[index]
            for (key, value) in neighbours(of: index, in: posts).pairs { post[key] = value }
            return post
        }
    }

    /// `next` and `previous` of the post at `index` of `posts` (newest first): what the
    /// post's own page sees as `page.next` / `page.previous`, as in `site.posts`.
    static func neighbours(of index: Int, in posts: [ValueObject]) -> ValueObject {
        func summary(_ post: ValueObject) -> Value {
            var copy = post
            copy["content"] = nil
            return .object(copy)
        }
        var fields = ValueObject()
        if index > 0 { fields["next"] = summary(posts[index - 1]) }
        if index + 1 < posts.count { fields["previous"] = summary(posts[index + 1]) }
        return fields
    }

    /// Every output, refusing two sources that would write the same file.
    /// Each page's text is released once its bytes are made, so a large site never holds
    /// both at once.
    static func outputs(pages: inout [RenderedPage], staticFiles: [StaticFile]) throws(DiagnosticList) -> [OutputFile] {
        var owners: [String: String] = [:]
        var errors: [Diagnostic] = []
        var files: [OutputFile] = []
        func claim(_ path: String, by source: String, location: SourceLocation) {
            if let first = owners[path] {
                errors.append(Diagnostic(location: location, message: "\(source) and \(first) would both write \(path); give one of them another permalink"))
            } else {
                owners[path] = source
            }
        }
        for index in pages.indices where pages[index].document.isWritten {
            let page = pages[index]
            pages[index].html = ""
            let line = page.document.keyLines["permalink"] ?? 1
            claim(page.document.outputPath, by: page.document.sourceDescription, location: SourceLocation(file: page.document.displayPath, line: line))
            files.append(OutputFile(path: page.document.outputPath, contents: .data(Data(page.html.utf8))))
            if let map = page.sourceMap {
                claim(page.document.outputPath + ".map", by: page.document.sourceDescription, location: SourceLocation(file: page.document.displayPath, line: 1))
                files.append(OutputFile(path: page.document.outputPath + ".map", contents: .data(Data(map.utf8))))
            }
        }
        for file in staticFiles {
            claim(file.outputPath, by: file.source.lastPathComponent, location: SourceLocation(file: file.source.path, line: 1))
            files.append(OutputFile(path: file.outputPath, contents: .copy(file.source)))
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        return files
    }
}
