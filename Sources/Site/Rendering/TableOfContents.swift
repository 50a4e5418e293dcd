/// `{% include toc.html %}` in a post lists the post's own headings, which exist only
/// after Markdown. The include is therefore swapped for a marker before Liquid runs and
/// rendered, with `page.toc` filled in, once the headings are known.
enum TableOfContents {
    static let marker = "<!--strata:toc-->"
    static let includeName = "toc.html"

    /// Replaces each `{% include toc.html %}` (any spacing, with `-` trimming) by the marker.
    static func markIncludes(in body: String) -> (body: String, found: Bool) {
        guard body.contains(includeName) else { return (body, false) }
        var out = ""
        var rest = Substring(body)
        var found = false
        while let open = rest.range(of: "{%") {
            guard let close = rest[open.upperBound...].range(of: "%}") else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
                .trimmingCharacters(in: CharacterSet(charactersIn: "- \t\r\n"))
            let words = inner.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            out += rest[..<open.lowerBound]
            if words.count == 2, words[0] == "include", words[1] == Substring(includeName) {
                out += marker
                found = true
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return (out + rest, found)
    }
}

import Foundation
