import Foundation
import Liquid

/// One source file that becomes a page of the site: a post, a draft, a page, or a
/// document of a collection other than posts.
public struct Document: Sendable {
    public enum Kind: String, Sendable { case post, draft, page, document }

    public var kind: Kind
    /// Path relative to the content folder, e.g. `_posts/2021-03-07-docker.md`.
    public var relativePath: String
    /// Path as shown in messages, relative to the site root.
    public var displayPath: String
    /// What made the document, when it is not a file of its own (archive pages).
    public var origin: String?
    public var frontMatter: ValueObject
    public var keyLines: [String: Int]
    public var body: String
    public var bodyFirstLine: Int
    public var date: Date?
    /// The `:title` of permalinks: the file-name slug, or front matter `slug`.
    public var slug: String
    public var title: String
    public var categories: [String]
    public var tags: [String]
    public var layout: String?
    public var isMarkdown: Bool
    /// Where the page is served, without the baseurl: `/general/2021/03/07/x.html`.
    public var url: String
    /// The output file, relative to the destination.
    public var outputPath: String
    /// The collection's label: `posts` for posts and drafts, nil for pages.
    public var collection: String?
    /// False for documents of a collection without `output: true`: listed, never written.
    public var isWritten = true
    /// The page's place among jekyll-paginate's pages, and the `paginator` it sees.
    var pagination: PaginatePlugin.Position?
    var paginator: ValueObject?
    /// Set for `.scss`/`.sass` pages, which are compiled to CSS after Liquid.
    var sassSyntax: SassCompiler.Syntax?

    /// How messages name the document.
    public var sourceDescription: String { origin ?? displayPath }

    /// The id Jekyll gives documents: `File.join(File.dirname(url), slug)`, so
    /// `/2021/03/07/docker.html` and `/2021/03/07/docker/` both give `/2021/03/07/docker`.
    public var id: String {
        var path = url
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        return folder + "/" + slug
    }
}

/// A layout: a template that wraps `content`, possibly inside a parent layout.
struct Layout: Sendable {
    var name: String
    var displayPath: String
    var frontMatter: ValueObject
    var parent: String?
    var parentLine: Int?
    var body: String
    var bodyFirstLine: Int
}

/// A file copied to the site as it is.
public struct StaticFile: Sendable, Hashable {
    public var source: URL
    /// The output path relative to the destination.
    public var outputPath: String
    /// The collection a file without front matter sits in (`site.COLLECTION.files`).
    public var collection: String? = nil
}
