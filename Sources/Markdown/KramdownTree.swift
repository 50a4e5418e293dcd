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

    /// The text cmark-gfm parsed, read only when a lone attribute list asks whether a blank
    /// line stands before it.
    let source: String

    init(source: String) {
        self.source = source
    }

    /// Whether the source's line `number` (1-based, as cmark-gfm counts) holds only blanks.
    private func isBlankLine(_ number: Int) -> Bool {
        var line = 1
        var blank = true
        for byte in source.utf8 {
            if byte == 0x0A {
                if line == number { return blank }
                line += 1
                blank = true
            } else if line == number, byte != 0x20, byte != 0x09 {
                blank = false
            }
        }
        return line == number ? blank : true
    }

    static func isIAL(_ text: String) -> Bool { AttributeList.parse(text) != nil }

    /// Takes block lists and heading suffixes out of the document's text.
    mutating func collectBlockLists(_ document: OpaquePointer) {
        cmark_consolidate_text_nodes(document)
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var htmlBlocks: [OpaquePointer] = []
        var tables: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH: paragraphs.append(node)
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_HTML_BLOCK: htmlBlocks.append(node)
            case CMARK_NODE_TEXT:
                if let previous = cmark_node_previous(node), Self.takesSpanList(previous),
                   let literal = cmark_node_get_literal(node), literal.pointee == UInt8(ascii: "{") {
                    spanTexts.append(node)
                }
            default:
                if let name = cmark_node_get_type_string(node), strcmp(name, "table") == 0 { tables.append(node) }
            }
        }
        cmark_iter_free(iterator)
        for table in tables { takeTableRowList(table) }
        for block in htmlBlocks { takeHTMLBlockList(block) }
        for heading in headings { takeHeadingSuffix(heading) }
        for paragraph in paragraphs { takeTrailingList(paragraph) }
    }

    /// `{: .table}` right under a table: GFM reads it as one more row, whose first cell is
    /// the list and whose other cells are empty. kramdown gives it to the table.
    private mutating func takeTableRowList(_ table: OpaquePointer) {
        guard let row = cmark_node_last_child(table), let cell = cmark_node_first_child(row),
              let text = cmark_node_first_child(cell), cmark_node_get_type(text) == CMARK_NODE_TEXT, cmark_node_next(text) == nil,
              let list = cmark_node_get_literal(text).flatMap({ AttributeList.parse(String(cString: $0)) }) else { return }
        var other = cmark_node_next(cell)
        while let current = other {
            guard cmark_node_first_child(current) == nil else { return }
            other = cmark_node_next(current)
        }
        unlinkAndFree(row)
        blocks.append((table, list))
    }

    /// `<p>raw</p>` then `{: .x}` on the next line: CommonMark keeps the line in the HTML
    /// block; kramdown gives the list to the element.
    private mutating func takeHTMLBlockList(_ block: OpaquePointer) {
        guard let literal = cmark_node_get_literal(block).map({ String(cString: $0) }) else { return }
        var lines = literal.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count >= 2, let last = lines.last, let list = AttributeList.parse(last) else { return }
        lines.removeLast()
        cmark_node_set_literal(block, lines.joined(separator: "\n") + "\n")
        blocks.append((block, list))
    }

    /// `## Title {#id}`: the suffix comes off the heading's last text.
    private mutating func takeHeadingSuffix(_ heading: OpaquePointer) {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last).map({ String(cString: $0) }),
              literal.hasSuffix("}"), let open = literal.range(of: "{", options: .backwards), open.lowerBound > literal.startIndex,
              [" ", "\t"].contains(literal[literal.index(before: open.lowerBound)]),
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
        takeListItemList(paragraph)
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
        // Right under the block before it: no blank line between (cmark-gfm's end lines
        // are not exact for HTML blocks, so the source says).
        if let before = cmark_node_previous(paragraph),
           cmark_node_get_end_line(before) + 1 == start
            || (cmark_node_get_type(before) == CMARK_NODE_HTML_BLOCK && start > 1 && !isBlankLine(Int(start) - 1)) {
            target = before
        } else {
            target = cmark_node_next(paragraph)
        }
        unlinkAndFree(paragraph)
        if let target { blocks.append((target, list)) }
    }

    /// `* {: .class} text`: a list at the start of a list item's first line is the item's
    /// (kramdown's `LIST_ITEM_IAL`).
    private mutating func takeListItemList(_ paragraph: OpaquePointer) {
        guard let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM,
              cmark_node_first_child(item) == paragraph, let first = cmark_node_first_child(paragraph),
              cmark_node_get_type(first) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(first).map({ String(cString: $0) }),
              literal.hasPrefix("{:"), !literal.hasPrefix("{::"), let close = literal.firstIndex(of: "}"),
              let list = AttributeList.parse(literal[...close]) else { return }
        let rest = literal[literal.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        if rest.isEmpty, cmark_node_next(first) == nil { return }
        cmark_node_set_literal(first, String(rest))
        blocks.append((item, list))
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

    static let markerStart = "<!--strata:toc:", markerEnd = "<!--strata:toc:end-->"

    /// A `{:toc}` list as written before the page is known: the table's opening tag and
    /// the list as plain HTML (what it stays when another `{:toc}` came first).
    static func marker(openTag: String, plain: String) -> String {
        // The HTML block's own line break follows the marker.
        markerStart + openTag + "-->" + (plain.hasSuffix("\n") ? String(plain.dropLast()) : plain) + markerEnd
    }

    /// Puts the table of contents in place of the first `{:toc}` marker of a whole page
    /// and the plain lists in place of the others.
    static func place(_ entries: [TableOfContentsEntry], in html: String) -> String {
        guard ByteSearch.contains(html, markerStart) else { return html }
        var out = ""
        var rest = Substring(html)
        var first = true
        while let start = rest.range(of: markerStart), let tagEnd = rest[start.upperBound...].range(of: "-->"),
              let end = rest[tagEnd.upperBound...].range(of: markerEnd) {
            out += rest[..<start.lowerBound]
            let openTag = String(rest[start.upperBound..<tagEnd.lowerBound])
            if first {
                let tag = openTag.hasPrefix("<ol") ? "ol" : "ul"
                let id = openTag.range(of: " id=\"").flatMap { found in openTag[found.upperBound...].split(separator: "\"").first.map(String.init) } ?? "markdown-toc"
                out += self.html(entries, tag: tag, openTag: openTag, idPrefix: id).dropLast()
                first = false
            } else {
                out += rest[tagEnd.upperBound..<end.lowerBound]
            }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// kramdown's markup: `<ul id="markdown-toc">`, links with `markdown-toc-` ids,
    /// nested lists indented as kramdown indents them.
    static func html(_ entries: [TableOfContentsEntry], tag: String, openTag: String, idPrefix: String) -> String {
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
                out += "\(pad)<li><a href=\"#\(id)\" id=\"\(idPrefix)-\(id)\">\(entry.html)</a>"
                if entry.children.isEmpty {
                    out += "</li>\n"
                } else {
                    out += "\(pad)  <\(tag)>\n" + write(entry.children, indent: indent + 4) + "\(pad)  </\(tag)>\n\(pad)</li>\n"
                }
            }
            return out
        }
        return openTag + "\n" + write(tree, indent: 2) + "</\(tag)>\n"
    }
}
