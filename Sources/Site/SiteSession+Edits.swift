import Diagnostics
import Foundation
import Liquid

extension SiteSession {
    /// The fast path: edits to the text of existing posts and pages, and to static files.
    /// An edit that changes a post's excerpt also re-renders the lists (pages, archives)
    /// and the posts beside it. Returns nil when the edit can change more than that (a new
    /// or deleted file, front matter, a layout, an include, the configuration…): the
    /// caller then renders everything, which is always right.
    func renderEdits(_ paths: [URL]) throws(DiagnosticList) -> Outcome? {
        guard var next = currentState else { return nil }
        // Paginated pages hold their posts' values: any post edit renders everything.
        if next.pages.contains(where: { $0.pagination != nil }) { return nil }
        if let layoutEdit = try renderLayoutEdits(paths, state: next) { return layoutEdit }
        let reader = SiteReader(layout: builder.layout, config: next.config, now: next.buildTime)
        let variables = next.renderer.variables
        var changedPosts: [Int] = []
        var changedPages: [Int] = []
        var excerptsChanged = false
        var staticCopies: [StaticFile] = []

        for url in paths {
            if let index = next.posts.firstIndex(where: { sourceURL($0) == url }) {
                let old = next.posts[index]
                guard let document = try reread(old, at: url, reader: reader) else { return nil }
                if document.body == old.body { continue }
                let body = try render { () throws(Diagnostic) in try next.renderer.renderBody(document, site: RelatedPosts.site(next.listingSite, forPostAt: index)) }
                // The excerpt is what lists show: when it changes, lists must be rebuilt.
                if body.excerptHTML != next.bodies[index].excerptHTML {
                    if readers.postsReadExcerpts { return nil }
                    excerptsChanged = true
                    // page.next and page.previous carry the excerpt to the posts beside it.
                    changedPosts += [index - 1, index + 1].filter { next.posts.indices.contains($0) }
                }
                next.posts[index] = document
                next.bodies[index] = body
                next.postValues[index] = variables.page(document, content: body.contentHTML, excerpt: body.excerptHTML, toc: body.headings)
                changedPosts.append(index)
            } else if let index = next.pages.firstIndex(where: { sourceURL($0) == url }) {
                let old = next.pages[index]
                // A stylesheet also writes its source map: render everything.
                if old.sassSyntax != nil { return nil }
                guard let document = try reread(old, at: url, reader: reader) else { return nil }
                if document.body == old.body { continue }
                next.pages[index] = document
                changedPages.append(index)
            } else if let file = next.content.staticFiles.first(where: { $0.source.standardizedFileURL == url }),
                      FileManager.default.fileExists(atPath: url.path) {
                staticCopies.append(file)
            } else if isIgnorable(url) {
                continue
            } else {
                return nil
            }
        }

        var outputs: [OutputFile] = []
        var rendered = 0
        if !changedPosts.isEmpty || !changedPages.isEmpty {
            // A post's text shows on its own page and on the pages whose templates read
            // posts' content; lists of titles and excerpts (the index, archives) keep theirs.
            if !changedPosts.isEmpty, readers.postsReadContent { return nil }
            changedPosts = Array(Set(changedPosts)).sorted()
            let contentPages = changedPosts.isEmpty ? [] : readers.contentPages
            var pagesToRender = next.pages.enumerated()
                .filter { excerptsChanged || changedPages.contains($0.offset) || contentPages.contains($0.element.outputPath) }
                .map(\.element)
            if excerptsChanged {
                do {
                    pagesToRender += try Archives.documents(config: next.config, posts: next.posts, postValues: next.postValues)
                } catch {
                    throw DiagnosticList([error])
                }
            }
            // Post layouts do not read posts' content (checked above), so the post pages may
            // keep the previous `site`; only pages that show content need the new one,
            // which costs a pass over every post.
            if !pagesToRender.isEmpty {
                next.site = RenderState.site(variables: variables, postValues: next.postValues, pages: next.pages, posts: next.posts, time: next.buildTime)
            }
            let site = next.site
            let renderer = next.renderer
            let bodies = next.bodies
            let postValues = next.postValues
            let postPages = try Parallel.map(changedPosts) { (index: Int) throws(Diagnostic) -> RenderedPage in
                try renderer.applyLayouts(bodies[index], site: RelatedPosts.site(site, forPostAt: index), extra: SiteBuilder.neighbours(of: index, in: postValues))
            }
            let pagePages = try Parallel.map(pagesToRender) { (page: Document) throws(Diagnostic) -> RenderedPage in
                try renderer.applyLayouts(try renderer.renderBody(page, site: site), site: site)
            }
            rendered = changedPosts.count + pagesToRender.count
            for page in postPages + pagePages {
                outputs.append(OutputFile(path: page.document.outputPath, contents: .data(Data(page.html.utf8))))
            }
        }
        outputs += staticCopies.map { OutputFile(path: $0.outputPath, contents: .copy($0.source)) }
        let changed = try writeChanged(outputs)
        commit(next)
        return Outcome(changedOutputs: changed.sorted(), renderedDocuments: rendered, fullRender: false, failure: nil, seconds: 0)
    }

    private func sourceURL(_ document: Document) -> URL {
        builder.layout.content.appendingPathComponent(document.relativePath).standardizedFileURL
    }

    /// Editors' temporary and backup files never affect the site.
    private func isIgnorable(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
    }

    /// The document as it is now, or nil when anything but its body changed.
    private func reread(_ old: Document, at url: URL, reader: SiteReader) throws(DiagnosticList) -> Document? {
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
        guard let document, document.frontMatter == old.frontMatter, document.url == old.url,
              document.date == old.date, document.bodyFirstLine == old.bodyFirstLine else { return nil }
        return document
    }

    private func render<T>(_ work: () throws(Diagnostic) -> T) throws(DiagnosticList) -> T {
        do {
            return try work()
        } catch {
            throw DiagnosticList([error])
        }
    }
}
