/// Cuts a post's excerpt from its rendered HTML.
enum Excerpt {
    /// The HTML before `separator`; with Jekyll's default separator (a blank line) the
    /// first block. Footnote references are removed: their notes are not in the excerpt.
    static func extract(from html: String, separator: String) -> String {
        var cut: Substring
        if separator != "\n\n", let range = html.range(of: separator) {
            cut = html[..<range.lowerBound]
        } else if let range = html.range(of: "\n") {
            // cmark ends every top-level block with a newline: the first line is the first block.
            cut = html[..<range.upperBound]
        } else {
            cut = Substring(html)
        }
        while cut.last == "\n" || cut.last == " " { cut.removeLast() }
        return removingFootnoteReferences(String(cut))
    }

    static func removingFootnoteReferences(_ html: String) -> String {
        let open = "<sup class=\"footnote-ref\">"
        guard html.contains(open) else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: open) {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "</sup>") else {
                rest = rest[start.lowerBound...]
                break
            }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
