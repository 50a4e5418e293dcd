import Diagnostics
import Foundation
import Liquid

/// Everything one full render computed, kept by the preview session so that an edit
/// to one post re-renders that post and the pages that list posts, nothing else.
struct RenderState: Sendable {
    var config: SiteConfiguration
    var content: SiteContent
    var renderer: DocumentRenderer
    var buildTime: Date
    /// Posts and drafts, newest first.
    var posts: [Document]
    var pages: [Document]
    /// The `site` post bodies see: posts listed without their content.
    var listingSite: Value
    /// Rendered bodies, in the order of `posts`.
    var bodies: [RenderedBody]
    /// The `page` object of every post, content and excerpt included, in `posts` order.
    var postValues: [ValueObject]
    /// The `site` layouts and pages saw.
    var site: Value
    var files: [OutputFile]
    var report: BuildResult

    /// The `site` layouts and pages see.
    static func site(variables: PageVariables, postValues: [ValueObject], pages: [Document], posts: [Document], time: Date) -> Value {
        variables.site(
            posts: SiteBuilder.linkNeighbours(postValues), pages: pages.filter { $0.kind == .page }.map { variables.page($0) },
            postDocuments: posts, time: time
        )
    }
}
