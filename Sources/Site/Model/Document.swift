import Foundation
import Liquid

/// One source file that becomes a page of the site: a post, a draft, a page, or a
/// document of a collection other than posts.
///
/// A value type held in one reference (copy on write): the pipeline passes every post
/// through arrays from step to step (the reader, `SiteDocuments`, the templates, `site`,
/// the build cache), and a copy of a struct of twenty reference-counted fields cost twenty
/// retains and releases, a fifth of a one-post build's time at 10,000 posts. A copy now costs
/// one; the first change to a shared copy copies the fields once.
public struct Document: Sendable {
    public enum Kind: String, Sendable { case post, draft, page, document }

    /// The source text after the front matter: in memory, or where the build cache's render
    /// record holds it (`RenderRecord`), decoded on each read: a one-post build takes
    /// 10,000 unchanged posts from the record and reads the text of none of them.
    enum Source: @unchecked Sendable {
        case text(String)
        /// UTF-8 bytes inside a record file, which the reference keeps mapped.
        case recorded(RecordBytes, Range<Int>)

        var text: String {
            switch self {
            case .text(let text): return text
            case .recorded(let file, let range):
                return String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[range]), as: UTF8.self)
            }
        }
    }

    /// The fields, shared between copies until one of them changes.
    // Changed only after `makeUnique()` made it this value's own.
    private final class Storage: @unchecked Sendable {
        var kind: Kind
        var relativePath: String
        var displayPath: String
        var origin: String?
        var frontMatter: ValueObject
        var keyLines: [String: Int]
        var source: Source
        var bodyFirstLine: Int
        var date: Date?
        var slug: String
        var title: String
        var categories: [String]
        var tags: [String]
        var layout: String?
        var isMarkdown: Bool
        var url: String
        var outputPath: String
        var collection: String?
        var isWritten: Bool
        var pagination: PaginatePlugin.Position?
        var paginator: ValueObject?
        var sassSyntax: SassCompiler.Syntax?

        init(kind: Kind, relativePath: String, displayPath: String, origin: String?, frontMatter: ValueObject,
            keyLines: [String: Int], source: Source, bodyFirstLine: Int, date: Date?, slug: String, title: String,
            categories: [String], tags: [String], layout: String?, isMarkdown: Bool, url: String, outputPath: String,
            collection: String?, isWritten: Bool, pagination: PaginatePlugin.Position?, paginator: ValueObject?,
            sassSyntax: SassCompiler.Syntax?) {
            self.kind = kind
            self.relativePath = relativePath
            self.displayPath = displayPath
            self.origin = origin
            self.frontMatter = frontMatter
            self.keyLines = keyLines
            self.source = source
            self.bodyFirstLine = bodyFirstLine
            self.date = date
            self.slug = slug
            self.title = title
            self.categories = categories
            self.tags = tags
            self.layout = layout
            self.isMarkdown = isMarkdown
            self.url = url
            self.outputPath = outputPath
            self.collection = collection
            self.isWritten = isWritten
            self.pagination = pagination
            self.paginator = paginator
            self.sassSyntax = sassSyntax
        }

        func copy() -> Storage {
            Storage(kind: kind, relativePath: relativePath, displayPath: displayPath, origin: origin, frontMatter: frontMatter,
                keyLines: keyLines, source: source, bodyFirstLine: bodyFirstLine, date: date, slug: slug, title: title,
                categories: categories, tags: tags, layout: layout, isMarkdown: isMarkdown, url: url, outputPath: outputPath,
                collection: collection, isWritten: isWritten, pagination: pagination, paginator: paginator, sassSyntax: sassSyntax)
        }
    }

    private var storage: Storage

    /// Makes the storage this value's own before a change: a copy of the fields when it is shared.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    init(kind: Kind, relativePath: String, displayPath: String, origin: String? = nil, frontMatter: ValueObject,
        keyLines: [String: Int], body: String, bodyFirstLine: Int, date: Date?, slug: String, title: String, categories: [String],
        tags: [String], layout: String?, isMarkdown: Bool, url: String, outputPath: String, collection: String? = nil,
        isWritten: Bool = true, pagination: PaginatePlugin.Position? = nil, paginator: ValueObject? = nil,
        sassSyntax: SassCompiler.Syntax? = nil) {
        storage = Storage(kind: kind, relativePath: relativePath, displayPath: displayPath, origin: origin, frontMatter: frontMatter,
            keyLines: keyLines, source: .text(body), bodyFirstLine: bodyFirstLine, date: date, slug: slug, title: title,
            categories: categories, tags: tags, layout: layout, isMarkdown: isMarkdown, url: url, outputPath: outputPath,
            collection: collection, isWritten: isWritten, pagination: pagination, paginator: paginator, sassSyntax: sassSyntax)
    }

    /// The same document with its text where a render record holds it (`RenderRecord`).
    init(recorded document: Document, source file: RecordBytes, range: Range<Int>) {
        self = document
        makeUnique()
        storage.source = .recorded(file, range)
    }

    /// Whether `other` is this value, unchanged since it was copied (they share their fields).
    func isUnchangedCopy(of other: Document) -> Bool { storage === other.storage }

    public var kind: Kind {
        get { storage.kind }
        _modify {
            makeUnique()
            yield &storage.kind
        }
    }
    /// Path relative to the content folder, e.g. `_posts/2021-03-07-docker.md`.
    public var relativePath: String {
        get { storage.relativePath }
        _modify {
            makeUnique()
            yield &storage.relativePath
        }
    }
    /// Path as shown in messages, relative to the site root.
    public var displayPath: String {
        get { storage.displayPath }
        _modify {
            makeUnique()
            yield &storage.displayPath
        }
    }
    /// What made the document, when it is not a file of its own (archive pages).
    public var origin: String? {
        get { storage.origin }
        _modify {
            makeUnique()
            yield &storage.origin
        }
    }
    public var frontMatter: ValueObject {
        get { storage.frontMatter }
        _modify {
            makeUnique()
            yield &storage.frontMatter
        }
    }
    public var keyLines: [String: Int] {
        get { storage.keyLines }
        _modify {
            makeUnique()
            yield &storage.keyLines
        }
    }
    /// The source text after the front matter.
    public var body: String {
        get { storage.source.text }
        set {
            makeUnique()
            storage.source = .text(newValue)
        }
    }
    public var bodyFirstLine: Int {
        get { storage.bodyFirstLine }
        _modify {
            makeUnique()
            yield &storage.bodyFirstLine
        }
    }
    public var date: Date? {
        get { storage.date }
        _modify {
            makeUnique()
            yield &storage.date
        }
    }
    /// The `:title` of permalinks: the file-name slug, or front matter `slug`.
    public var slug: String {
        get { storage.slug }
        _modify {
            makeUnique()
            yield &storage.slug
        }
    }
    public var title: String {
        get { storage.title }
        _modify {
            makeUnique()
            yield &storage.title
        }
    }
    public var categories: [String] {
        get { storage.categories }
        _modify {
            makeUnique()
            yield &storage.categories
        }
    }
    public var tags: [String] {
        get { storage.tags }
        _modify {
            makeUnique()
            yield &storage.tags
        }
    }
    public var layout: String? {
        get { storage.layout }
        _modify {
            makeUnique()
            yield &storage.layout
        }
    }
    public var isMarkdown: Bool {
        get { storage.isMarkdown }
        _modify {
            makeUnique()
            yield &storage.isMarkdown
        }
    }
    /// Where the page is served, without the baseurl: `/general/2021/03/07/x.html`.
    public var url: String {
        get { storage.url }
        _modify {
            makeUnique()
            yield &storage.url
        }
    }
    /// The output file, relative to the destination.
    public var outputPath: String {
        get { storage.outputPath }
        _modify {
            makeUnique()
            yield &storage.outputPath
        }
    }
    /// The collection's label: `posts` for posts and drafts, nil for pages.
    public var collection: String? {
        get { storage.collection }
        _modify {
            makeUnique()
            yield &storage.collection
        }
    }
    /// False for documents of a collection without `output: true`: listed, never written.
    public var isWritten: Bool {
        get { storage.isWritten }
        _modify {
            makeUnique()
            yield &storage.isWritten
        }
    }
    /// The page's place among jekyll-paginate's pages, and the `paginator` it sees.
    var pagination: PaginatePlugin.Position? {
        get { storage.pagination }
        _modify {
            makeUnique()
            yield &storage.pagination
        }
    }
    var paginator: ValueObject? {
        get { storage.paginator }
        _modify {
            makeUnique()
            yield &storage.paginator
        }
    }
    /// Set for `.scss`/`.sass` pages, which are compiled to CSS after Liquid.
    var sassSyntax: SassCompiler.Syntax? {
        get { storage.sassSyntax }
        _modify {
            makeUnique()
            yield &storage.sassSyntax
        }
    }

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
    /// False when `defaults:` set `published: false` for its URL: Jekyll's `StaticFile#write?`
    /// then writes nothing, though the file stays in `site.static_files`.
    public var isWritten = true
}
