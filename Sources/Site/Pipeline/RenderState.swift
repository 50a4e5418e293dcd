import Diagnostics
import Foundation
import Liquid

/// Everything a render computed, and the pipeline's steps as operations on it. A full
/// build runs each step over every document; the preview session runs the same steps
/// over the documents an edit touches and keeps the state between edits.
struct RenderState: Sendable {
    var config: SiteConfiguration
    var content: SiteContent
    var renderer: DocumentRenderer
    var buildTime: Date
    /// Posts and drafts, newest first.
    var posts: [Document]
    /// Everything rendered after the posts: pages (paginated), collection documents and
    /// the pages plugins generate (feed, sitemap, redirects). Archives are made later,
    /// from the rendered posts.
    var pages: [Document]
    /// The `site` post bodies see: posts listed without their content.
    var listingSite: Value
    /// The `page` object of every post without content or excerpt, in `posts` order:
    /// what a post's body sees as `page.previous` and `page.next`.
    var listedPosts: [ValueObject]
    /// Rendered bodies, in the order of `posts`.
    var bodies: [RenderedBody] = []
    /// The `page` object of every post, content and excerpt included, in `posts` order.
    var postValues: [ValueObject] = []
    /// Posts whose body `restoreBodies` has not restored yet: in `bodies` and `postValues`
    /// they have no content, excerpt or headings, so nothing may show them.
    var unrestored: Set<Int> = []
    /// The `site` layouts and pages see.
    var site: Value
    /// Each post's `page` object without content, in `posts` order: what lists (`page.next`,
    /// `page.previous`, archives) show. Made with `site` from `postValues` and shared by
    /// everything that lists a post; empty when `postValues` changed since.
    var postSummaries: [Value] = []
    /// Whether `site` holds posts' bodies as they are now (see `buildSite`).
    var siteIsCurrent = false
    /// jekyll-archives' pages, made with `site` (the gem adds them to `site.pages`, so
    /// `site.html_pages` and jekyll-sitemap list them) and rendered by `generatePages`; nil
    /// until `site` is made, or an error in the plugin's settings.
    var jekyllArchives: Result<[Document], Diagnostic>?
    var files: [OutputFile] = []
    var report: SiteBuildReport
    /// Which outputs show other posts' content or excerpts, from what each output read.
    var readers = PostContentUsage.Readers()
    /// Collection documents' bodies by relative path, rendered before pages (see
    /// `renderCollectionBodies`); emptied when posts are rendered again, after which
    /// `generatePages` renders the documents it selects afresh.
    var collectionBodies: [String: RenderedBody] = [:]
    /// Where finished pages go as soon as their layouts are applied, when the build writes a
    /// site (nil when the pages are wanted in memory: the preview, `render()`).
    var spool: PageSpool?

    /// The `site` layouts and pages see, made from `postValues`, and the posts' summaries
    /// (`postSummaries`) it links as neighbours.
    mutating func makeSite() {
        postSummaries = postValues.map(SiteBuilder.summary)
        let variables = renderer.variables
        site = variables.site(
            posts: SiteBuilder.linkNeighbours(postValues, summaries: postSummaries), pages: pages.filter { $0.kind == .page }.map { variables.page($0) },
            postDocuments: posts, time: buildTime
        )
        do throws(Diagnostic) {
            let archives = try JekyllArchivesPlugin.documents(config: config, posts: posts, summaries: postSummaries)
            jekyllArchives = .success(archives)
            if !archives.isEmpty, case .object(var object) = site {
                let values = archives.map { Value.object(variables.page($0)) }
                for key in ["pages", "html_pages"] {
                    if case .array(let list)? = object[key] { object[key] = .array(list + values) }
                }
                site = .object(object)
            }
        } catch {
            jekyllArchives = .failure(error)
        }
    }

    /// Releases what only rendering posts' bodies and making `site` need, once a build
    /// renders nothing again (a build that writes its site; not the preview, whose next edit
    /// starts from them): the posts' objects without bodies (`listedPosts`, `listingSite`) and
    /// with them (`postValues`, which `site` and `postSummaries` have copied). At 10,000
    /// posts each set is about 20 MB.
    mutating func releaseListings() {
        precondition(postSummaries.count == posts.count, "site is made")
        listedPosts = []
        listingSite = .null
        postValues = []
    }

    /// Releases `site` and the posts' summaries once every page is rendered, in a build that
    /// renders nothing again: the checks and the writer need only the outputs (and `bodies`,
    /// which the build cache records). At 10,000 posts `site` holds a copy of every post's
    /// object, 50 to 100 MB.
    mutating func releaseSite() {
        site = .null
        postSummaries = []
        siteIsCurrent = false
    }
}

/// The documents of a site as the renderer takes them: what `readContent` hands on.
struct SiteDocuments: Sendable {
    /// Posts and drafts, newest first.
    var posts: [Document]
    /// Pages, paginated: what `site.pages` lists.
    var listedPages: [Document]
    /// Documents of collections other than posts, in each collection's order.
    var collectionDocuments: [Document]
    /// Everything rendered after the posts.
    var pages: [Document]
    /// What the generators found worth a word (reported with the reader's warnings).
    var warnings: [Diagnostic] = []

    /// Sorts and classifies what was read, and adds the pages generators make before
    /// rendering (pagination, plugin pages, redirects).
    init(content: SiteContent, config: SiteConfiguration, layout: SiteFolders) throws(DiagnosticList) {
        let hasRedirectLayout = content.layouts["redirect"] != nil
        posts = RedirectFromPlugin.applyRedirectTo(
            content.documents.filter { $0.kind == .post || $0.kind == .draft }.sorted(by: SiteBuilder.newestFirst),
            config: config, hasLayout: hasRedirectLayout
        )
        collectionDocuments = CollectionOrder.sorted(content.documents.filter { $0.kind == .document }, collections: config.collections)
        let autopages: [Document]
        do throws(Diagnostic) {
            autopages = try PaginateV2Plugin.AutoPages.templates(config: config, posts: posts, collectionDocuments: collectionDocuments, layouts: content.layouts)
        } catch {
            throw DiagnosticList([error])
        }
        let paginated = try PaginateV2Plugin.paginate(
            PaginatePlugin.paginate(content.documents.filter { $0.kind == .page }, posts: posts, config: config) + autopages,
            posts: posts, collectionDocuments: collectionDocuments, config: config, root: layout.root, warnings: &warnings
        )
        listedPages = RedirectFromPlugin.applyRedirectTo(paginated, config: config, hasLayout: hasRedirectLayout)
        let redirectedDocuments = RedirectFromPlugin.applyRedirectTo(collectionDocuments, config: config, hasLayout: hasRedirectLayout)
        pages = listedPages + redirectedDocuments + PluginList.pages(config, layout: layout, content: content)
            // The gem walks `site.docs_to_write + site.pages`: posts oldest first, the other
            // collections' documents, then pages; that order decides redirects.json's order
            // and which of two stubs for one URL is written last.
            + RedirectFromPlugin.pages(posts.reversed() + redirectedDocuments + listedPages, config: config, hasLayout: hasRedirectLayout, content: content)
    }
}

/// Which outputs the steps after `renderBodies` redo.
struct RenderScope: Sendable {
    /// Posts (indices into `posts`) whose layouts are applied again.
    var posts: [Int]
    /// Output paths of the pages (and archives) rendered again; nil for all of them.
    var pageOutputs: Set<String>?
    /// Whether archives are made again (and rendered when `pageOutputs` selects them).
    var archives: Bool
    /// Whether layouts and pages need `site` to show posts' bodies as they are now.
    var needsCurrentSite: Bool

    static func everything(_ state: RenderState) -> RenderScope {
        RenderScope(posts: Array(state.posts.indices), pageOutputs: nil, archives: true, needsCurrentSite: true)
    }

    func selects(_ document: Document) -> Bool {
        pageOutputs?.contains(document.outputPath) ?? true
    }
}

extension RenderState {
    /// Step `prepareTemplates`: the variables documents see and the parsed layouts.
    init(layout: SiteFolders, config: SiteConfiguration, content: SiteContent, documents: SiteDocuments, buildTime: Date) throws(DiagnosticList) {
        var variables = PageVariables(config: config)
        variables.pageExcerpts = layout.assets != nil || config.values["page_excerpts"] == .bool(true)
        variables.strataLayout = layout.assets != nil
        variables.lastModifiedAt = LastModifiedAtPlugin.load(config, source: layout.content)
        variables.siteContent = SiteContentVariables(
            content: content, pages: documents.listedPages.map { Value.object(variables.page($0)) }, pageDocuments: documents.listedPages,
            collectionDocuments: documents.collectionDocuments, config: config, variables: variables
        )
        let templates = try SiteTemplates(layout: layout, config: config, layouts: content.layouts, documents: content.documents, staticFiles: content.staticFiles,
                                          lastModifiedAt: variables.lastModifiedAt)
        var renderer = DocumentRenderer(
            config: config, templates: templates, markdown: templates.markdown, variables: variables, sass: SassCompiler(config: config, layout: layout)
        )
        renderer.relativeLinks = RelativeLinksPlugin.load(config, content: content, documents: content.documents, root: layout.content)
        do {
            renderer.mentions = try MentionsPlugin.load(config)
            renderer.jemoji = try JemojiPlugin.load(config, site: layout.root)
            try FeedPlugin.checkSettings(config)
        } catch {
            throw DiagnosticList([error])
        }
        let listedPosts = Self.pages(of: documents.posts, variables: variables)
        let listingSite = variables.site(
            posts: listedPosts, pages: documents.listedPages.map { variables.page($0) }, postDocuments: documents.posts, time: buildTime
        )
        self.init(
            config: config, content: content, renderer: renderer, buildTime: buildTime, posts: documents.posts, pages: documents.pages,
            listingSite: listingSite, listedPosts: listedPosts, site: listingSite,
            report: SiteBuildReport(posts: 0, pages: 0, staticFiles: 0, timings: [], warnings: [], dependencies: [:])
        )
    }

    /// Each post's `page` object without content or excerpt, made on every core: a one-post
    /// build makes them for every post too, and at 10,000 posts they were most of its
    /// `prepareTemplates` step.
    private static func pages(of posts: [Document], variables: PageVariables) -> [ValueObject] {
        let slots = UnsafeMutableBufferPointer<ValueObject>.allocate(capacity: posts.count)
        defer { slots.deallocate() }
        // Each worker initializes its own slot only.
        nonisolated(unsafe) let base = slots.baseAddress
        DispatchQueue.concurrentPerform(iterations: posts.count) { index in
            (base! + index).initialize(to: variables.page(posts[index]))
        }
        return (0..<posts.count).map { (base! + $0).move() }
    }

    /// Step `prepareTemplates` again, after the `changed` layouts (by name) were edited: those
    /// parsed anew, everything else (the engine, its parsed includes, the variables, Sass
    /// settings) kept, since an edit to anything else takes a full render.
    mutating func prepareTemplates(changed: [String: Layout]) throws(DiagnosticList) {
        let templates = try renderer.templates.replacingLayouts(changed)
        var renewed = DocumentRenderer(config: config, templates: templates, markdown: templates.markdown, variables: renderer.variables, sass: renderer.sass)
        renewed.relativeLinks = renderer.relativeLinks
        renewed.mentions = renderer.mentions
        renewed.jemoji = renderer.jemoji
        renderer = renewed
    }

    /// Step `renderBodies` for the posts at `indices` (every post on a full render).
    /// Returns the indices whose excerpt changed: lists and neighbours show excerpts.
    mutating func renderBodies(_ indices: [Int], progress: (@Sendable (BuildProgress) -> Void)? = nil) throws(DiagnosticList) -> [Int] {
        let renderer = renderer
        let posts = posts
        let listingSite = listingSite
        let listedPosts = listedPosts
        // Jekyll's post body sees its neighbours too; without their content or excerpt,
        // which are not rendered yet, so an edit to one post's text never reaches another's body.
        let counter = ProgressCounter(step: BuildStep.renderBodies.rawValue, total: indices.count, report: progress)
        let rendered = try Parallel.map(indices, progress: counter) { (index: Int) throws(Diagnostic) -> RenderedBody in
            try renderer.renderBody(
                posts[index], site: RelatedPosts.site(listingSite, forPostAt: index), extra: SiteBuilder.neighbours(of: index, in: listedPosts)
            )
        }
        guard !rendered.isEmpty else { return [] }
        siteIsCurrent = false
        postSummaries = []
        collectionBodies = [:]
        let variables = renderer.variables
        func value(_ body: RenderedBody) -> ValueObject {
            variables.page(body.document, content: body.contentHTML, excerpt: body.excerptHTML, toc: body.headings)
        }
        if bodies.count != posts.count {
            precondition(indices == Array(posts.indices), "the first render renders every post")
            bodies = rendered
            postValues = rendered.map(value)
            return indices
        }
        var excerptsChanged: [Int] = []
        for (index, body) in zip(indices, rendered) {
            if body.excerptHTML != bodies[index].excerptHTML { excerptsChanged.append(index) }
            bodies[index] = body
            postValues[index] = value(body)
        }
        return excerptsChanged
    }

    /// The bodies a previous render left, by post index, in place of rendering them: what
    /// `renderBodies` then compares the re-rendered posts with and layouts wrap. The first call
    /// gives every post not in `restored` a body without content and its listed `page` value
    /// (`listedPosts`), and counts it in `unrestored` until a later call restores it: an edit's
    /// fast path decodes only the bodies its scope shows (`CachedSiteBuild.renderEdits`).
    mutating func restoreBodies(_ restored: [(index: Int, body: RenderedBody)]) {
        if bodies.count != posts.count {
            bodies = posts.map { RenderedBody(document: $0, contentHTML: "", excerptHTML: "", headings: [], dependencies: []) }
            postValues = listedPosts
            unrestored = Set(posts.indices)
        }
        let variables = renderer.variables
        // On every core: a value per post is most of what restoring the whole site costs.
        let slots = UnsafeMutableBufferPointer<ValueObject>.allocate(capacity: restored.count)
        defer { slots.deallocate() }
        // Each worker initializes its own slot only.
        nonisolated(unsafe) let base = slots.baseAddress
        DispatchQueue.concurrentPerform(iterations: restored.count) { slot in
            let body = restored[slot].body
            (base! + slot).initialize(to: variables.page(body.document, content: body.contentHTML, excerpt: body.excerptHTML, toc: body.headings))
        }
        for (slot, item) in restored.enumerated() {
            bodies[item.index] = item.body
            postValues[item.index] = (base! + slot).move()
            unrestored.remove(item.index)
        }
        siteIsCurrent = false
        postSummaries = []
    }

    /// Step `buildSite`: the `site` layouts and pages see, when they need it and it is
    /// out of date. It costs a pass over every post, which an edit that re-renders only
    /// post pages can skip: post layouts that read posts' bodies take the full path.
    mutating func buildSite(for scope: RenderScope) {
        guard scope.needsCurrentSite, !siteIsCurrent else { return }
        makeSite()
        siteIsCurrent = true
    }

    /// Step `applyLayouts`: each selected post's body in its layout chain, with the
    /// post's `page.previous` and `page.next`.
    func applyLayouts(_ scope: RenderScope, progress: (@Sendable (BuildProgress) -> Void)? = nil) throws(DiagnosticList) -> [RenderedPage] {
        let renderer = renderer
        let site = site
        let bodies = bodies
        let postValues = postValues
        // The summaries made with `site` when it is current; else (an edit that skipped
        // `buildSite`) made from `postValues` per neighbour.
        let summaries: [Value]? = postSummaries.count == posts.count ? postSummaries : nil
        let spool = spool
        // Each post's `page` object is made once per body (`renderBodies`), not once per
        // layout pass: a layout edit wraps every post again with the same objects.
        let pageValues = postValues.count == posts.count && unrestored.isEmpty ? postValues : nil
        let counter = ProgressCounter(step: BuildStep.applyLayouts.rawValue, total: scope.posts.count, report: progress)
        return try Parallel.map(scope.posts, progress: counter) { (index: Int) throws(Diagnostic) -> RenderedPage in
            try RenderState.spooled(
                renderer.applyLayouts(bodies[index], site: RelatedPosts.site(site, forPostAt: index), extra: summaries.map { SiteBuilder.neighbours(of: index, summaries: $0) } ?? SiteBuilder.neighbours(of: index, in: postValues),
                                      page: pageValues?[index]),
                into: spool
            )
        }
    }

    /// Step `generatePages`: the selected pages and archives, body then layouts, with the
    /// finished `site`.
    /// A page that prints other pages' `content` (a search index: `PagesContent`) is rendered
    /// after the others, with their bodies; a site with one renders every page each time.
    func generatePages(_ scope: RenderScope) throws(DiagnosticList) -> [RenderedPage] {
        let paginated = PaginatePlugin.attachPaginators(pages, site: site, config: config)
        let hasReaders = paginated.contains(where: PagesContent.reads)
        var documents = hasReaders ? paginated : paginated.filter(scope.selects)
        if scope.archives {
            do throws(Diagnostic) {
                let summaries = postSummaries.count == posts.count ? postSummaries : postValues.map(SiteBuilder.summary)
                documents += try Archives.documents(config: config, posts: posts, summaries: summaries).filter(scope.selects)
                let jekyllArchives: [Document]
                switch self.jekyllArchives {
                case .success(let made)?: jekyllArchives = made
                case .failure(let error)?: throw error
                case nil: jekyllArchives = try JekyllArchivesPlugin.documents(config: config, posts: posts, summaries: summaries)
                }
                documents += jekyllArchives.filter(scope.selects)
            } catch {
                throw DiagnosticList([error])
            }
        }
        let renderer = renderer
        let site = site
        let collectionBodies = collectionBodies
        let spool = spool
        let readers = hasReaders ? documents.filter(PagesContent.reads) : []
        let others = hasReaders ? documents.filter { !PagesContent.reads($0) } : documents
        let first = try Parallel.map(others) { (page: Document) throws(Diagnostic) -> (content: String, page: RenderedPage) in
            let body: RenderedBody
            if page.kind == .document, let kept = collectionBodies[page.relativePath] {
                body = kept
            } else {
                body = try renderer.renderBody(page, site: site)
            }
            let finished = try RenderState.spooled(renderer.applyLayouts(body, site: site), into: spool)
            return (hasReaders ? body.contentHTML : "", finished)
        }
        guard !readers.isEmpty else { return first.map(\.page) }
        var bodies: [String: String] = [:]
        for (document, result) in zip(others, first) where document.kind == .page { bodies[document.url] = result.content }
        let rendered = bodies
        let sources = Dictionary(documents.map { ($0.url, $0.body) }, uniquingKeysWith: { kept, _ in kept })
        let last = try Parallel.map(readers) { (page: Document) throws(Diagnostic) -> RenderedPage in
            let readerSite = PagesContent.site(site, for: page, rendered: rendered, sources: sources)
            let body = try renderer.renderBody(page, site: readerSite)
            return try RenderState.spooled(renderer.applyLayouts(body, site: readerSite), into: spool)
        }
        return first.map(\.page) + last
    }

    /// `page` with its bytes handed to `spool` (when the build has one), so that they leave
    /// memory as soon as the page is finished instead of when the site is written.
    static func spooled(_ page: RenderedPage, into spool: PageSpool?) throws(Diagnostic) -> RenderedPage {
        guard let spool, page.document.isWritten else { return page }
        var page = page
        page.staged = try spool.store(page.html, at: page.document.outputPath)
        page.html = ""
        return page
    }

    /// Records what each rendered output read, replacing what the previous render of the
    /// same output read: the dependency graph and the content readers the next edit asks.
    mutating func record(_ rendered: [RenderedPage], root: URL) {
        var texts = PostContentUsage.Texts(root: root)
        for page in rendered {
            let dependencies = page.dependencies.union([page.document.displayPath])
            report.dependencies[page.document.outputPath] = dependencies
            readers.record(page.document, dependencies: dependencies, texts: &texts,
                           feedShown: renderer.templates.feedReads.shown(page: page.document.url))
        }
    }
}
