import Foundation
import Liquid

/// jekyll-default-layout (0.1.5): a Markdown page or post with no `layout` key (neither its
/// own nor from `defaults:`; `layout: null` is a key) gets the first of these layouts that
/// exists: `home` for the page served at `/`, `page` for pages, `post` for posts, then
/// `default`. Other collections' documents and HTML files are left alone. No settings.
enum DefaultLayoutPlugin {
    static let name = "jekyll-default-layout"

    /// The layout the gem gives `document`, or nil when none of its layouts exists.
    static func layout(for document: Document, layouts: [String: Layout]) -> String? {
        if document.url == "/", layouts["home"] != nil { return "home" }
        if document.kind == .page, layouts["page"] != nil { return "page" }
        if document.kind == .post || document.kind == .draft, layouts["post"] != nil { return "post" }
        return layouts["default"] != nil ? "default" : nil
    }

    static func generate(documents: inout [Document], layouts: [String: Layout], reused: (Document) -> Bool) {
        for index in documents.indices where !reused(documents[index]) {
            generate(&documents[index], layouts: layouts)
        }
    }

    /// The gem's rule for one document.
    static func generate(_ document: inout Document, layouts: [String: Layout]) {
        guard [.page, .post, .draft].contains(document.kind), document.isMarkdown, document.frontMatter["layout"] == nil,
              let name = layout(for: document, layouts: layouts) else { return }
        var fields = document.frontMatter
        fields["layout"] = .string(name)
        document.frontMatter = fields
        document.layout = name
    }
}
