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

/// Builds a site: the pipeline as a list of named steps, each failure tagged with its step.
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

    /// Renders everything and writes the destination atomically.
    public func build() throws(DiagnosticList) -> BuildResult {
        let state = try renderState()
        var report = state.report
        var clock = StepClock()
        do {
            try SiteWriter(destination: layout.destination, keepFiles: state.config.keepFiles).write(state.files)
        } catch {
            throw DiagnosticList([error])
        }
        clock.lap("write")
        report.timings += clock.timings
        return report
    }

    /// Renders everything in memory without writing.
    public func render() throws(DiagnosticList) -> (files: [OutputFile], report: BuildResult) {
        let state = try renderState()
        return (state.files, state.report)
    }

    /// Renders everything and keeps the intermediate results, which the preview
    /// session reuses for incremental rebuilds. Every error comes with its source line.
    func renderState() throws(DiagnosticList) -> RenderState {
        do {
            return try renderSteps()
        } catch {
            throw error.withExcerpts(readingFrom: layout.root.path)
        }
    }

    private func renderSteps() throws(DiagnosticList) -> RenderState {
        var clock = StepClock()
        var config: SiteConfiguration
        do {
            config = try SiteConfiguration.load(layout: layout, overrides: overrides)
        } catch {
            throw DiagnosticList([error])
        }
        config.pluginList = try PluginList.load(config)
        clock.lap("config")

        let buildTime = now()
        let content = try SiteReader(layout: layout, config: config, now: buildTime, progress: progress).read()
        let templates = try TemplateSet(layout: layout, config: config, layouts: content.layouts, documents: content.documents)
        clock.lap("read")

        let hasRedirectLayout = content.layouts["redirect"] != nil
        let posts = RedirectFromPlugin.applyRedirectTo(
            content.documents.filter { $0.kind == .post || $0.kind == .draft }.sorted(by: SiteBuilder.newestFirst),
            config: config, hasLayout: hasRedirectLayout
        )
        let collectionDocuments = CollectionOrder.sorted(content.documents.filter { $0.kind == .document }, collections: config.collections)
        // Pages and the documents of other collections render in one step, after posts.
        let plainPages = RedirectFromPlugin.applyRedirectTo(
            PaginatePlugin.paginate(content.documents.filter { $0.kind == .page }, posts: posts, config: config),
            config: config, hasLayout: hasRedirectLayout
        )
        let redirectedDocuments = RedirectFromPlugin.applyRedirectTo(collectionDocuments, config: config, hasLayout: hasRedirectLayout)
        let pages = plainPages + redirectedDocuments + PluginList.pages(config, layout: layout, content: content)
            + RedirectFromPlugin.pages(posts + plainPages + redirectedDocuments, config: config, hasLayout: hasRedirectLayout, content: content)
        var variables = PageVariables(config: config)
        variables.pageExcerpts = layout.assets != nil || config.values["page_excerpts"] == .bool(true)
        let pageValues = plainPages.map { Value.object(variables.page($0)) }
        variables.siteContent = SiteContentVariables(
            content: content, pages: pageValues, pageDocuments: plainPages, collectionDocuments: collectionDocuments,
            config: config, variables: variables
        )
        let renderer = DocumentRenderer(
            config: config, templates: templates, markdown: templates.markdown, variables: variables,
            sass: SassCompiler(config: config, layout: layout)
        )

        // Posts first, with a site that lists them without content (as Jekyll does);
        // then every layout and page with the posts' rendered content and excerpts.
        let listingSite = variables.site(posts: posts.map { variables.page($0) }, pages: plainPages.map { variables.page($0) }, postDocuments: posts, time: buildTime)
        let bodies = try Parallel.map(Array(posts.indices), progress: ProgressCounter(step: "posts", total: posts.count, report: progress)) { (index: Int) throws(Diagnostic) -> RenderedBody in
            try renderer.renderBody(posts[index], site: RelatedPosts.site(listingSite, forPostAt: index))
        }
        clock.lap("posts")

        let postValues = bodies.map { variables.page($0.document, content: $0.contentHTML, excerpt: $0.excerptHTML, toc: $0.headings) }
        let site = RenderState.site(variables: variables, postValues: postValues, pages: pages, posts: posts, time: buildTime)
        let postPages = try Parallel.map(Array(bodies.indices), progress: ProgressCounter(step: "layouts", total: bodies.count, report: progress)) { (index: Int) throws(Diagnostic) -> RenderedPage in
            try renderer.applyLayouts(bodies[index], site: RelatedPosts.site(site, forPostAt: index), extra: SiteBuilder.neighbours(of: index, in: postValues))
        }
        let archives: [Document]
        do {
            archives = try Archives.documents(config: config, posts: posts, postValues: postValues)
        } catch {
            throw DiagnosticList([error])
        }
        let pageResults = try Parallel.map(PaginatePlugin.attachPaginators(pages, site: site, config: config) + archives) { (page: Document) throws(Diagnostic) -> RenderedPage in
            try renderer.applyLayouts(try renderer.renderBody(page, site: site), site: site)
        }
        clock.lap("layouts")

        var finished = postPages + pageResults
        let files = try SiteBuilder.outputs(pages: &finished, staticFiles: content.staticFiles)
        clock.lap("collect")
        var dependencies: [String: Set<String>] = [:]
        for page in finished {
            dependencies[page.document.outputPath] = page.dependencies.union([page.document.displayPath])
        }
        let report = BuildResult(
            posts: posts.count, pages: pages.count, staticFiles: content.staticFiles.count,
            timings: clock.timings, warnings: config.warnings + content.warnings, dependencies: dependencies
        )
        var state = RenderState(
            config: config, content: content, renderer: renderer, buildTime: buildTime, posts: posts, pages: pages,
            listingSite: listingSite, bodies: bodies, postValues: postValues, site: site, files: files, report: report
        )
        state.report.warnings += SiteChecks.buildWarnings(
            state: state, progress: ProgressCounter(step: "check", total: posts.count + pages.count, report: progress))
        clock.lap("check")
        state.report.timings = clock.timings
        return state
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
                errors.append(Diagnostic(location: location, message: "\(source) and \(first) would both write \(path); give one of them another permalink", step: "collect"))
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

/// Times the named steps of a build.
struct StepClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var timings: [(step: String, seconds: Double)] = []

    mutating func lap(_ step: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        timings.append((step, Double(now - last) / 1e9))
        last = now
    }
}
