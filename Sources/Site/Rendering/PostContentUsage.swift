import Foundation
import Liquid

/// Which outputs can show another post's rendered `content`. An edit to a post's text
/// (front matter and excerpt unchanged) must re-render exactly those, plus the post.
/// Template text is scanned for a lookup ending in `.content` other than `page.content`;
/// a false positive only costs a re-render, so the scan may over-approximate.
enum PostContentUsage {
    static func mentionsPostContent(_ source: String) -> Bool {
        mentions(field: "content", in: source)
    }

    /// Whether `source` may read `field` of some object other than the page's own.
    static func mentions(field: String, in source: String) -> Bool {
        var cursor = source.startIndex
        while let hit = TextSearch.range(of: "." + field, in: source, from: cursor) {
            cursor = hit.upperBound
            // `.contents` or `.content_type` are other names.
            if hit.upperBound < source.endIndex, isIdentifier(source[hit.upperBound]) { continue }
            var start = hit.lowerBound
            while start > source.startIndex, isIdentifier(source[source.index(before: start)]) {
                start = source.index(before: start)
            }
            let owner = source[start..<hit.lowerBound]
            if owner == "page" || owner == "layout" { continue }
            return true
        }
        return false
    }

    private static func isIdentifier(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    /// Who reads what of other posts, by output path. Recorded output by output after
    /// every render, fast or full, from the files each output actually read.
    struct Readers: Sendable {
        /// Pages that may show any post's content.
        var contentPages: Set<String> = []
        /// Feeds Strata writes in Swift, which show the content of the documents listed
        /// (their URLs) and of no other: their newest `posts_limit`, chosen by front matter.
        var feedPages: [String: Set<String>] = [:]
        /// Posts whose templates may show other posts' content or excerpts (then every
        /// post page depends on every post's text or excerpt).
        var contentPosts: Set<String> = []
        var excerptPosts: Set<String> = []
        /// Outputs that may show `site.static_files`, whose modification times change
        /// with every edit to a static file.
        var staticFileReaders: Set<String> = []

        var postsReadContent: Bool { !contentPosts.isEmpty }
        var postsReadExcerpts: Bool { !excerptPosts.isEmpty }

        /// Replaces what is known of `document`'s output by what its latest render read.
        /// `feedShown`: the documents (URLs) the feed writer showed in it, when it wrote one.
        mutating func record(_ document: Document, dependencies: Set<String>, texts: inout Texts, feedShown: Set<String>? = nil) {
            // Looked up once: the key is the whole body, hashed on every lookup.
            let swiftReads = document.relativePath.isEmpty ? writtenBySwift[document.body] : nil
            func templatesRead(_ field: String) -> Bool {
                if mentions(field: field, in: document.body) { return true }
                return dependencies.contains { $0 != document.displayPath && texts.mentions(field: field, inFile: $0) }
            }
            func reads(_ field: String) -> Bool {
                swiftReads?.contains(field) == true || templatesRead(field)
            }
            let output = document.outputPath
            let isPost = document.kind == .post || document.kind == .draft
            func set(_ set: inout Set<String>, _ member: Bool) {
                if member { set.insert(output) } else { set.remove(output) }
            }
            let content = reads("content")
            // A feed whose templates read no content shows its entries' only.
            if let feedShown, !isPost, !templatesRead("content") {
                contentPages.remove(output)
                feedPages[output] = feedShown
            } else {
                set(&contentPages, !isPost && content)
                feedPages[output] = nil
            }
            set(&contentPosts, isPost && content)
            set(&excerptPosts, isPost && reads("excerpt"))
            set(&staticFileReaders, reads("static_files"))
        }
    }

    /// What the pages Strata writes in Swift read of other documents, which no template text
    /// shows, by the body that calls their writer: the feed shows posts' content and excerpts,
    /// the sitemap lists static files.
    static let writtenBySwift: [String: Set<String>] = [
        FeedPlugin.template: ["content", "excerpt"],
        SitemapPlugin.sitemapTemplate: ["static_files"],
    ]

    /// Template files' text by display path, each read once per render.
    struct Texts {
        let root: URL
        private var loaded: [String: String] = [:]
        /// `mentions(field:in:)` of each file, by field then path: a layout is a dependency of
        /// every page it wraps, and scanning it again for each was most of recording a layout edit.
        private var scanned: [String: [String: Bool]] = [:]

        init(root: URL) { self.root = root }

        /// Whether the file at `path` may read `field` of some object other than the page's own.
        mutating func mentions(field: String, inFile path: String) -> Bool {
            if let known = scanned[field]?[path] { return known }
            let found = PostContentUsage.mentions(field: field, in: text(path))
            scanned[field, default: [:]][path] = found
            return found
        }

        mutating func text(_ path: String) -> String {
            if let known = loaded[path] { return known }
            let text = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            loaded[path] = text
            return text
        }
    }
}
