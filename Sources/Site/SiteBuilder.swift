import Diagnostics
import Foundation
import Liquid
import Markdown

/// What a build reports about itself: counts, step timings, warnings and what each output
/// read, for the summary line, the cache and the preview server. (The image a Dockerfile
/// builds is LayerModel's `BuildResult`; what the preview server is told is Preview's
/// `BuildReport`.)
public struct SiteBuildReport: Sendable {
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
    public var layout: SiteFolders
    public var overrides: SiteConfiguration.Overrides
    public var now: @Sendable () -> Date
    /// Called with the progress of the long steps (posts, layouts), from any thread.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(layout: SiteFolders, overrides: SiteConfiguration.Overrides = .init(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.layout = layout
        self.overrides = overrides
        self.now = now
    }

    /// Renders everything and writes the destination atomically: a failed build leaves
    /// the previous `_site/` as it was. Every error comes with its source line.
    public func build() throws(DiagnosticList) -> SiteBuildReport {
        var writer = OutputWriter(site: layout.destination)
        let state = try build(spooling: [:]) { (state: RenderState) throws(Diagnostic) in
            writer.keepFiles = state.config.keepFiles
            try writer.replaceAll(state.files)
        }
        state.spool?.remove()
        return state.report
    }

    /// Renders everything in memory without writing.
    public func render() throws(DiagnosticList) -> (files: [OutputFile], report: SiteBuildReport) {
        let state = try renderState()
        return (state.files, state.report)
    }

    /// Renders everything and keeps the intermediate results, which the preview
    /// session reuses for incremental rebuilds. With `spooling`, pages go to a `PageSpool`
    /// as they are finished (see `build(spooling:write:)`); the caller writes them and
    /// removes `state.spool`.
    func renderState(spooling kept: [String: ContentHash]? = nil) throws(DiagnosticList) -> RenderState {
        try build(spooling: kept, write: nil)
    }

    /// The pipeline: every step in order; `write` only when given a writer. With `spooling`
    /// (the destination's files known to hold given bytes, see `PageSpool`), each page's
    /// bytes are staged on disk as soon as its layouts are applied and `state.files` points
    /// at them; the spool is removed when the build fails, else left to the caller.
    func build(spooling kept: [String: ContentHash]? = nil, write: ((RenderState) throws(Diagnostic) -> Void)?) throws(DiagnosticList) -> RenderState {
        var steps = StepRunner()
        var spool: PageSpool?
        do throws(DiagnosticList) {
            var state = try prepare(&steps)
            if let kept {
                do {
                    spool = try PageSpool(destination: layout.destination, kept: kept)
                } catch {
                    throw DiagnosticList([error])
                }
                state.spool = spool
            }
            let config = state.config
            let content = state.content
            let scope = RenderScope.everything(state)
            _ = try steps.run(.renderBodies) { () throws(DiagnosticList) in try state.renderBodies(scope.posts, progress: progress) }
            try steps.run(.buildSite) { () throws(DiagnosticList) in
                state.buildSite(for: scope)
                try state.renderCollectionBodies()
            }
            // A build that writes its site renders no post again (`spooling`: not the preview).
            if kept != nil { state.releaseListings() }
            let postPages = try steps.run(.applyLayouts) { () throws(DiagnosticList) in try state.applyLayouts(scope, progress: progress) }
            let pages = try steps.run(.generatePages) { () throws(DiagnosticList) in try state.generatePages(scope) }
            if kept != nil { state.releaseSite() }
            var finished = postPages + pages
            state.record(finished, root: layout.root)
            state.files = try steps.run(.collectOutputs) { () throws(DiagnosticList) in
                try SiteBuilder.outputs(pages: &finished, staticFiles: content.staticFiles)
            }
            // The rendered pages' documents (an archive's lists every post's summary) are not
            // needed by the checks or the writer.
            finished = []
            state.report.posts = state.posts.count
            state.report.pages = state.pages.count
            state.report.staticFiles = content.staticFiles.count
            state.report.warnings = config.warnings.map { $0.inStep(.readConfig) } + content.warnings.map { $0.inStep(.readContent) }
            // The checks' findings are named by their kind (`broken-link`, `dockerfile`…), not `[check]`:
            // the kind says what to fix, and `strata check` prints the same finding the same way.
            state.report.warnings += try steps.run(.checkOutputs) { () throws(DiagnosticList) in
                SiteChecks.buildWarnings(state: state, includes: SiteChecks.includeTexts(layout), progress: ProgressCounter(
                    step: BuildStep.checkOutputs.name, total: state.posts.count + state.pages.count, report: progress))
            }
            if let plain = state.renderer.templates.code.missingRougeWarning() {
                state.report.warnings.append(plain.inStep(.renderBodies))
            }
            state.report.warnings += state.renderer.templates.unknownFilters.take().map {
                SiteTemplates.unknownFilterWarning($0, root: layout.root)
            }
            // Pages render on several threads; sorted, the warnings read (and repeat) in file order.
            state.report.warnings += state.renderer.templates.laxParses.take()
                .sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
                .map { SiteTemplates.laxParseWarning($0, root: layout.root) }
            // Warnings show their source line like errors do; a file is read only when it has one.
            state.report.warnings = Diagnostic.withExcerpts(state.report.warnings, readingFrom: layout.root.path)
            if let write {
                try steps.run(.write, single: { () throws(Diagnostic) in try write(state) })
            }
            state.report.timings = steps.timings
            return state
        } catch {
            spool?.remove()
            throw error.withExcerpts(readingFrom: layout.root.path)
        }
    }

    /// Steps `readConfig`, `readContent` and `prepareTemplates`: the state every render
    /// starts from, before any document is rendered (the build cache continues from it too).
    /// `reusablePosts`: posts read by an earlier build from files unchanged since (`SiteReader`).
    func prepare(_ steps: inout StepRunner, reusablePosts: [String: Document] = [:]) throws(DiagnosticList) -> RenderState {
        let config = try steps.run(.readConfig) { () throws(DiagnosticList) in try readConfig() }
        let buildTime = now()
        let (content, documents) = try steps.run(.readContent) { () throws(DiagnosticList) in
            var reader = SiteReader(layout: layout, config: config, now: buildTime, progress: progress)
            reader.reusablePosts = reusablePosts
            var content = try reader.read()
            let documents = try SiteDocuments(content: content, config: config, layout: layout)
            content.warnings += documents.warnings
            return (content, documents)
        }
        return try steps.run(.prepareTemplates) { () throws(DiagnosticList) in
            try RenderState(layout: layout, config: config, content: content, documents: documents, buildTime: buildTime)
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
        GitHubMetadataPlugin.load(config, root: layout.root)?.apply(to: &config)
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
    /// `summaries`: each post's `summary`, in the same order.
    static func linkNeighbours(_ posts: [ValueObject], summaries: [Value]) -> [ValueObject] {
        // Each post is the `next` of one post and the `previous` of another: one summary
        // (a copy of its object) serves both, where making it per neighbour copied it twice.
        posts.indices.map { index in
            var post = posts[index]
            if index > 0 { post["next"] = summaries[index - 1] }
            if index + 1 < posts.count { post["previous"] = summaries[index + 1] }
            return post
        }
    }

    /// A post as a neighbour or a list shows it: without its content.
    static func summary(_ post: ValueObject) -> Value {
        var copy = post
        copy["content"] = nil
        return .object(copy)
    }

    /// `next` and `previous` of the post at `index` of `posts` (newest first): what the
    /// post's own page sees as `page.next` / `page.previous`, as in `site.posts`.
    static func neighbours(of index: Int, in posts: [ValueObject]) -> ValueObject {
        var fields = ValueObject()
        if index > 0 { fields["next"] = summary(posts[index - 1]) }
        if index + 1 < posts.count { fields["previous"] = summary(posts[index + 1]) }
        return fields
    }

    /// The same, from the posts' summaries made already (`RenderState.postSummaries`).
    static func neighbours(of index: Int, summaries: [Value]) -> ValueObject {
        var fields = ValueObject()
        if index > 0 { fields["next"] = summaries[index - 1] }
        if index + 1 < summaries.count { fields["previous"] = summaries[index + 1] }
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
            files.append(OutputFile(path: page.document.outputPath, contents: page.staged ?? .data(Data(page.html.utf8))))
            if let map = page.sourceMap {
                claim(page.document.outputPath + ".map", by: page.document.sourceDescription, location: SourceLocation(file: page.document.displayPath, line: 1))
                files.append(OutputFile(path: page.document.outputPath + ".map", contents: .data(Data(map.utf8))))
            }
        }
        for file in staticFiles where file.isWritten {
            claim(file.outputPath, by: file.source.lastPathComponent, location: SourceLocation(file: file.source.path, line: 1))
            files.append(OutputFile(path: file.outputPath, contents: .copy(file.source)))
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        return files
    }
}
