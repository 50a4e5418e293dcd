import CCmarkGFM
import Diagnostics
import Foundation

/// kramdown's attribute lists found in a parsed document, taken out of its text:
/// block lists (`{: .x}` on the line after a paragraph, heading, list or quote, or
/// before a block), heading ids (`## Title {#id}`) and span lists after inline elements
/// (`[a](b){:target="_blank"}`). Collected before any node is replaced; applied by
/// `TreeRewriter` once the nodes they belong to are final.
struct KramdownTree {
    /// Block attributes by target node.
    var blocks: [(node: OpaquePointer, list: AttributeList)] = []
    /// Span attributes by the inline node before them (applied in a second pass, since
    /// that node may still be replaced by highlighted code).
    var spanTexts: [OpaquePointer] = []

    static func isIAL(_ text: String) -> Bool { AttributeList.parse(text) != nil }

    /// Takes block lists and heading suffixes out of the document's text.
    mutating func collectBlockLists(_ document: OpaquePointer) {
        cmark_consolidate_text_nodes(document)
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH: paragraphs.append(node)
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_TEXT:
                if let previous = cmark_node_previous(node), Self.takesSpanList(previous),
                   let literal = cmark_node_get_literal(node), literal.pointee == UInt8(ascii: "{") {
                    spanTexts.append(node)
                }
            default: break
            }
        }
        cmark_iter_free(iterator)
        for heading in headings { takeHeadingSuffix(heading) }
        for paragraph in paragraphs { takeTrailingList(paragraph) }
    }

    /// `## Title {#id .class}`: the suffix comes off the heading's last text.
    private mutating func takeHeadingSuffix(_ heading: OpaquePointer) {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last).map({ String(cString: $0) }),
              literal.hasSuffix("}"), let open = literal.range(of: "{", options: .backwards),
              let list = AttributeList.parseHeaderSuffix(literal[open.lowerBound...]) else { return }
        var kept = literal[..<open.lowerBound]
        while kept.last == " " || kept.last == "\t" { kept.removeLast() }
        cmark_node_set_literal(last, String(kept))
        blocks.append((heading, list))
    }

    /// A paragraph's last line `{: …}` belongs to the paragraph or, when it closes a list
    /// or a quote (a lazy continuation line to CommonMark), to that list or quote. A
    /// paragraph that is nothing but the list belongs to the block right before it
    /// (no blank line between) or else to the block after it.
    private mutating func takeTrailingList(_ paragraph: OpaquePointer) {
        // `{: .x}` on the line right before a paragraph's text belongs to that paragraph.
        if let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT,
           let next = cmark_node_next(first), cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK,
           let literal = cmark_node_get_literal(first).map({ String(cString: $0) }), let list = AttributeList.parse(literal) {
            unlinkAndFree(first)
            unlinkAndFree(next)
            blocks.append((paragraph, list))
        }
        guard let last = cmark_node_last_child(paragraph), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last).map({ String(cString: $0) }),
              let list = AttributeList.parse(literal) else { return }
        let previous = cmark_node_previous(last)
        if let previous {
            guard [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(previous)) else { return }
            unlinkAndFree(last)
            unlinkAndFree(previous)
            blocks.append((container(of: paragraph), list))
            return
        }
        // The paragraph is only the list.
        let start = cmark_node_get_start_line(paragraph)
        let target: OpaquePointer?
        if let before = cmark_node_previous(paragraph), cmark_node_get_end_line(before) + 1 == start {
            target = before
        } else {
            target = cmark_node_next(paragraph)
        }
        unlinkAndFree(paragraph)
        if let target { blocks.append((target, list)) }
    }

    /// The list or quote a paragraph closes, or the paragraph itself.
    private func container(of paragraph: OpaquePointer) -> OpaquePointer {
        guard cmark_node_next(paragraph) == nil, let parent = cmark_node_parent(paragraph) else { return paragraph }
        switch cmark_node_get_type(parent) {
        case CMARK_NODE_BLOCK_QUOTE:
            return parent
        case CMARK_NODE_ITEM:
            if cmark_node_next(parent) == nil, let list = cmark_node_parent(parent) { return list }
            return paragraph
        default:
            return paragraph
        }
    }

    static func takesSpanList(_ node: OpaquePointer) -> Bool {
        [CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE]
            .contains(cmark_node_get_type(node))
    }

    private func unlinkAndFree(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Kramdown's own ids (`input: kramdown`): leading non-letters dropped, only ASCII
    /// letters, digits, spaces and `-` kept, spaces to `-`, lower-cased; `section` when empty.
    static func kramdownID(_ text: String) -> String {
        let afterLeading = text.drop { !($0.isASCII && $0.isLetter) }
        var out = ""
        for character in afterLeading {
            if character == " " { out.append("-") }
            else if character.isASCII && (character.isLetter || character.isNumber || character == "-") { out.append(character) }
        }
        let id = out.lowercased()
        return id.isEmpty ? "section" : id
    }
}

/// One entry of kramdown's `{:toc}`.
struct TableOfContentsEntry {
    var level: Int
    var id: String
    /// The heading's content as HTML (its inline markup kept).
    var html: String
    var children: [TableOfContentsEntry] = []

    /// kramdown's markup: `<ul id="markdown-toc">`, links with `markdown-toc-` ids,
    /// nested lists indented as kramdown indents them.
    static func html(_ entries: [TableOfContentsEntry], ordered: Bool) -> String {
        let tag = ordered ? "ol" : "ul"
        var tree: [TableOfContentsEntry] = []
        var path: [Int] = []  // indexes from the root to the open entry
        var levels: [Int] = []  // that entry's level at each depth
        func insert(_ entry: TableOfContentsEntry, into list: inout [TableOfContentsEntry], at depth: Int) {
            if depth == path.count {
                list.append(entry)
                path.append(list.count - 1)
                levels.append(entry.level)
            } else {
                insert(entry, into: &list[path[depth]].children, at: depth + 1)
            }
        }
        for entry in entries {
            while let last = levels.last, last >= entry.level {
                levels.removeLast()
                path.removeLast()
            }
            insert(entry, into: &tree, at: 0)
        }
        func write(_ list: [TableOfContentsEntry], indent: Int) -> String {
            var out = ""
            let pad = String(repeating: " ", count: indent)
            for entry in list {
                let id = HTMLEscaping.escape(entry.id)
                out += "\(pad)<li><a href=\"#\(id)\" id=\"markdown-toc-\(id)\">\(entry.html)</a>"
                if entry.children.isEmpty {
                    out += "</li>\n"
                } else {
                    out += "\(pad)  <\(tag)>\n" + write(entry.children, indent: indent + 4) + "\(pad)  </\(tag)>\n\(pad)</li>\n"
                }
            }
            return out
        }
        return "<\(tag) id=\"markdown-toc\">\n" + write(tree, indent: 2) + "</\(tag)>\n"
    }
}
