import Liquid

/// Cuts a post's excerpt from its rendered HTML, giving what Jekyll 4.3's `Excerpt` renders
/// (`jekyll/excerpt.rb`), without rendering the excerpt's source a second time.
enum Excerpt {
    /// The HTML before `separator`; with Jekyll's default separator (a blank line) the
    /// first block. As in Jekyll, which partitions the source on the separator:
    /// - a separator the post does not hold gives the whole post;
    /// - an empty separator gives no excerpt (`generate_excerpt?` is false);
    /// - footnotes the excerpt refers to come with it, because Jekyll appends the post's
    ///   reference definitions (`[^a]: …` lines) to the excerpt's source before kramdown
    ///   renders it.
    static func extract(from html: String, separator: String) -> String {
        guard !separator.isEmpty else { return "" }
        var cut: Substring
        if separator != "\n\n" {
            cut = TextSearch.range(of: separator, in: html).map { html[..<$0.lowerBound] } ?? Substring(html)
        } else if let newline = html.utf8.firstIndex(of: UInt8(ascii: "\n")) {
            // cmark ends every top-level block with a newline: the first line is the first block.
            cut = html[...newline]
        } else {
            cut = Substring(html)
        }
        while cut.last == "\n" || cut.last == " " { cut.removeLast() }
        guard cut.endIndex < html.endIndex else { return String(cut) }
        return String(cut) + footnotes(referencedIn: cut, from: html[cut.endIndex...])
    }

    static let referenceOpen = "<sup id=\"fnref:"
    static let notesOpen = "<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n"
    static let notesClose = "  </ol>\n</div>"

    /// The footnotes block (kramdown's markup, as `KramdownFootnotes` writes it) holding the
    /// notes `excerpt` refers to, in their order, taken from the post's own block in `rest`;
    /// "" when the excerpt refers to none. The excerpt is the start of the post, so its notes
    /// keep the numbers kramdown gives them in the whole post.
    static func footnotes(referencedIn excerpt: Substring, from rest: Substring) -> String {
        let excerpt = String(excerpt), rest = String(rest)
        guard TextSearch.contains(excerpt, referenceOpen),
              let block = TextSearch.range(of: notesOpen, in: rest) else { return "" }
        var names: [String] = []
        var search = excerpt.startIndex
        while let open = TextSearch.range(of: "href=\"#fn:", in: excerpt, from: search),
              let quote = excerpt[open.upperBound...].firstIndex(of: "\"") {
            let name = String(excerpt[open.upperBound..<quote])
            if !names.contains(name) { names.append(name) }
            search = quote
        }
        var notes = ""
        for name in names {
            guard let start = TextSearch.range(of: "    <li id=\"fn:\(name)\" role=\"doc-endnote\">", in: rest, from: block.upperBound),
                  let end = TextSearch.range(of: "\n    </li>\n", in: rest, from: start.upperBound) else { continue }
            notes += rest[start.lowerBound..<end.upperBound]
        }
        return notes.isEmpty ? "" : "\n\n" + notesOpen + notes + notesClose
    }
}
