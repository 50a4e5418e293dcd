import Foundation

/// What kramdown reads differently from CommonMark before any Markdown is parsed, set
/// aside behind placeholder comments that cmark-gfm passes through untouched:
///
/// - math: `$$…$$` alone in a paragraph becomes `\[…\]`, inside text `\(…\)`, with the
///   TeX untouched (CommonMark would eat its backslash escapes, `\,` → `,`);
/// - an HTML block is taken whole, to its closing tag, blank lines included (CommonMark
///   ends it at the first blank line and turns indented lines after it into code);
/// - `markdown="1"` on such a block renders its content as Markdown.
///
/// Fenced code and code spans are left alone.
struct KramdownSource {
    static let placeholderPrefix = "<!--strata:kramdown:"
    private(set) var fragments: [String] = []
    /// Renders the content of a `markdown="1"` block.
    let renderInner: (String) -> String
    /// kramdown's guillemets: `<<` → «, `>>` → » in prose. Done on the source because
    /// CommonMark would read `<<x>>` as an HTML tag between two angle brackets.
    let typography: Bool

    /// HTML elements kramdown treats as blocks (its `HTML_BLOCK_ELEMENTS`, the common ones).
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "header", "hgroup", "main", "nav", "ol", "p", "pre", "section", "table", "ul", "video", "audio",
        "iframe", "noscript", "summary", "canvas", "center",
    ]

    mutating func prepare(_ text: String) -> String {
        // Most posts have neither math nor an HTML block: leave them as they are.
        var previous: UInt8 = 0x0A, beforePrevious: UInt8 = 0, dollars = false, tagAtLineStart = false, angles = false
        for byte in text.utf8 {
            if byte == 0x24 && previous == 0x24 { dollars = true }
            // `<` then a letter at a line's start: an element (not `<!--`, not `</`).
            if previous == 0x3C && beforePrevious == 0x0A && ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) { tagAtLineStart = true }
            if (byte == 0x3C || byte == 0x3E) && previous == byte { angles = true }
            beforePrevious = previous
            previous = byte
        }
        guard dollars || tagAtLineStart || (angles && typography) else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        out.reserveCapacity(lines.count)
        var fence: (character: Character, length: Int)?
        var index = 0
        var previousBlank = true
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
            if previousBlank, indent == 0, let end = htmlBlockEnd(lines, from: index) {
                out.append(htmlBlock(Array(lines[index...end])))
                index = end + 1
                previousBlank = false
                continue
            }
            out.append(indent < 4 ? inlineSpans(line) : line)
            previousBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
            index += 1
        }
        return out.joined(separator: "\n")
    }

    private mutating func placeholder(_ fragment: String) -> String {
        fragments.append(fragment)
        return "\(Self.placeholderPrefix)\(fragments.count - 1)-->"
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
        guard ByteSearch.contains(line, "$$") || (typography && (ByteSearch.contains(line, "<<") || ByteSearch.contains(line, ">>"))) else {
            return line
        }
        let characters = Array(line)
        var out = ""
        var index = 0
        let markersEnd = characters.prefix { $0 == " " || $0 == ">" }.count
        while index < characters.count {
            if typography, index >= markersEnd, index + 1 < characters.count, characters[index] == characters[index + 1],
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

    /// The tag name of a block-level opening tag at the start of `line`.
    static func openingTag(_ line: String) -> String? {
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
                let wantsMarkdown = lines[start].contains("markdown=\"1\"") || lines[start].contains("markdown='1'")
                return sawBlank || wantsMarkdown ? index : nil
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
        let first = lines[0]
        guard first.contains("markdown=\"1\"") || first.contains("markdown='1'"), lines.count >= 2,
              let close = first.firstIndex(of: ">"), first[first.index(after: close)...].trimmingCharacters(in: .whitespaces).isEmpty,
              let last = lines.last, last.trimmingCharacters(in: .whitespaces).hasPrefix("</")
        else {
            return placeholder(lines.joined(separator: "\n"))
        }
        let openTag = first.replacingOccurrences(of: " markdown=\"1\"", with: "").replacingOccurrences(of: " markdown='1'", with: "")
        let inner = lines[1..<(lines.count - 1)].joined(separator: "\n")
        return placeholder(openTag + "\n" + renderInner(inner) + last.trimmingCharacters(in: .whitespaces))
    }

    /// Puts every fragment back in place of its placeholder.
    func restore(_ html: String) -> String {
        guard !fragments.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let start = rest.range(of: Self.placeholderPrefix) {
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
        return out + rest
    }
}
