import Foundation
import Liquid

/// Other pages' `content`, for a page that lists it: a search index such as just-the-docs'
/// `zzzz-search-data.json` or mediumish's `lunrsearchengine.js` loops over `site.html_pages`
/// or `site.pages` and prints each page's `content`. Jekyll renders pages one after another,
/// in `site.pages`' order after `sort_by(&:name)`, so such a page sees the converted body
/// (HTML, no layout) of every page whose file name sorts before its own, and the source of
/// the others (itself included). Strata renders pages in parallel and lists pages without
/// their content, so those pages are rendered last, with a `site` whose page objects carry
/// `content` as Jekyll's would at that moment.
enum PagesContent {
    /// Whether `document`'s own Liquid reads pages' content: its tags and outputs name
    /// `site.pages` or `site.html_pages`, and `content`. Prose that mentions them (just-the-docs'
    /// CHANGELOG) is not Liquid. Templates in layouts and includes are not looked at (search
    /// indexes keep the loop in the page itself), so no other site pays anything.
    static func reads(_ document: Document) -> Bool {
        guard document.kind == .page else { return false }
        let body = document.body
        guard TextSearch.contains(body, "site.pages") || TextSearch.contains(body, "html_pages") else { return false }
        var liquid = ""
        var cursor = body.startIndex
        while let open = TextSearch.range(of: "{", in: body, from: cursor) {
            let next = body.index(after: open.lowerBound)
            guard next < body.endIndex, body[next] == "%" || body[next] == "{" else {
                cursor = open.upperBound
                continue
            }
            let closer = body[next] == "%" ? "%}" : "}}"
            guard let close = TextSearch.range(of: closer, in: body, from: next) else { break }
            liquid += body[next..<close.lowerBound] + "\n"
            cursor = close.upperBound
        }
        return (TextSearch.contains(liquid, "site.pages") || TextSearch.contains(liquid, "html_pages")) && TextSearch.contains(liquid, "content")
    }

    /// `site` with `content` on each object of `site.pages` and `site.html_pages`, as the
    /// page `reader` sees it in Jekyll: `rendered[url]` for a page whose file name sorts
    /// before the reader's (bytewise, as Ruby compares strings), its source otherwise.
    /// `sources` are the pages' bodies without front matter, by URL.
    static func site(_ site: Value, for reader: Document, rendered: [String: String], sources: [String: String]) -> Value {
        guard case .object(var object) = site else { return site }
        let readerName = RelativePath.lastComponent(reader.relativePath)
        for key in ["pages", "html_pages"] {
            guard case .array(let list)? = object[key] else { continue }
            object[key] = .array(list.map { value in
                guard case .object(var page) = value, case .string(let url)? = page["url"] else { return value }
                let name: String
                if case .string(let pageName)? = page["name"] { name = pageName } else { name = "" }
                let before = name.utf8.lexicographicallyPrecedes(readerName.utf8)
                if let content = before ? (rendered[url] ?? sources[url]) : sources[url] { page["content"] = .string(content) }
                return .object(page)
            })
        }
        return .object(object)
    }
}
