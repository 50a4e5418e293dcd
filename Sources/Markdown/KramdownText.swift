import CCmarkGFM
import Diagnostics
import Foundation

/// Rewrites of a parsed document's text that kramdown makes in its converter: quotes in
/// the `smart_quotes` characters, and abbreviations (`*[HTML]: …`) as `<abbr>`.
enum KramdownText {
    /// The text nodes of `document`, outside images when `outsideImages` (kramdown writes
    /// an image's alt text as it was typed).
    static func textNodes(of document: OpaquePointer, outsideImages: Bool) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return nodes }
        defer { cmark_iter_free(iterator) }
        var imageDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE && outsideImages {
                imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
            } else if type == CMARK_NODE_TEXT, event == CMARK_EVENT_ENTER, imageDepth == 0 {
                nodes.append(node)
            }
        }
        return nodes
    }

    /// Changes the curly quotes cmark-gfm's smart punctuation made into `quotes`. A text
    /// that then holds `"` becomes raw HTML: kramdown writes that quote unescaped.
    static func applySmartQuotes(_ quotes: SmartQuotes, in document: OpaquePointer) {
        let curly: [Character] = ["‘", "’", "“", "”"]
        for node in textNodes(of: document, outsideImages: false) {
            guard let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
                  literal.contains(where: { curly.contains($0) }) else { continue }
            var mapped = ""
            for character in literal {
                if let index = curly.firstIndex(of: character) { mapped.append(quotes.characters[index]) } else { mapped.append(character) }
            }
            if mapped.contains("\"") {
                replace(node, with: [(HTMLEscaping.escapeText(mapped), true)])
            } else {
                cmark_node_set_literal(node, mapped)
            }
        }
    }

    /// Writes every abbreviation standing as a word in the text (not in code or image alt
    /// text) as `<abbr title="…">`, as kramdown's `replace_abbreviations` and HTML
    /// converter do: longest first, between non-word characters (ASCII `\w`), the
    /// abbreviation itself as typed and the title escaped as an attribute.
    static func applyAbbreviations(_ definitions: KramdownDefinitions, in document: OpaquePointer) {
        guard !definitions.abbreviations.isEmpty else { return }
        let abbreviations = definitions.abbreviationsLongestFirst
        for node in textNodes(of: document, outsideImages: true) {
            guard let literal = cmark_node_get_literal(node).map({ String(cString: $0) }) else { continue }
            let bytes = Array(literal.utf8)
            var pieces: [(String, Bool)] = []
            var textStart = 0
            var index = 0
            while index < bytes.count {
                guard index == 0 || !isWord(bytes[index - 1]),
                      let found = abbreviations.first(where: { matches($0.abbreviation, in: bytes, at: index) }) else {
                    index += 1
                    continue
                }
                if textStart < index { pieces.append((String(decoding: bytes[textStart..<index], as: UTF8.self), false)) }
                let name = String(decoding: found.abbreviation, as: UTF8.self)
                let title = found.title.isEmpty ? "" : " title=\"\(attributeEscaped(found.title))\""
                pieces.append(("<abbr\(title)>\(name)</abbr>", true))
                index += found.abbreviation.count
                textStart = index
            }
            guard !pieces.isEmpty else { continue }
            if textStart < bytes.count { pieces.append((String(decoding: bytes[textStart...], as: UTF8.self), false)) }
            replace(node, with: pieces)
        }
    }

    private static func matches(_ abbreviation: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        let end = index + abbreviation.count
        guard end <= bytes.count, bytes[index..<end].elementsEqual(abbreviation) else { return false }
        return end == bytes.count || !isWord(bytes[end])
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// kramdown's attribute escaping: `<`, `>`, `"` and an `&` that starts no entity.
    static func attributeEscaped(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let character = rest.first {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "&":
                let name = rest.dropFirst().prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
                out += !name.isEmpty && rest.dropFirst(1 + name.count).first == ";" ? "&" : "&amp;"
            default: out.append(character)
            }
            rest = rest.dropFirst()
        }
        return out
    }

    /// Puts `pieces` (text, or raw HTML when the flag is set) in place of a text node.
    static func replace(_ node: OpaquePointer, with pieces: [(String, Bool)]) {
        for (text, isHTML) in pieces {
            guard let piece = cmark_node_new(isHTML ? CMARK_NODE_HTML_INLINE : CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(piece, text)
            cmark_node_insert_before(node, piece)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
