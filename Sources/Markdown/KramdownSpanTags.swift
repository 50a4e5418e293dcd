import CCmarkGFM
import Diagnostics

extension KramdownText {
    /// kramdown's `HTML_BLOCK_ELEMENTS` (kramdown 2.4, `parser/html.rb`): in running text a
    /// tag of one of these is not HTML but text.
    static let spanBlockTags: Set<String> = [
        "address", "article", "aside", "applet", "body", "blockquote", "caption", "col", "colgroup",
        "dd", "div", "dl", "dt", "fieldset", "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "head", "iframe", "legend", "menu", "li", "main", "map", "nav", "ol",
        "optgroup", "p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tfoot", "tr", "ul",
    ]

    /// kramdown's `HTML_ELEMENTS_WITHOUT_BODY`: opening tags that wait for no closing tag.
    private static let voidTags: Set<String> = [
        "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    ]

    /// Turns the HTML tags kramdown's span parser (`parse_span_html`) keeps as text back into
    /// text: an opening tag of a block element inside a paragraph, heading or cell
    /// (`## Thematic breaks (<hr>)` shows `<hr>` and has the id `thematic-breaks-hr`), and a
    /// closing tag that closes no element opened before it in the same block (`text</div>`).
    /// cmark-gfm passes both through as raw HTML. Only tags cmark-gfm read as inline HTML are
    /// looked at; a line that starts an HTML block is kramdown's block parser's, not this.
    static func textualizeSpanBlockTags(in document: OpaquePointer, source: String) {
        // Most posts hold no tag at all: no walk over their tree.
        guard source.utf8.contains(UInt8(ascii: "<")), let iterator = cmark_iter_new(document) else { return }
        var open: [String] = []
        var asText: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            // cmark-gfm marks block node types (extensions' table cells too) in the high bits.
            if type.rawValue & 0xC000 == 0x8000 {
                open.removeAll()
                continue
            }
            guard type == CMARK_NODE_HTML_INLINE,
                  let literal = cmark_node_get_literal(node).map({ String(cString: $0) }),
                  let tag = SpanTag(literal) else { continue }
            if tag.closing {
                if let index = open.lastIndex(of: tag.name) {
                    open.removeSubrange(index...)
                } else {
                    asText.append(node)
                }
            } else if spanBlockTags.contains(tag.name) {
                asText.append(node)
            } else if !tag.selfClosed, !voidTags.contains(tag.name) {
                open.append(tag.name)
            }
        }
        cmark_iter_free(iterator)
        for node in asText {
            guard let literal = cmark_node_get_literal(node).map({ String(cString: $0) }) else { continue }
            // kramdown writes the quotes of text as typed; cmark-gfm's text would be `&quot;`.
            replace(node, with: [literal.contains("\"") ? (HTMLEscaping.escapeText(literal), true) : (literal, false)])
        }
    }

    /// One opening or closing tag as cmark-gfm's inline HTML holds it; comments,
    /// declarations and processing instructions are none.
    private struct SpanTag {
        let name: String
        let closing: Bool
        let selfClosed: Bool

        init?(_ html: String) {
            guard html.hasPrefix("<"), html.hasSuffix(">") else { return nil }
            closing = html.hasPrefix("</")
            let rest = html.dropFirst(closing ? 2 : 1)
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ":" || $0 == "_") }
            guard let first = name.first, first.isLetter else { return nil }
            // kramdown lower-cases the names of the HTML elements it knows; the block
            // elements and the void ones all are.
            self.name = name.lowercased()
            selfClosed = html.hasSuffix("/>")
        }
    }
}
