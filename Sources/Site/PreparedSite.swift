import Diagnostics
import Foundation
import Liquid

/// A site read and rendered once, from which single documents can be rendered again:
/// how tests see that re-rendering a document parses no layout or include again.
struct PreparedSite: Sendable {
    let state: RenderState

    init(builder: SiteBuilder) throws(DiagnosticList) {
        state = try builder.renderState()
    }

    /// Renders one post or page (content-relative path) through Liquid, Markdown and its
    /// whole layout chain, with the build's own steps.
    func render(documentAt relativePath: String) throws(DiagnosticList) -> String {
        var state = state
        if let index = state.posts.firstIndex(where: { $0.relativePath == relativePath }) {
            _ = try state.renderBodies([index])
            let scope = RenderScope(posts: [index], pageOutputs: [], archives: false, needsCurrentSite: false)
            return try state.applyLayouts(scope)[0].html
        }
        guard let page = state.pages.first(where: { $0.relativePath == relativePath }) else {
            throw DiagnosticList([Diagnostic(location: nil, message: "no post or page at \(relativePath)")])
        }
        let scope = RenderScope(posts: [], pageOutputs: [page.outputPath], archives: false, needsCurrentSite: false)
        return try state.generatePages(scope)[0].html
    }

    /// How many templates the engine has parsed so far (layouts, includes, bodies).
    var templateParseCount: Int { state.renderer.templates.engine.parseCount }

    /// How many distinct templates one build needs: every layout, every include file read,
    /// every document body that holds Liquid markup, and the table-of-contents call.
    var distinctTemplateCount: Int {
        let includes = state.report.dependencies.values.reduce(into: Set<String>()) { result, paths in
            result.formUnion(paths.filter { $0.hasPrefix(state.renderer.templates.includesDisplayPath) })
        }
        let bodies = (state.posts + state.pages).filter {
            TextSearch.contains($0.body, "{{") || TextSearch.contains($0.body, "{%")
        }
        return state.renderer.templates.layouts.count + includes.count + bodies.count + 1
    }
}
