import Diagnostics
import Foundation
import Liquid

/// A site read and rendered once, from which single documents can be rendered again:
/// what benchmarks measure, without the cost of reading files.
public struct PreparedSite: Sendable {
    let state: RenderState

    public init(builder: SiteBuilder) throws(DiagnosticList) {
        state = try builder.renderState()
    }

    /// Renders one post or page (content-relative path) through Liquid, Markdown and its
    /// whole layout chain, exactly as a build does.
    public func render(documentAt relativePath: String) throws(Diagnostic) -> String {
        let renderer = state.renderer
        let site = state.site
        if let index = state.posts.firstIndex(where: { $0.relativePath == relativePath }) {
            let body = try renderer.renderBody(state.posts[index], site: RelatedPosts.site(state.listingSite, forPostAt: index))
            return try renderer.applyLayouts(body, site: RelatedPosts.site(site, forPostAt: index), extra: SiteBuilder.neighbours(of: index, in: state.postValues)).html
        }
        guard let page = state.pages.first(where: { $0.relativePath == relativePath }) else {
            throw Diagnostic(location: nil, message: "no post or page at \(relativePath)")
        }
        return try renderer.applyLayouts(try renderer.renderBody(page, site: site), site: site).html
    }

    /// How many templates the engine has parsed so far (layouts, includes, bodies).
    public var templateParseCount: Int { state.renderer.templates.engine.parseCount }

    /// How many distinct templates one build needs: every layout, every include file read,
    /// every document body that holds Liquid markup, and the table-of-contents call.
    public var distinctTemplateCount: Int {
        let includes = state.report.dependencies.values.reduce(into: Set<String>()) { result, paths in
            result.formUnion(paths.filter { $0.hasPrefix(state.renderer.templates.includesDisplayPath) })
        }
        let bodies = (state.posts + state.pages).filter {
            TextSearch.contains($0.body, "{{") || TextSearch.contains($0.body, "{%")
        }
        return state.renderer.templates.layouts.count + includes.count + bodies.count + 1
    }
}
