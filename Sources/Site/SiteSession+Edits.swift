import Diagnostics
import Foundation
import Liquid

extension SiteSession {
    /// What an edit changed, as the fast path's `readContent` step finds it.
    struct Edit {
        /// Posts (indices into `posts`) whose text changed, front matter unchanged.
        var posts: [Int] = []
        /// Pages (indices into `pages`) whose text changed, front matter unchanged.
        var pages: [Int] = []
        /// Display paths of existing layouts that changed.
        var layouts: Set<String> = []
        /// The changed layouts as read now, by name.
        var layoutSources: [String: Layout] = [:]
        var staticFiles: [StaticFile] = []
    }

    /// The fast path: the build's own steps, run over what an edit touches. Returns nil
    /// when the dependency graph cannot prove a subset is enough (a new or deleted file,
    /// front matter, an include, the configuration, data, pagination…): the caller then
    /// renders everything, which is always right.
    func renderEdits(_ paths: [URL]) throws(DiagnosticList) -> Outcome? {
        guard var next = currentState else { return nil }
        // Paginated pages hold their posts' values: any edit renders everything. So does an
        // unpaginated jekyll-paginate-v2 autopage, whose text is its layout's, copied when read.
        if next.pages.contains(where: { $0.pagination != nil || $0.frontMatter["autopage"] != nil }) { return nil }
        var steps = StepRunner()
        guard let edit = try steps.run(.readContent, { () throws(DiagnosticList) in try readEdit(paths, into: &next) }) else { return nil }
        // jekyll-include-cache empties its cache before every render of the site.
        next.renderer.templates.engine.configuration.includeCache?.removeAll()
        if !edit.layouts.isEmpty {
            try steps.run(.prepareTemplates) { () throws(DiagnosticList) in try next.prepareTemplates(changed: edit.layoutSources) }
        }
        // Who shows what of other posts, as the last render of each output read it.
        if !edit.posts.isEmpty, next.readers.postsReadContent { return nil }
        if !edit.staticFiles.isEmpty, !next.readers.staticFileReaders.isEmpty { return nil }
        let excerptsChanged = try steps.run(.renderBodies) { () throws(DiagnosticList) in try next.renderBodies(edit.posts) }
        if !excerptsChanged.isEmpty, next.readers.postsReadExcerpts { return nil }

        let scope = Self.scope(of: edit, excerptsChanged: excerptsChanged, in: next)
        try steps.run(.buildSite) { () throws(DiagnosticList) in next.buildSite(for: scope) }
        let postPages = try steps.run(.applyLayouts) { () throws(DiagnosticList) in try next.applyLayouts(scope) }
        let pages = try steps.run(.generatePages) { () throws(DiagnosticList) in try next.generatePages(scope) }
        var finished = postPages + pages
        next.record(finished, root: builder.layout.root)
        let outputs = try steps.run(.collectOutputs) { () throws(DiagnosticList) in
            try SiteBuilder.outputs(pages: &finished, staticFiles: edit.staticFiles)
        }
        let changed = try steps.run(.write) { () throws(DiagnosticList) in try writeChanged(outputs) }
        commit(next)
        return Outcome(changedOutputs: changed.sorted(), renderedDocuments: postPages.count + pages.count, fullRender: false, failure: nil, seconds: 0)
    }

    /// The outputs an edit reaches: a post's own page; the pages whose last render read
    /// posts' content; with a changed excerpt, the posts beside it and every list; every
    /// output whose last render went through a changed layout.
    static func scope(of edit: Edit, excerptsChanged: [Int], in state: RenderState) -> RenderScope {
        var posts = Set(edit.posts)
        // page.next and page.previous carry the excerpt to the posts beside it.
        for index in excerptsChanged {
            posts.formUnion([index - 1, index + 1].filter { state.posts.indices.contains($0) })
        }
        var pageOutputs = Set(edit.pages.map { state.pages[$0].outputPath })
        // Pages that show the edited posts' content: any post's, or (feeds) these posts'.
        var contentShown = Set<String>()
        if !edit.posts.isEmpty {
            contentShown = state.readers.contentPages
            let urls = Set(edit.posts.map { state.posts[$0].url })
            for (feed, shown) in state.readers.feedPages where !shown.isDisjoint(with: urls) { contentShown.insert(feed) }
        }
        pageOutputs.formUnion(contentShown)
        if !edit.layouts.isEmpty {
            let through = Set(state.report.dependencies.filter { !$0.value.isDisjoint(with: edit.layouts) }.keys)
            posts.formUnion(state.posts.indices.filter { through.contains(state.posts[$0].outputPath) })
            pageOutputs.formUnion(through)
        }
        let everyPage = !excerptsChanged.isEmpty
        return RenderScope(
            posts: posts.sorted(), pageOutputs: everyPage ? nil : pageOutputs, archives: everyPage || !edit.layouts.isEmpty,
            // Post layouts do not read posts' bodies (the fast path checked), so post pages
            // alone may keep the previous `site`; pages, and anything a changed layout
            // wraps, need the current one.
            needsCurrentSite: everyPage || !edit.layouts.isEmpty || !edit.pages.isEmpty || !contentShown.isEmpty
        )
    }

    /// Step `readContent` over the edited files, into `state`; nil when an edit is more
    /// than new text in an existing post, page or layout, or a static file's new bytes.
    private func readEdit(_ paths: [URL], into state: inout RenderState) throws(DiagnosticList) -> Edit? {
        let reader = SiteReader(layout: builder.layout, config: state.config, now: state.buildTime)
        var edit = Edit()
        for url in paths {
            // Layouts first: known by their folder, without searching the documents.
            if isLayout(url) {
                guard let layout = try rereadLayout(url, in: state, reader: reader) else { return nil }
                state.content.layouts[layout.name] = layout
                edit.layouts.insert(layout.displayPath)
                edit.layoutSources[layout.name] = layout
            } else if let index = documentIndex(of: url, in: state.posts) {
                let old = state.posts[index]
                guard let document = try reread(old, at: url, reader: reader, layouts: state.content.layouts) else { return nil }
                if document.body == old.body { continue }
                state.posts[index] = document
                edit.posts.append(index)
            } else if let index = documentIndex(of: url, in: state.pages) {
                let old = state.pages[index]
                // A stylesheet also writes its source map: render everything.
                if old.sassSyntax != nil { return nil }
                guard let document = try reread(old, at: url, reader: reader, layouts: state.content.layouts) else { return nil }
                if document.body == old.body { continue }
                state.pages[index] = document
                edit.pages.append(index)
            } else if let file = state.content.staticFiles.first(where: { $0.source.standardizedFileURL == url }),
                      FileManager.default.fileExists(atPath: url.path) {
                edit.staticFiles.append(file)
            } else if isIgnorable(url) {
                continue
            } else {
                return nil
            }
        }
        return edit
    }

    /// The document read from `url` (standardized), found by its display path (relative to the
    /// root, or absolute outside it; `relativePath` starts below `collections_dir`) as text: a URL
    /// per document (with `standardizedFileURL`'s work) cost more than a post edit's render.
    /// A document whose display path is not in standard form is not found, and the edit then
    /// takes the full path, which is always right.
    private func documentIndex(of url: URL, in documents: [Document]) -> Int? {
        let rootPath = builder.layout.root.standardizedFileURL.path
        let path = url.path
        let relative = path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : nil
        return documents.firstIndex { $0.displayPath == relative || $0.displayPath == path }
    }

    /// Editors' temporary and backup files never affect the site.
    private func isIgnorable(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
    }

    /// The document as it is now, or nil when anything but its body changed.
    private func reread(_ old: Document, at url: URL, reader: SiteReader, layouts: [String: Layout]) throws(DiagnosticList) -> Document? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let document: Document?
        do {
            switch old.kind {
            case .document:
                // A collection's document shows in `site.COLLECTION`: render everything.
                return nil
            case .page:
                document = try reader.readPage(url, relative: old.relativePath)
            case .post, .draft:
                guard case .document(let post) = try reader.readPost(url, relative: old.relativePath, kind: old.kind, permalink: Permalink(reader.config.postsPermalink)) else {
                    return nil
                }
                document = post
            }
        } catch {
            throw DiagnosticList([error])
        }
        guard let document = document.map({ PageGenerators(reader: reader).rerun(on: $0, layouts: layouts) }),
              document.frontMatter == old.frontMatter, document.url == old.url,
              document.date == old.date, document.bodyFirstLine == old.bodyFirstLine else { return nil }
        return document
    }
}
