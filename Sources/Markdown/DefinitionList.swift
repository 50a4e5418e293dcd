import Foundation

/// kramdown's definition lists (`parser/kramdown/list.rb`, `parse_definition_list`):
///
///     term
///     another term
///     : definition, whose lines may run on lazily
///       or indented to the text after the colon
///     : a second definition
///
/// The paragraph right before the first `:` line (one blank line between is allowed, and
/// then the first definition is a paragraph) gives one `<dt>` per line; each definition
/// is rendered as Markdown of its own, its first paragraph without `<p>` unless a blank
/// line came before it. Lists with only blank lines between them are one `<dl>`.
extension KramdownSource {
    /// kramdown's `HTML_SPAN_ELEMENTS` and `script`: a line starting with one of them does
    /// not end a definition's lazy lines.
    static let spanTags: Set<String> = [
        "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em", "i", "img", "input",
        "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "samp", "select", "small",
        "span", "strong", "sub", "sup", "tt", "u", "var", "script",
    ]

    /// The marker's length (spaces and colon) and the text after it, for a line starting a
    /// definition: up to `maxIndent` spaces, `:`, then a blank or `|`.
    static func definitionStart(_ line: String, maxIndent: Int) -> (Int, Substring)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= maxIndent else { return nil }
        let rest = line.dropFirst(indent)
        guard rest.first == ":", let after = rest.dropFirst().first, after == " " || after == "\t" || after == "|" else { return nil }
        return (indent + 1, rest.dropFirst())
    }

    /// Writes the definition list whose first definition is `lines[start]`, taking its
    /// terms back out of `out`. Returns the index of the first line after it, or nil when
    /// the lines before are not a paragraph (kramdown reads the line as text then).
    mutating func definitionList(_ lines: [String], from start: Int, out: inout [String]) -> Int? {
        var termsEnd = out.count
        var firstAsParagraph = false
        if termsEnd >= 2, out[termsEnd - 1].isEmpty, !Self.isBlank(out[termsEnd - 2]) {
            firstAsParagraph = true
            termsEnd -= 1
        }
        var termsStart = termsEnd
        while termsStart > 0, !Self.isBlank(out[termsStart - 1]), !out[termsStart - 1].hasPrefix("#") { termsStart -= 1 }
        guard termsStart < termsEnd, out[termsStart..<termsEnd].allSatisfy(Self.isParagraphLine),
              !out[termsStart].hasPrefix("    ") else { return nil }

        var items: [String] = []
        for term in out[termsStart..<termsEnd] {
            var text = Substring(term.trimmingCharacters(in: .whitespaces))
            let list = Self.leadingAttributeList(&text)
            items.append(element("dt", list, content: inline(String(text)), block: false))
        }

        // The definitions.
        var index = start
        var indentation = 0
        var markerIndent = 3
        var lastBlank = false
        var definitions: [(content: [String], asParagraph: Bool)] = []
        while index < lines.count {
            let line = lines[index]
            if let (marker, rest) = Self.definitionStart(line, maxIndent: markerIndent) {
                let (content, width) = Self.firstLine(markerLength: marker, rest: rest)
                definitions.append(([content], firstAsParagraph))
                indentation = width
                markerIndent = min(indentation - 1, 3)
                firstAsParagraph = false
                lastBlank = false
            } else if line.trimmingCharacters(in: .whitespaces) == "^" {
                break
            } else if !Self.isBlank(line), Self.leadingWidth(line) >= indentation {
                definitions[definitions.count - 1].content.append(Self.dropIndent(line, indentation))
                firstAsParagraph = false
                lastBlank = false
            } else if !lastBlank, !Self.isBlank(line), !Self.endsLazyLines(line, indentation: indentation) {
                definitions[definitions.count - 1].content.append(Self.dropIndent(line, indentation))
                firstAsParagraph = false
            } else if Self.isBlank(line) {
                definitions[definitions.count - 1].content.append("")
                firstAsParagraph = true
                lastBlank = true
            } else {
                break
            }
            index += 1
        }
        // Blank lines after the last definition stay after the list.
        var trailingBlanks = 0
        while let last = definitions.last?.content.last, Self.isBlank(last), definitions[definitions.count - 1].content.count > 1 {
            definitions[definitions.count - 1].content.removeLast()
            trailingBlanks += 1
        }
        for definition in definitions {
            var first = Substring(definition.content[0])
            let list = Self.leadingAttributeList(&first)
            let source = ([String(first)] + definition.content.dropFirst()).joined(separator: "\n")
            var html = renderInner(source, self.definitions)
            var transparent = false
            if !definition.asParagraph, html.hasPrefix("<p>"), let close = html.range(of: "</p>\n") {
                let rest = html[close.upperBound...]
                html = String(html[html.index(html.startIndex, offsetBy: 3)..<close.lowerBound]) + (rest.isEmpty ? "" : "\n" + rest)
                transparent = true
            }
            items.append(element("dd", list, content: html, block: !transparent && !html.isEmpty))
        }

        // Joined to a list right before it (blank lines between).
        out.removeSubrange(termsStart...)
        var previous = out.count
        while previous > 0, Self.isBlank(out[previous - 1]) { previous -= 1 }
        if previous > 0, let last = lastDefinitionList, last.line == previous - 1, out[previous - 1] == last.placeholder {
            // The blank lines between now lie inside the one list.
            out.removeSubrange(previous...)
            lastDefinitionList?.items += items
            fragmentReplace(last.placeholder, with: "<dl>\n" + (lastDefinitionList?.items.joined() ?? "") + "</dl>")
        } else {
            let placeholder = placeholder("<dl>\n" + items.joined() + "</dl>")
            out.append(placeholder)
            lastDefinitionList = (out.count - 1, placeholder, items)
        }
        out.append(contentsOf: Array(repeating: "", count: trailingBlanks))
        return index
    }

    /// kramdown's `<dt>`/`<dd>`: inline content on one line, block content between lines.
    private func element(_ name: String, _ list: AttributeList?, content: String, block: Bool) -> String {
        var open = "<\(name)>"
        if let list { open = AttributeInjection.inject(definitions.resolving(list), into: open) }
        if block { return "  \(open)\n\(content)  </\(name)>\n" }
        return "  \(open)\(content)\(content.hasSuffix("\n") ? "  " : "")</\(name)>\n"
    }

    /// A term's text rendered as a paragraph's content, its parent's placeholders restored.
    private func inline(_ text: String) -> String {
        var html = restore(renderInner(text, definitions))
        if html.hasPrefix("<p>"), html.hasSuffix("</p>\n") { html = String(html.dropFirst(3).dropLast(5)) }
        return html
    }

    /// `{: .class}` at the start of a term or definition (kramdown's `LIST_ITEM_IAL`).
    private static func leadingAttributeList(_ text: inout Substring) -> AttributeList? {
        guard text.hasPrefix("{:"), !text.hasPrefix("{::"), let close = text.firstIndex(of: "}"),
              let list = AttributeList.parse(text[...close]) else { return nil }
        text = text[text.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        return list
    }

    /// kramdown's `parse_first_list_line`: the definition's first text and the indentation
    /// its further lines need (the marker and the blanks after it; 4 when nothing follows).
    static func firstLine(markerLength: Int, rest: Substring) -> (String, Int) {
        let expanded = rest.replacingOccurrences(of: "\t", with: "    ")
        let content = expanded.drop { $0 == " " }
        var probe = Substring(content)
        if content.isEmpty || (leadingAttributeList(&probe) != nil && probe.allSatisfy { $0 == " " }) {
            return (String(content), 4)
        }
        return (String(content), markerLength + (expanded.count - content.count))
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    private static func leadingWidth(_ line: String) -> Int {
        var width = 0
        for character in line {
            if character == " " { width += 1 } else if character == "\t" { width += 4 - width % 4 } else { break }
        }
        return width
    }

    private static func dropIndent(_ line: String, _ indentation: Int) -> String {
        let expanded = line.prefix { $0 == "\t" }.isEmpty ? line : String(repeating: "    ", count: line.prefix { $0 == "\t" }.count) + line.drop { $0 == "\t" }
        let spaces = expanded.prefix { $0 == " " }.count
        return spaces >= indentation ? String(expanded.dropFirst(indentation)) : expanded
    }

    /// Lines that end a definition instead of running on lazily: a block attribute list
    /// or an HTML tag that is not a span element.
    private static func endsLazyLines(_ line: String, indentation: Int) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= min(indentation, 3) else { return false }
        let body = line.dropFirst(indent)
        if body.hasPrefix("{:"), !body.hasPrefix("{::"), !body.hasPrefix("{:/"), AttributeList.parse(body) != nil { return true }
        guard body.first == "<" else { return false }
        let name = body.dropFirst(body.hasPrefix("</") ? 2 : 1).prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" }.lowercased()
        return !name.isEmpty && !spanTags.contains(name)
    }

    /// A line that can be a term: text, not the start of another block.
    private static func isParagraphLine(_ line: String) -> Bool {
        let body = line.drop { $0 == " " }
        guard let first = body.first else { return false }
        if "#><|".contains(first) { return false }
        if "-+*".contains(first), body.dropFirst().first.map({ $0 == " " || $0 == "\t" }) ?? true { return false }
        if first == "`" || first == "~", body.prefix(while: { $0 == first }).count >= 3 { return false }
        if body.allSatisfy({ $0 == "=" || $0 == "-" || $0 == " " }) { return false }
        if body.hasPrefix("{:") { return false }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = body.dropFirst(digits.count).first, after == "." || after == ")" { return false }
        return true
    }
}
