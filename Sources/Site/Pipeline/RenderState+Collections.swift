import Diagnostics
import Foundation
import Liquid

extension RenderState {
    /// Part of step `buildSite`: the bodies of collection documents (other than posts),
    /// rendered with the `site` that holds posts' bodies, as Jekyll renders every
    /// collection before pages (`Site#render_docs`). `site.COLLECTION`, `site.documents`
    /// and `site.collections[].docs` then hold each document's `content` and `excerpt`
    /// for pages and jekyll-feed's collection feeds, and `generatePages` wraps the bodies
    /// kept here instead of rendering them again.
    mutating func renderCollectionBodies() throws(DiagnosticList) {
        let documents = pages.filter { $0.kind == .document }
        guard !documents.isEmpty else { return }
        let renderer = renderer
        let site = site
        let rendered = try Parallel.map(documents) { (document: Document) throws(Diagnostic) -> RenderedBody in
            try renderer.renderBody(document, site: site)
        }
        var bodies: [String: RenderedBody] = [:]
        for body in rendered { bodies[body.document.relativePath] = body }
        let variables = renderer.variables
        var content = variables.siteContent
        for index in content.collections.indices {
            content.collections[index].documents = content.collections[index].documents.map { value in
                guard case .object(let listed) = value, case .string(let path)? = listed["relative_path"],
                      let body = bodies[path] else { return value }
                return .object(variables.page(body.document, content: body.contentHTML, excerpt: body.excerptHTML))
            }
        }
        self.renderer.variables.siteContent = content
        collectionBodies = bodies
        makeSite()
    }
}
