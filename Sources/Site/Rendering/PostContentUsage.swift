import Foundation
import Liquid

/// Which outputs can show another post's rendered `content`. An edit to a post's text
/// (front matter and excerpt unchanged) must re-render exactly those, plus the post.
/// Template text is scanned for a lookup ending in `.content` other than `page.content`;
/// a false positive only costs a re-render, so the scan may over-approximate.
enum PostContentUsage {
    static func mentionsPostContent(_ source: String) -> Bool {
        var cursor = source.startIndex
        while let hit = TextSearch.range(of: ".content", in: source, from: cursor) {
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

    /// For a finished render: the pages that may show a post's content, and whether any
    /// post itself may (then every post page depends on every post's text).
    static func readers(of state: RenderState, root: URL) -> (pages: Set<String>, posts: Bool) {
        var cache: [String: Bool] = [:]
        func mentions(_ path: String) -> Bool {
            if let known = cache[path] { return known }
            let text = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            let answer = mentionsPostContent(text)
            cache[path] = answer
            return answer
        }
        func reads(_ document: Document) -> Bool {
            if mentionsPostContent(document.body) { return true }
            let dependencies = state.report.dependencies[document.outputPath] ?? []
            return dependencies.contains { $0 != document.displayPath && mentions($0) }
        }
        let pages = Set(state.pages.filter(reads).map(\.outputPath))
        return (pages, state.posts.contains(where: reads))
    }
}
