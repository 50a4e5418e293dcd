import Foundation

/// What kramdown reads differently from CommonMark before any Markdown is parsed, set
/// aside behind placeholder comments that cmark-gfm passes through untouched:
///
/// - math: `$$…$$` alone in a paragraph becomes `\[…\]`, inside text `\(…\)`, with the
///   TeX untouched (CommonMark would eat its backslash escapes, `\,` → `,`);
/// - an HTML block is taken whole, to its closing tag, blank lines included (CommonMark
///   ends it at the first blank line and turns indented lines after it into code);
/// - `markdown="1"` on such a block renders its content as Markdown;
/// - definitions that hold for the whole document come out first (`KramdownDefinitions`:
///   `{:name: …}`, `*[ABBR]: …`, `{::options /}`), then `{::comment}` and `{::nomarkdown}`
///   extensions and definition lists (`term` / `: definition`) are written as kramdown
///   writes them.
///
/// Fenced code and code spans are left alone.
struct KramdownSource {
    /// Placeholders carry the nesting depth, so a block rendered apart (whose text may hold
    /// its parent's placeholders) restores only its own.
    let placeholderPrefix: String
    private(set) var fragments: [String] = []
    /// Renders a block's content as Markdown, apart (`markdown="1"`, definitions), with
    /// this document's definitions.
    let renderInner: (String, KramdownDefinitions) -> String
    /// The document's definitions, filled by `prepare`.
    var definitions: KramdownDefinitions
    /// Curly quotes typed in the source were swapped for stand-ins (custom `smart_quotes`).
    private var quotesStoodIn = false
    /// The last definition list written: its line in the output, its placeholder and its
    /// items, so a list after it with only blank lines between joins it.
    var lastDefinitionList: (line: Int, placeholder: String, items: [String])?
    /// For each extension name, the line up to which no closing tag follows (so a paragraph
    /// of unclosed tags is searched once).
    var unclosedThrough: [String: Int] = [:]
    /// How deep blocks rendered apart are nested; past `maxDepth` they stay as written, so
    /// hostile nesting cannot exhaust the stack.
    let depth: Int
    static let maxDepth = 32

    init(depth: Int = 0, definitions: KramdownDefinitions, renderInner: @escaping (String, KramdownDefinitions) -> String) {
        placeholderPrefix = "<!--strata:kramdown:\(depth):"
        self.depth = depth
        self.definitions = definitions
        self.renderInner = renderInner
    }

    /// HTML elements kramdown treats as blocks (its `HTML_BLOCK_ELEMENTS` but the void `hr`
    /// and `col`, which close nothing, and a few more it reads the same way at a line's start).
    /// Headings and list items count: poole's archive writes `<h2>` then an indented `<ul>`
    /// whose `<li>` lines, after whitespace-only lines, CommonMark would make code.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "header", "hgroup", "main", "nav", "ol", "p", "pre", "section", "table", "ul", "video", "audio",
        "iframe", "noscript", "summary", "canvas", "center",
        "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "caption", "colgroup", "legend", "menu", "optgroup", "map",
        "tbody", "thead", "tfoot", "tr", "td", "th",
    ]

    mutating func prepare(_ text: String) -> String {
        // Most posts have neither math nor an HTML block: leave them as they are.
        let customQuotes = !definitions.options.smartQuotes.isTypographic
        var source = text
        guard source.withUTF8({ Self.needsReading($0, customQuotes: customQuotes) }) else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = takeDefinitions(lines)
        // After the definitions: `{::options smart_quotes=…}` counts too.
        if !definitions.options.smartQuotes.isTypographic {
            for index in lines.indices { lines[index] = standInForQuotes(lines[index]) }
        }
        var out: [String] = []
        out.reserveCapacity(lines.count)
        var fence: (character: Character, length: Int)?
        var index = 0
        var previousBlank = true
        var inRawHTML = false
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let open = fence {
                out.append(line)
                let run = body.prefix { $0 == open.character }.count
                if indent < 4, run >= open.length, body.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                index += 1
                previousBlank = false
                continue
            }
            if indent < 4, let first = body.first, first == "`" || first == "~" {
                let run = body.prefix { $0 == first }.count
                if run >= 3 {
                    fence = (first, run)
                    out.append(line)
                    index += 1
                    previousBlank = false
                    continue
                }
            }
            if previousBlank, indent < 4, body.hasPrefix("$$"), let end = mathBlockEnd(lines, from: index) {
                let joined = lines[index...end].joined(separator: "\n").trimmingCharacters(in: .whitespaces)
                let inner = joined.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespacesAndNewlines)
                out.append(placeholder("\\[\(inner)\\]"))
                index = end + 1
                previousBlank = false
                continue
            }
            if indent < 4, depth < Self.maxDepth, Self.definitionStart(line, maxIndent: 3) != nil, let next = definitionList(lines, from: index, out: &out) {
                index = next
                previousBlank = out.last?.isEmpty ?? true
                continue
            }
            // Not only after a blank line: an element kramdown reads as a block ends the
            // paragraph before it (its LAZY_END), as CommonMark's `<div>` does. Not inside an
            // HTML block left to cmark-gfm either, whose lines are its own.
            if indent < 4, previousBlank || !inRawHTML, let end = htmlBlockEnd(lines, from: index) {
                out.append(htmlBlock(Array(lines[index...end])))
                index = end + 1
                previousBlank = false
                inRawHTML = false
                continue
            }
            // A line starting with a tag after a blank line opens (or continues) an HTML block
            // that cmark-gfm keeps raw up to the next blank line.
            if indent < 4, body.hasPrefix("<"), previousBlank || inRawHTML { inRawHTML = true }
            if previousBlank, indent < 4, Self.isLoneSpanTag(body) {
                // CommonMark makes a line holding only `<em>` an HTML block, kept raw to the
                // next blank line; kramdown reads span elements as text in a paragraph and
                // parses the Markdown inside. An empty placeholder after the tag makes the
                // line a paragraph's first line for cmark-gfm too.
                out.append(line + placeholder(""))
                previousBlank = false
                inRawHTML = false
                index += 1
                continue
            }
            out.append(indent < 4 ? inlineSpans(line) : line)
            previousBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if previousBlank { inRawHTML = false }
            index += 1
        }
        return out.joined(separator: "\n")
    }

    /// Whether `text` holds anything this pass reads: `$$`, `<<`, `>>`, `{:`, `*[`, a `:`
    /// at a line's start, an element at a line's start, or (with custom quotes) a curly
    /// quote. Most posts hold none. On the buffer: iterating the `String`'s UTF-8 view cost
    /// 37 instructions a byte.
    private static func needsReading(_ bytes: UnsafeBufferPointer<UInt8>, customQuotes: Bool) -> Bool {
        var previous: UInt8 = 0x0A, beforePrevious: UInt8 = 0, lineStart = true, found = false
        // The `<` just read stands after nothing but spaces on its line (an indented element
        // is a block for kramdown too: poole's `  <h2>`).
        var tagAtLineStart = false
        for byte in bytes {
            switch byte {
            // `$$`, `<<`, `>>`, `{:`, `*[`.
            case 0x24, 0x3C, 0x3E: if previous == byte { found = true }
            case 0x3A: if previous == 0x7B || lineStart { found = true }
            case 0x5B: if previous == 0x2A { found = true }
            // A quote right after a code span: "`x`'d".
            case 0x27: if previous == 0x60 { found = true }
            // A curly quote typed in the source (E2 80 98/99/9C/9D), when quotes are not kramdown's.
            case 0x98, 0x99, 0x9C, 0x9D: if customQuotes && previous == 0x80 && beforePrevious == 0xE2 { found = true }
            default:
                // `<` then a letter at a line's start: an element (not `<!--`, not `</`).
                if previous == 0x3C && tagAtLineStart && ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) { found = true }
            }
            if found { return true }
            tagAtLineStart = byte == 0x3C && lineStart
            lineStart = byte == 0x0A || (lineStart && byte == 0x20)
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    mutating func placeholder(_ fragment: String) -> String {
        fragments.append(fragment)
        return "\(placeholderPrefix)\(fragments.count - 1)-->"
    }

    /// Changes what a placeholder stands for.
    mutating func fragmentReplace(_ placeholder: String, with fragment: String) {
        guard let number = Int(placeholder.dropFirst(placeholderPrefix.count).dropLast(3)), number < fragments.count else { return }
        fragments[number] = fragment
    }

    /// The fragment a placeholder (an HTML block's whole literal) stands for.
    func fragment(forPlaceholder literal: String) -> String? {
        let trimmed = literal.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(placeholderPrefix), trimmed.hasSuffix("-->"),
              let number = Int(trimmed.dropFirst(placeholderPrefix.count).dropLast(3)), number < fragments.count else { return nil }
        return fragments[number]
    }

    private mutating func standInForQuotes(_ line: String) -> String {
        guard line.contains(where: { $0 == "‘" || $0 == "’" || $0 == "“" || $0 == "”" }) else { return line }
        quotesStoodIn = true
        var out = line
        for (quote, standIn) in SmartQuotes.literalStandIns { out = out.replacingOccurrences(of: String(quote), with: String(standIn)) }
        return out
    }

    /// The line where a `$$` block that fills its paragraph closes, if it does.
    private func mathBlockEnd(_ lines: [String], from start: Int) -> Int? {
        var index = start
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            let closes = index == start ? (trimmed.count >= 4 && trimmed.hasSuffix("$$")) : trimmed.hasSuffix("$$")
            if closes {
                let next = index + 1
                return next >= lines.count || lines[next].trimmingCharacters(in: .whitespaces).isEmpty ? index : nil
            }
            index += 1
        }
        return nil
    }

    /// `$$x$$` inside a line, outside code spans, becomes `\\(x\\)`; `<<` and `>>` become
    /// guillemets (not the `>>` that opens a nested quote).
    private mutating func inlineSpans(_ line: String) -> String {
        guard ByteSearch.contains(line, "$$") || ByteSearch.contains(line, "<<") || ByteSearch.contains(line, ">>")
            || ByteSearch.contains(line, "{::") || ByteSearch.contains(line, "`'") else {
            return line
        }
        let characters = Array(line)
        var out = ""
        var index = 0
        var failedExtensions: Set<String> = []
        let markersEnd = characters.prefix { $0 == " " || $0 == ">" }.count
        while index < characters.count {
            if index >= markersEnd, index + 1 < characters.count, characters[index] == characters[index + 1],
               characters[index] == "<" || characters[index] == ">" {
                out += characters[index] == "<" ? "«" : "»"
                index += 2
                continue
            }
            let c = characters[index]
            if c == "`" {
                let run = characters[index...].prefix { $0 == "`" }.count
                var probe = index + run
                var closed: Int?
                while probe < characters.count {
                    if characters[probe] == "`" {
                        let other = characters[probe...].prefix { $0 == "`" }.count
                        if other == run { closed = probe + other; break }
                        probe += other
                    } else {
                        probe += 1
                    }
                }
                let end = closed ?? index + run
                out += String(characters[index..<end])
                index = end
                if closed != nil, end < characters.count, characters[end] == "'", let quote = Self.quoteAfterElement(characters, at: end) {
                    // kramdown decides a quote after code from what follows alone (`to_liquid`'d
                    // opens, `site`'s closes); cmark-gfm sees the code before it and pairs
                    // quotes across the line.
                    out += placeholder(definitions.options.smartQuotes.html(quote))
                    index = end + 1
                }
                continue
            }
            if c == "{", let (html, end) = spanExtension(characters, at: index, failed: &failedExtensions) {
                out += html
                index = end
                continue
            }
            if c == "$", index + 1 < characters.count, characters[index + 1] == "$" {
                var probe = index + 2
                while probe + 1 < characters.count, !(characters[probe] == "$" && characters[probe + 1] == "$") { probe += 1 }
                if probe + 1 < characters.count, probe > index + 2 {
                    out += placeholder("\\(" + String(characters[(index + 2)..<probe]) + "\\)")
                    index = probe + 2
                    continue
                }
            }
            out.append(c)
            index += 1
        }
        return out
    }

    /// Whether `line` (indent removed) is one opening or closing tag of a span element and
    /// nothing else but trailing blanks: what CommonMark takes for an HTML block (its kind 7)
    /// and kramdown (`HTML_SPAN_ELEMENTS`) for a paragraph's text.
    static func isLoneSpanTag(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), trimmed.utf8.filter({ $0 == 0x3C }).count == 1 else { return false }
        let name = trimmed.dropFirst(trimmed.hasPrefix("</") ? 2 : 1).prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }.lowercased()
        // `spanTags` holds `script` too, which kramdown reads as a block.
        guard name != "script", spanTags.contains(name) else { return false }
        let after = trimmed.dropFirst(trimmed.hasPrefix("</") ? 2 + name.count : 1 + name.count).first
        return after == ">" || after == " " || after == "\t" || after == "/"
    }

    /// Which quote kramdown writes for the `'` at `index`, right after an element (a code
    /// span), where its smart-quote rules (`SQ_RULES`) look only ahead: 0 for the opening
    /// quote, 1 for the closing one, nil where the rule takes two quotes (left to cmark-gfm).
    static func quoteAfterElement(_ characters: [Character], at index: Int) -> Int? {
        func at(_ offset: Int) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }
        // Ruby's `\w` and `\d` without the Unicode flag: ASCII.
        func word(_ c: Character?) -> Bool { c.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } ?? false }
        func digit(_ c: Character?) -> Bool { c.map { $0.isASCII && $0.isNumber } ?? false }
        let c1 = at(1), c2 = at(2), c3 = at(3)
        if c1 == "_" || c1 == "*", let c2, !c2.isWhitespace { return 0 }
        if let c1, c1.isASCII, c1.isPunctuation || c1.isSymbol, !(c2 == "." && c3 == "."), word(c1) == word(c2) { return 1 }
        if c1 == "\"" || c1 == "'" { return nil }
        if digit(c1), digit(c2), c3 == "s" { return 1 }
        if c1 == nil || c1!.isWhitespace || (c1 == "s" && !word(c2)) { return 1 }
        return 0
    }

    /// The tag name of a block-level opening tag at the start of `line`.
    static func openingTag(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        let line = line.dropFirst(indent)
        guard line.hasPrefix("<"), !line.hasPrefix("</") else { return nil }
        let name = line.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
        guard blockTags.contains(name) else { return nil }
        let after = line.dropFirst(1 + name.count).first
        return after == nil || after == ">" || after == " " || after == "/" || after == "\t" ? name : nil
    }

    /// The line holding the tag that closes the element opened on `start`, when the block
    /// needs kramdown's reading: it has blank lines or `markdown="1"`. Nil otherwise
    /// (CommonMark reads it the same), or when it never closes.
    private func htmlBlockEnd(_ lines: [String], from start: Int) -> Int? {
        guard let name = Self.openingTag(lines[start]) else { return nil }
        var depth = 0
        var sawBlank = false
        var index = start
        while index < lines.count {
            let lower = lines[index].lowercased()
            if index > start, lower.trimmingCharacters(in: .whitespaces).isEmpty { sawBlank = true }
            depth += Self.count("<\(name)", in: lower, followedByBoundary: true) - Self.count("</\(name)>", in: lower, followedByBoundary: false)
            if depth <= 0 {
                // kramdown ends the element at its closing tag: lines right after it are
                // Markdown again, where CommonMark would keep them in the HTML block.
                let textFollows = index + 1 < lines.count && !lines[index + 1].allSatisfy { $0 == " " || $0 == "\t" }
                let nestedMarkdown = lines[start...index].contains { ByteSearch.contains($0, "markdown=") }
                return sawBlank || textFollows || nestedMarkdown ? index : nil
            }
            index += 1
        }
        return nil
    }

    private static func count(_ needle: String, in text: String, followedByBoundary: Bool) -> Int {
        var total = 0
        var search = text.startIndex
        while let found = text.range(of: needle, range: search..<text.endIndex) {
            let next = text[found.upperBound...].first
            if !followedByBoundary || next == nil || next == ">" || next == " " || next == "/" || next == "\t" { total += 1 }
            search = found.upperBound
        }
        return total
    }

    /// The block as written, or for `markdown="1"` its tags around the rendered content.
    private mutating func htmlBlock(_ lines: [String]) -> String {
        let first = lines[0].drop { $0 == " " }
        guard depth < Self.maxDepth, let attribute = Self.markdownAttribute(String(first)), lines.count >= 2,
              let close = first.firstIndex(of: ">"), first[first.index(after: close)...].trimmingCharacters(in: .whitespaces).isEmpty,
              let last = lines.last, last.trimmingCharacters(in: .whitespaces).hasPrefix("</")
        else {
            return placeholder(nestedMarkdown(lines.joined(separator: "\n")))
        }
        // kramdown drops the `markdown` attribute and writes the tags as it writes all HTML
        // (the attribute goes first: a tag kramdown's pattern cannot read stays as typed).
        let openTag = KramdownRawHTML.rewrite(first.replacingOccurrences(of: " " + attribute, with: ""), in: .block)
        let inner = lines[1..<(lines.count - 1)].joined(separator: "\n")
        var content = renderInner(inner, definitions)
        // `markdown="span"`: the content is one paragraph's text.
        if attribute.contains("span"), content.hasPrefix("<p>"), content.hasSuffix("</p>\n") {
            content = String(content.dropFirst(3).dropLast(5)) + "\n"
        }
        return placeholder(openTag + "\n" + content + KramdownRawHTML.rewrite(last.trimmingCharacters(in: .whitespaces), in: .block))
    }

    /// kramdown's elements whose content is span-level (`HTML_CONTENT_MODEL`'s `:span`):
    /// `markdown="1"` on them parses their content as one paragraph's text.
    static let spanContentTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "legend", "caption", "summary", "label", "button", "option",
        "address", "td", "th",
    ]

    private static let nestedMarkdownElement = try! NSRegularExpression(
        pattern: #"<([A-Za-z][A-Za-z0-9]*)(\b[^>]*?)\s+markdown=(["'])(1|block|span)\3([^>]*)>(.*?)</\1\s*>"#,
        options: [.dotMatchesLineSeparators]
    )

    /// An HTML block kept as written, but for elements inside it with `markdown="1"` (or
    /// `"block"`, `"span"`): kramdown parses their content, as span text for `p`, headings
    /// and the other span-content elements or `"span"`, as blocks otherwise, and drops the
    /// attribute. An element of the same name nested inside such an element is not matched.
    private func nestedMarkdown(_ html: String) -> String {
        guard depth < Self.maxDepth else { return html }
        guard ByteSearch.contains(html, "markdown=") else { return KramdownRawHTML.rewrite(html, in: .block) }
        let text = html as NSString
        var out = ""
        var last = 0
        for match in Self.nestedMarkdownElement.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let name = text.substring(with: match.range(at: 1))
            let value = text.substring(with: match.range(at: 4))
            let inner = text.substring(with: match.range(at: 6))
            let asSpan = value == "span" || (value != "block" && Self.spanContentTags.contains(name.lowercased()))
            let trimmed = inner.trimmingCharacters(in: .whitespacesAndNewlines)
            var content = restore(renderInner(trimmed, definitions))
            if asSpan, content.hasPrefix("<p>"), content.hasSuffix("</p>\n") {
                // kramdown keeps the blanks around span content as written.
                let lead = inner.prefix { $0.isWhitespace }, trail = inner.reversed().prefix { $0.isWhitespace }.reversed()
                content = String(lead) + String(content.dropFirst(3).dropLast(5)) + String(trail)
            } else if !asSpan {
                content = "\n" + content
            }
            // The HTML around the rendered content is written as kramdown writes raw HTML;
            // the content is a render of its own.
            out += KramdownRawHTML.rewrite(text.substring(with: NSRange(location: last, length: match.range.location - last)), in: .block)
            let openTag = "<" + name + text.substring(with: match.range(at: 2)) + text.substring(with: match.range(at: 5)) + ">"
            out += KramdownRawHTML.rewrite(openTag, in: .block) + content + KramdownRawHTML.rewrite("</" + name + ">", in: .block)
            last = match.range.location + match.range.length
        }
        return out + KramdownRawHTML.rewrite(text.substring(from: last), in: .block)
    }

    /// The `markdown="1"` (or `"block"`, `"span"`) attribute of an opening tag, as written.
    static func markdownAttribute(_ line: String) -> String? {
        guard ByteSearch.contains(line, "markdown=") else { return nil }
        for value in ["1", "block", "span"] {
            for quote in ["\"", "'"] where line.contains("markdown=\(quote)\(value)\(quote)") {
                return "markdown=\(quote)\(value)\(quote)"
            }
        }
        return nil
    }

    /// Puts every fragment back in place of its placeholder.
    func restore(_ html: String) -> String {
        guard !fragments.isEmpty else { return quotesStoodIn ? Self.restoreQuotes(html) : html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let start = rest.range(of: placeholderPrefix) {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "-->"),
                  let number = Int(rest[start.upperBound..<end.lowerBound]), number < fragments.count else {
                out += rest[start]
                rest = rest[start.upperBound...]
                continue
            }
            out += fragments[number]
            rest = rest[end.upperBound...]
        }
        out += rest
        return quotesStoodIn ? Self.restoreQuotes(out) : out
    }

    private static func restoreQuotes(_ html: String) -> String {
        var out = html
        for (quote, standIn) in SmartQuotes.literalStandIns { out = out.replacingOccurrences(of: String(standIn), with: String(quote)) }
        return out
    }
}
