import CCmarkGFM
import Diagnostics

extension KramdownText {
    /// The elements whose content kramdown's HTML parser reads raw (its
    /// `HTML_CONTENT_MODEL_RAW`): their text is written as typed, with no typography.
    static let rawContentElements: Set<String> = ["script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var"]

    /// The typographic characters cmark-gfm's smart punctuation writes, and what was typed.
    private static let typed: [Character: String] = ["–": "--", "—": "---", "…": "...", "‘": "'", "’": "'", "“": "\"", "”": "\""]

    /// Undoes cmark-gfm's smart punctuation in text between a raw `<code>`, `<kbd>`, `<pre>`…
    /// opening tag and its closing tag in the same paragraph (`<code>--config</code>` stays
    /// `--config`), as kramdown leaves raw content alone. A character that also stands as
    /// itself somewhere in `source` (the document's Markdown) is left: it may have been typed.
    static func restoreRawSpanText(in document: OpaquePointer, source: String) {
        // Most posts hold no tag at all: no walk over their tree.
        guard source.utf8.contains(UInt8(ascii: "<")), let iterator = cmark_iter_new(document) else { return }
        var open: [String] = []
        var inside: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING: open.removeAll()
            case CMARK_NODE_HTML_INLINE:
                guard let literal = cmark_node_get_literal(node).map({ String(cString: $0) }) else { continue }
                if let name = tagName(literal, closing: true) {
                    if open.last == name { open.removeLast() }
                } else if let name = tagName(literal, closing: false), !literal.hasSuffix("/>") {
                    open.append(name)
                }
            case CMARK_NODE_TEXT where !open.isEmpty: inside.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)
        guard !inside.isEmpty else { return }
        let typedInSource = typed.filter { !source.contains($0.key) }
        for node in inside {
            guard let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
                  literal.contains(where: { typedInSource[$0] != nil }) else { continue }
            let restored = literal.map { typedInSource[$0] ?? String($0) }.joined()
            // kramdown writes raw content's quotes as typed, not as `&quot;`.
            if restored.contains("\"") {
                replace(node, with: [(HTMLEscaping.escapeText(restored), true)])
            } else {
                cmark_node_set_literal(node, restored)
            }
        }
    }

    /// The lower-cased name of a raw-content element's opening (or, when `closing`, closing)
    /// tag that `html` is, else nil. Inline code Strata rendered itself is one node holding a
    /// whole `<code>…</code>`, not a lone tag, so it opens nothing.
    private static func tagName(_ html: String, closing: Bool) -> String? {
        let prefix = closing ? "</" : "<"
        guard html.hasPrefix(prefix), html.hasSuffix(">"), !html.dropFirst().contains("<") else { return nil }
        let name = html.dropFirst(prefix.count).prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }.lowercased()
        let after = html.dropFirst(prefix.count + name.count).first
        guard rawContentElements.contains(name), after == ">" || after == "/" || after?.isWhitespace == true else { return nil }
        return name
    }
}
