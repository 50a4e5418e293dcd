import Foundation
import Liquid
/// `{% include toc.html %}` in a post lists the post's own headings, which exist only
/// after Markdown. The include is therefore swapped for a marker before Liquid runs and
/// rendered, with `page.toc` filled in, once the headings are known.
enum TableOfContents {
    static let marker = "<!--strata:toc-->"
    static let includeName = "toc.html"

    /// Replaces each `{% include toc.html %}` (any spacing, with `-` trimming) by the marker.
    /// Also returns the body line (1-based) of the first such include, for its errors.
    static func markIncludes(in body: String) -> (body: String, found: Bool, line: Int) {
        guard TextSearch.contains(body, includeName) else { return (body, false, 1) }
        var out = ""
        var copied = body.startIndex
        var found = false
        var line = 1
        var cursor = body.startIndex
        while let open = TextSearch.range(of: "{%", in: body, from: cursor),
              let close = TextSearch.range(of: "%}", in: body, from: open.upperBound) {
            let inner = body[open.upperBound..<close.lowerBound]
                .trimmingCharacters(in: CharacterSet(charactersIn: "- \t\r\n"))
            let words = inner.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            if words.count == 2, words[0] == "include", words[1] == Substring(includeName) {
                out += body[copied..<open.lowerBound]
                out += marker
                copied = close.upperBound
                if !found { line = 1 + body[..<open.lowerBound].utf8.filter { $0 == UInt8(ascii: "\n") }.count }
                found = true
            }
            cursor = close.upperBound
        }
        return (out + body[copied...], found, line)
    }
}
