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

    /// Who reads what of other posts, found once per full render.
    struct Readers: Sendable {
        /// Pages that may show a post's content.
        var contentPages: Set<String> = []
        /// Whether posts' own templates may show other posts' content or excerpts (then
        /// every post page depends on every post's text or excerpt).
        var postsReadContent = true
        var postsReadExcerpts = true
    }

    static func readers(of state: RenderState, root: URL) -> Readers {
        var texts: [String: String] = [:]
        func text(_ path: String) -> String {
            if let known = texts[path] { return known }
            let loaded = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            texts[path] = loaded
            return loaded
        }
        func reads(_ field: String) -> (Document) -> Bool {
            { document in
                if mentions(field: field, in: document.body) { return true }
                let dependencies = state.report.dependencies[document.outputPath] ?? []
                return dependencies.contains { $0 != document.displayPath && mentions(field: field, in: text($0)) }
            }
        }
        return Readers(
            contentPages: Set(state.pages.filter(reads("content")).map(\.outputPath)),
            postsReadContent: state.posts.contains(where: reads("content")),
            postsReadExcerpts: state.posts.contains(where: reads("excerpt"))
        )
    }
}
