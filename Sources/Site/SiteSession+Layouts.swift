import Diagnostics
import Foundation
import Liquid
import Markdown

extension SiteSession {
    /// Edits to existing layouts: bodies do not depend on layouts, so only the outputs
    /// that went through a changed layout are wrapped again, with the bodies already
    /// rendered. Returns nil for anything else (a new or deleted layout, say).
    func renderLayoutEdits(_ paths: [URL], state: RenderState) throws(DiagnosticList) -> Outcome? {
        let folder = builder.layout.layouts.standardizedFileURL.path + "/"
        guard !paths.isEmpty, paths.allSatisfy({ $0.path.hasPrefix(folder) }) else { return nil }
        var next = state
        let reader = SiteReader(layout: builder.layout, config: next.config, now: next.buildTime)
        var changed: Set<String> = []
        for url in paths {
            let relative = String(url.path.dropFirst(folder.count))
            guard FileManager.default.fileExists(atPath: url.path),
                  next.content.layouts[RelativePath.removingExtension(relative)] != nil else { return nil }
            do {
                let layout = try reader.readLayout(url, relative: relative)
                next.content.layouts[layout.name] = layout
                changed.insert(layout.displayPath)
            } catch {
                throw DiagnosticList([error])
            }
        }
        let templates = try TemplateSet(layout: builder.layout, config: next.config, layouts: next.content.layouts, documents: next.content.documents)
        next.renderer = DocumentRenderer(config: next.config, templates: templates, markdown: templates.markdown, variables: next.renderer.variables)
        let dependencies = next.report.dependencies
        let affected = { (document: Document) in !(dependencies[document.outputPath] ?? []).isDisjoint(with: changed) }
        let renderer = next.renderer
        let site = next.site
        let allBodies = next.bodies
        let postValues = next.postValues
        let postIndices = allBodies.indices.filter { affected(allBodies[$0].document) }
        let archives: [Document]
        do {
            archives = try Archives.documents(config: next.config, posts: next.posts, postValues: next.postValues)
        } catch {
            throw DiagnosticList([error])
        }
        let pages = (next.pages + archives).filter(affected)
        let postPages = try Parallel.map(postIndices) { (index: Int) throws(Diagnostic) -> RenderedPage in
            try renderer.applyLayouts(allBodies[index], site: RelatedPosts.site(site, forPostAt: index), extra: SiteBuilder.neighbours(of: index, in: postValues))
        }
        let pagePages = try Parallel.map(pages) { (page: Document) throws(Diagnostic) -> RenderedPage in
            try renderer.applyLayouts(try renderer.renderBody(page, site: site), site: site)
        }
        let outputs = (postPages + pagePages).map { OutputFile(path: $0.document.outputPath, contents: .data(Data($0.html.utf8))) }
        let written = try writeChanged(outputs)
        commit(next)
        return Outcome(changedOutputs: written.sorted(), renderedDocuments: postIndices.count + pages.count, fullRender: false, failure: nil, seconds: 0)
    }
}
