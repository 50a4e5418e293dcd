import Foundation

/// kramdown's block-level definitions and its `{::name}` extensions, read as kramdown's
/// parser reads them (`parser/kramdown/extensions.rb`, `abbreviation.rb`).
extension KramdownSource {
    /// Pass one over the lines: takes out attribute list definitions (`{:name: .class}`,
    /// anywhere: like a block attribute list they end a paragraph), abbreviation
    /// definitions (`*[HTML]: …`) and block extensions (`{::comment}`, `{::nomarkdown}`,
    /// `{::options /}`) where a block starts, outside fenced code. A definition's line
    /// becomes blank (kramdown ends the block there); an extension's lines become one
    /// placeholder line.
    mutating func takeDefinitions(_ lines: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(lines.count)
        var fence: (character: Character, length: Int)?
        var blockStart = true
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let open = fence {
                out.append(line)
                let run = body.prefix { $0 == open.character }.count
                if indent < 4, run >= open.length, body.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                blockStart = fence == nil
                continue
            }
            if indent < 4, let first = body.first, first == "`" || first == "~", body.prefix(while: { $0 == first }).count >= 3 {
                fence = (first, body.prefix { $0 == first }.count)
                out.append(line)
                continue
            }
            guard indent < 4 else {
                out.append(line)
                blockStart = false
                continue
            }
            if let (name, list) = Self.attributeListDefinition(body) {
                definitions.attributeLists[name, default: AttributeList()].merge(list)
                out.append("")
                blockStart = true
                continue
            }
            if blockStart, let (abbreviation, title) = Self.abbreviationDefinition(body) {
                definitions.abbreviations[abbreviation] = title
                out.append("")
                continue
            }
            if blockStart, let tag = Self.extensionTag(body), tag.end == body.endIndex || body[tag.end...].allSatisfy({ $0 == " " || $0 == "\t" }) {
                var content: String?
                var next = index
                if !tag.selfClosing {
                    // The stop tag, `{:/name}` or `{:/}`, alone on a line.
                    guard let stop = lines[index...].firstIndex(where: { Self.isBlockStopTag($0, name: tag.name) }) else {
                        out.append(line)
                        blockStart = false
                        continue
                    }
                    content = lines[index..<stop].joined(separator: "\n")
                    next = stop + 1
                }
                guard let html = applyExtension(tag, body: content) else {
                    out.append(line)
                    blockStart = false
                    continue
                }
                out.append(html.isEmpty ? "" : placeholder(html))
                index = next
                blockStart = true
                continue
            }
            if ByteSearch.contains(line, "{::"), let (joined, next) = spanExtensionOverLines(lines, at: index - 1) {
                // Inside a paragraph a line that starts with the placeholder comment would
                // start an HTML block; indented, it continues the paragraph.
                out.append(!blockStart && joined.hasPrefix(placeholderPrefix) ? "    " + joined : joined)
                index = next
                blockStart = false
                continue
            }
            out.append(line)
            // `body` trimmed of whitespace is empty or starts with `#`; without NSString's
            // trimming, which cost more than the rest of this pass (it ran on every line).
            if let first = body.unicodeScalars.firstIndex(where: { !CharacterSet.whitespaces.contains($0) }) {
                blockStart = Substring(body.unicodeScalars[first...]).hasPrefix("#")
            } else {
                blockStart = true
            }
        }
        return out
    }

    /// A span extension that opens on `lines[start]` and closes on a later line of the same
    /// paragraph (`{::comment}` … `{:/comment}`): the lines joined into one, the extension
    /// behind a placeholder, and the index of the line after. Extensions that close on
    /// their own line are left to `spanExtension`.
    private mutating func spanExtensionOverLines(_ lines: [String], at start: Int) -> (String, Int)? {
        let line = lines[start]
        guard let found = line.range(of: "{::"), line[..<found.lowerBound].filter({ $0 == "`" }).count % 2 == 0,
              let tag = Self.extensionTag(line[found.lowerBound...]), !tag.selfClosing, Self.extensionNames.contains(tag.name),
              (unclosedThrough[tag.name] ?? -1) <= start else { return nil }
        let closers = ["{:/\(tag.name)}", "{:/}"]
        if closers.contains(where: { line[tag.end...].contains($0) }) { return nil }
        var index = start + 1
        defer { if index >= lines.count || lines[index].allSatisfy({ $0 == " " || $0 == "\t" }) { unclosedThrough[tag.name] = index } }
        while index < lines.count, !lines[index].allSatisfy({ $0 == " " || $0 == "\t" }) {
            let candidate = lines[index]
            if let stop = closers.compactMap({ candidate.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
                let body = ([String(line[tag.end...])] + lines[(start + 1)..<index] + [String(candidate[..<stop.lowerBound])]).joined(separator: "\n")
                guard let html = applyExtension(tag, body: body) else { return nil }
                return (String(line[..<found.lowerBound]) + (html.isEmpty ? "" : placeholder(html)) + candidate[stop.upperBound...], index + 1)
            }
            index += 1
        }
        return nil
    }

    /// `{:name: attributes}` alone on a line (kramdown's `ALD_START`).
    static func attributeListDefinition(_ body: Substring) -> (String, AttributeList)? {
        guard body.hasPrefix("{:"), !body.hasPrefix("{::") else { return nil }
        let trimmed = body.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix("}") else { return nil }
        let inside = trimmed.dropFirst(2).dropLast()
        guard let colon = inside.firstIndex(of: ":") else { return nil }
        let name = inside[..<colon]
        guard let first = name.first, first.isASCII, first.isLetter || first.isNumber || first == "_",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }),
              !inside[inside.index(after: colon)...].isEmpty,
              let list = AttributeList.parse("{:" + inside[inside.index(after: colon)...] + "}") else { return nil }
        return (String(name), list)
    }

    /// `*[HTML]: Hyper Text Markup Language` (kramdown's `ABBREV_DEFINITION_START`): the
    /// name up to the first `]:`, the title stripped.
    static func abbreviationDefinition(_ body: Substring) -> (String, String)? {
        guard body.hasPrefix("*["), let close = body.range(of: "]:"), close.lowerBound > body.index(body.startIndex, offsetBy: 2) else { return nil }
        let name = body[body.index(body.startIndex, offsetBy: 2)..<close.lowerBound]
        return (String(name), body[close.upperBound...].trimmingCharacters(in: .whitespaces))
    }

    /// A `{::name attributes}` or `{::name attributes /}` start tag at the start of `text`.
    struct ExtensionTag {
        var name: String
        var attributes: AttributeList
        var selfClosing: Bool
        var end: Substring.Index
    }

    static func extensionTag(_ text: Substring) -> ExtensionTag? {
        guard text.hasPrefix("{::") else { return nil }
        var index = text.index(text.startIndex, offsetBy: 3)
        let nameStart = index
        while index < text.endIndex, text[index].isASCII, text[index].isLetter || text[index].isNumber || text[index] == "_" { text.formIndex(after: &index) }
        let name = String(text[nameStart..<index])
        guard !name.isEmpty, index < text.endIndex else { return nil }
        var attributes = AttributeList()
        if text[index] == " " || text[index] == "\t" {
            // Attributes run to the first `}` not escaped.
            let bodyStart = text.index(after: index)
            while index < text.endIndex, text[index] != "}" {
                if text[index] == "\\", text.index(after: index) < text.endIndex { index = text.index(after: index) }
                index = text.index(after: index)
            }
            guard index < text.endIndex else { return nil }
            var inside = text[bodyStart..<index]
            let selfClosing = inside.last == "/"
            if selfClosing { inside = inside.dropLast() }
            attributes = AttributeList.parse("{:" + inside + "}") ?? AttributeList()
            return ExtensionTag(name: name, attributes: attributes, selfClosing: selfClosing, end: text.index(after: index))
        }
        if text[index] == "/", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "}" {
            return ExtensionTag(name: name, attributes: attributes, selfClosing: true, end: text.index(index, offsetBy: 2))
        }
        guard text[index] == "}" else { return nil }
        return ExtensionTag(name: name, attributes: attributes, selfClosing: false, end: text.index(after: index))
    }

    /// `{:/name}` or `{:/}` alone on a line (up to three spaces before it).
    static func isBlockStopTag(_ line: String, name: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return false }
        let trimmed = line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
        return trimmed == "{:/}" || trimmed == "{:/\(name)}"
    }

    /// What an extension writes, as kramdown's HTML converter writes it: a comment as
    /// `<!-- body -->`, `nomarkdown` as its body untouched (nothing when its `type` names
    /// no `html`), `options` nothing (its settings go to the whole document). Nil for an
    /// extension kramdown does not know: its text stays as written.
    mutating func applyExtension(_ tag: ExtensionTag, body: String?) -> String? {
        switch tag.name {
        case "comment":
            return body.map { "<!-- \($0) -->" } ?? ""
        case "nomarkdown":
            let types = tag.attributes.attributes.first { $0.name == "type" }?.value.split(separator: " ") ?? []
            return types.isEmpty || types.contains("html") ? body ?? "" : ""
        case "options":
            for (name, value) in tag.attributes.attributes { _ = definitions.options.apply(option: name, value: value) }
            return ""
        default:
            return nil
        }
    }

    /// The extensions kramdown knows; any other `{::name}` stays text.
    static let extensionNames: Set<String> = ["comment", "nomarkdown", "options"]

    /// A span extension at `characters[start]` (`{::comment}text{:/comment}`, `{:/}` also
    /// closes it, or `{::options … /}`) inside a line: its HTML behind a placeholder and
    /// the index after it. Nil when there is none, or it never closes on the line (kramdown
    /// then keeps the text). `failed` holds the names that found no end further on the
    /// line, so a line full of unclosed tags costs linear time.
    mutating func spanExtension(_ characters: [Character], at start: Int, failed: inout Set<String>) -> (String, Int)? {
        guard start + 2 < characters.count, characters[start + 1] == ":", characters[start + 2] == ":" else { return nil }
        var nameEnd = start + 3
        while nameEnd < characters.count, characters[nameEnd].isASCII,
              characters[nameEnd].isLetter || characters[nameEnd].isNumber || characters[nameEnd] == "_" { nameEnd += 1 }
        let name = String(characters[(start + 3)..<nameEnd])
        guard Self.extensionNames.contains(name), !failed.contains(name) else { return nil }
        // The tag ends at the first `}` that is not escaped.
        var braceEnd = nameEnd
        while braceEnd < characters.count, characters[braceEnd] != "}" {
            braceEnd += characters[braceEnd] == "\\" ? 2 : 1
        }
        guard braceEnd < characters.count else {
            failed.insert(name)
            return nil
        }
        guard let tag = Self.extensionTag(Substring(String(characters[start...braceEnd]))) else { return nil }
        var body: String?
        var end = braceEnd + 1
        if !tag.selfClosing {
            // `{:/name}` or `{:/}`, whichever comes first.
            let named = Array("\(name)}")
            var probe = braceEnd + 1
            var stop: (start: Int, end: Int)?
            while probe + 3 < characters.count, stop == nil {
                if characters[probe] == "{", characters[probe + 1] == ":", characters[probe + 2] == "/" {
                    if characters[probe + 3] == "}" {
                        stop = (probe, probe + 4)
                    } else if probe + 3 + named.count <= characters.count, Array(characters[(probe + 3)..<(probe + 3 + named.count)]) == named {
                        stop = (probe, probe + 3 + named.count)
                    }
                }
                probe += 1
            }
            guard let stop else {
                failed.insert(name)
                return nil
            }
            body = String(characters[(braceEnd + 1)..<stop.start])
            end = stop.end
        }
        guard let html = applyExtension(tag, body: body) else { return nil }
        return (html.isEmpty ? "" : placeholder(html), end)
    }
}
