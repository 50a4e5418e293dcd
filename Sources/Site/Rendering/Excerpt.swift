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
        } else {
            cut = firstBlock(html)
        }
        while cut.last == "\n" || cut.last == " " { cut.removeLast() }
        guard cut.endIndex < html.endIndex else { return String(cut) }
        return String(cut) + footnotes(referencedIn: cut, from: html[cut.endIndex...])
    }

    /// cmark's first top-level block: up to the close of the element the HTML opens with,
    /// so a paragraph keeps the lines after its soft line breaks (`<p>a\nb</p>`) and a list
    /// or code block stays whole; the first line when the HTML does not open with an element
    /// that closes (`<hr />`, text). Only the first block is scanned.
    static func firstBlock(_ html: String) -> Substring {
        let bytes = html.utf8
        let firstLine = bytes.firstIndex(of: UInt8(ascii: "\n")).map { html[...$0] } ?? Substring(html)
        guard bytes.first == UInt8(ascii: "<") else { return firstLine }
        let nameStart = bytes.index(after: bytes.startIndex)
        let nameEnd = bytes[nameStart...].firstIndex { !isNameByte($0) } ?? bytes.endIndex
        guard nameEnd > nameStart, bytes[nameEnd] != UInt8(ascii: "/") else { return firstLine }
        let name = Array(bytes[nameStart..<nameEnd])
        // Same-named elements nested in it (a list in a list) are counted, so the cut is at its own close.
        var depth = 0
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            var cursor = bytes.index(after: open)
            let closing = cursor < bytes.endIndex && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor = bytes.index(after: cursor) }
            let end = bytes[cursor...].firstIndex { !isNameByte($0) } ?? bytes.endIndex
            if bytes[cursor..<end].elementsEqual(name) {
                depth += closing ? -1 : 1
                if depth == 0, let close = bytes[end...].firstIndex(of: UInt8(ascii: ">")) {
                    return html[...close]
                }
            }
            index = end > open ? end : bytes.index(after: open)
        }
        return firstLine
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
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
