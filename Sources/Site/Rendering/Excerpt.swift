import Liquid

/// Cuts a post's excerpt from its rendered HTML.
enum Excerpt {
    /// The HTML before `separator`; with Jekyll's default separator (a blank line) the
    /// first block. Footnote references are removed: their notes are not in the excerpt.
    static func extract(from html: String, separator: String) -> String {
        var cut: Substring
        if separator != "\n\n", let range = TextSearch.range(of: separator, in: html) {
            cut = html[..<range.lowerBound]
        } else if let newline = html.utf8.firstIndex(of: UInt8(ascii: "\n")) {
            // cmark ends every top-level block with a newline: the first line is the first block.
            cut = html[...newline]
        } else {
            cut = Substring(html)
        }
        while cut.last == "\n" || cut.last == " " { cut.removeLast() }
        return removingFootnoteReferences(String(cut))
    }

    /// Removes cmark-gfm's references and kramdown's (`<sup id="fnref:…">`).
    static func removingFootnoteReferences(_ html: String) -> String {
        removingReferences(removingReferences(html, open: "<sup class=\"footnote-ref\">"), open: "<sup id=\"fnref:")
    }

    private static func removingReferences(_ html: String, open: String) -> String {
        guard var start = TextSearch.range(of: open, in: html) else { return html }
        var out = ""
        var copied = html.startIndex
        while let end = TextSearch.range(of: "</sup>", in: html, from: start.upperBound) {
            out += html[copied..<start.lowerBound]
            copied = end.upperBound
            guard let next = TextSearch.range(of: open, in: html, from: copied) else { break }
            start = next
        }
        return out + html[copied...]
    }
}
