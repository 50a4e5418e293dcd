import CCmarkGFM
import Diagnostics
import Foundation

/// Rewrites a parsed document in place: ids on headings (cmark-gfm writes none),
/// alignment classes for images whose alt text ends with a marker, and code written by
/// the code renderer.
struct TreeRewriter {
    let options: MarkdownOptions
    let cmarkOptions: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?
    let codeRenderer: (any CodeRendering)?
    private(set) var headings: [Heading] = []
    private var slugger = Slugger()
    /// kramdown attribute lists waiting for their node to be written.
    var pending: [OpaquePointer: AttributeList] = [:]
    /// Headings as kramdown's `{:toc}` lists them, with their inline HTML.
    var tocEntries: [TableOfContentsEntry] = []
    /// The kramdown source the document was prepared from: its definitions, and the
    /// fragments its placeholders stand for.
    let source: KramdownSource?
    /// The text cmark-gfm parsed.
    let sourceText: String

    init(options: MarkdownOptions, cmarkOptions: Int32, extensions: UnsafeMutablePointer<cmark_llist>?, codeRenderer: (any CodeRendering)?,
         source: KramdownSource? = nil, sourceText: String = "") {
        self.options = options
        self.cmarkOptions = cmarkOptions
        self.extensions = extensions
        self.codeRenderer = codeRenderer
        self.source = source
        self.sourceText = sourceText
    }

    mutating func rewrite(_ document: OpaquePointer) {
        // kramdown's attribute lists come out of the text first, while every node is live.
        var kramdownTree = KramdownTree(source: options.kramdown == nil ? "" : sourceText)
        if options.kramdown != nil {
            KramdownText.textualizeSpanBlockTags(in: document, source: sourceText)
            kramdownTree.collectBlockLists(document)
            for (node, list) in kramdownTree.blocks { pending[node, default: AttributeList()].merge(list) }
            takeSpanLists(kramdownTree.spanTexts)
            if let definitions = source?.definitions {
                for (node, list) in pending { pending[node] = definitions.resolving(list) }
            }
        }
        // Collect first, then replace: replacing nodes while iterating would invalidate
        // the iterator.
        var headingNodes: [OpaquePointer] = []
        var imageNodes: [OpaquePointer] = []
        var codeNodes: [OpaquePointer] = []
        var taskItems: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING where options.headingIDs: headingNodes.append(node)
            case CMARK_NODE_IMAGE where options.imageAlignmentMarkers || pending[node] != nil: imageNodes.append(node)
            case CMARK_NODE_CODE_BLOCK where codeRenderer != nil, CMARK_NODE_CODE where codeRenderer != nil: codeNodes.append(node)
            case CMARK_NODE_ITEM where options.kramdown != nil && Self.isTaskItem(node): taskItems.append(node)
            // kramdown numbers every list from 1 (`5.` first still writes `<ol>`); only an
            // attribute list (`{: start="5"}`) gives it a start.
            case CMARK_NODE_LIST where options.kramdown != nil && cmark_node_get_list_type(node) == CMARK_ORDERED_LIST:
                cmark_node_set_list_start(node, 1)
            // Raw HTML as kramdown writes it back, before any node becomes HTML of Strata's
            // own making (code, headings) and before attribute lists join its classes.
            case CMARK_NODE_HTML_BLOCK where options.kramdown != nil: Self.writeAsKramdown(node, in: .block)
            case CMARK_NODE_HTML_INLINE where options.kramdown != nil: Self.writeAsKramdown(node, in: .span)
            default: break
            }
        }
        cmark_iter_free(iterator)

        for image in imageNodes { alignImage(image) }
        // Heading texts are read before inline code becomes raw HTML, which they skip.
        let headingTexts = headingNodes.map { Self.trimmingWhitespace(Self.plainText(of: $0)) }
        if let codeRenderer {
            for code in codeNodes { renderCode(code, with: codeRenderer) }
        }
        if let kramdown = options.kramdown {
            KramdownText.restoreRawSpanText(in: document, source: sourceText)
            if !kramdown.smartQuotes.isTypographic { KramdownText.applySmartQuotes(kramdown.smartQuotes, in: document) }
            if let definitions = source?.definitions { KramdownText.applyAbbreviations(definitions, in: document) }
        }
        for (heading, text) in zip(headingNodes, headingTexts) { identify(heading, text: text) }
        if let kramdown = options.kramdown, !taskItems.isEmpty { markTaskLists(taskItems, gfmInput: kramdown.gfmInput) }
        if options.kramdown != nil { applyPendingLists() }
    }

    private static func writeAsKramdown(_ node: OpaquePointer, in context: KramdownRawHTML.Context) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let typed = String(cString: literal)
        let written = KramdownRawHTML.rewrite(typed, in: context)
        if written != typed { cmark_node_set_literal(node, written) }
    }

    /// True for an item cmark-gfm's tasklist extension took (`* [x] text`).
    private static func isTaskItem(_ item: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(item) else { return false }
        return strcmp(name, "tasklist") == 0
    }

    /// Task lists as kramdown writes them, where cmark-gfm writes a bare `<input>` before
    /// the text: under `input: GFM`, kramdown-parser-gfm 1.1's checkbox (classes, no space
    /// after it) inside the item's first paragraph, `task-list` on the list and
    /// `task-list-item` on the first task item and on every item after it that opens with a
    /// paragraph (the parser's flag stays set for the rest of the list); under
    /// `input: kramdown` no task lists at all, the brackets left as text.
    private mutating func markTaskLists(_ items: [OpaquePointer], gfmInput: Bool) {
        let taskItems = Set(items)
        var lists: [OpaquePointer] = []
        var seen: Set<OpaquePointer> = []
        for item in items {
            if let list = cmark_node_parent(item), seen.insert(list).inserted { lists.append(list) }
        }
        let itemClass = AttributeList.parse("{: .task-list-item}") ?? AttributeList()
        for list in lists {
            var isTaskList = false
            var next = cmark_node_first_child(list)
            while let item = next {
                next = cmark_node_next(item)
                guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else { continue }
                if taskItems.contains(item) {
                    let checked = cmark_gfm_extensions_get_tasklist_item_checked(item)
                    let box: cmark_node_type = gfmInput ? CMARK_NODE_HTML_INLINE : CMARK_NODE_TEXT
                    guard let marker = cmark_node_new(box) else { continue }
                    cmark_node_set_literal(marker, gfmInput
                        ? "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\"\(checked ? " checked=\"checked\"" : "") />"
                        : (checked ? "[x] " : "[ ] "))
                    if let first = cmark_node_first_child(paragraph) {
                        cmark_node_insert_before(first, marker)
                    } else {
                        cmark_node_append_child(paragraph, marker)
                    }
                    cmark_node_set_syntax_extension(item, nil)
                    isTaskList = isTaskList || gfmInput
                }
                if isTaskList { pending[item] = Self.classFirst(itemClass, then: pending[item]) }
            }
            if isTaskList, let listClass = AttributeList.parse("{: .task-list}") { pending[list] = Self.classFirst(listClass, then: pending[list]) }
        }
    }

    /// The parser's class, then the document's own attribute list (`{: .note}` after the
    /// list), whose classes kramdown adds after it.
    private static func classFirst(_ parserClass: AttributeList, then written: AttributeList?) -> AttributeList {
        var list = parserClass
        if let written { list.merge(written) }
        return list
    }

    /// Code blocks become HTML blocks and inline code inline HTML, as the renderer writes them.
    private mutating func renderCode(_ node: OpaquePointer, with renderer: any CodeRendering) {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let list = pending.removeValue(forKey: node)
        if cmark_node_get_type(node) == CMARK_NODE_CODE {
            var html = renderer.inlineCodeHTML(code: literal)
            if let list { html = Self.injectBeforeRougeClass(list, into: html) }
            replace(node, with: CMARK_NODE_HTML_INLINE, literal: html)
            return
        }
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
        var html = renderer.codeBlockHTML(code: literal, language: language)
        if let list { html = Self.injectBeforeRougeClass(list, into: html) }
        replace(node, with: CMARK_NODE_HTML_BLOCK, literal: html)
    }

    /// Code's opening tag as kramdown and Jekyll write it: the list's attributes in their
    /// order, the class where the list has one (else last) made of `language-X`, the list's
    /// classes and Jekyll's `highlighter-rouge` (`<div file="a.rb" class="language-ruby
    /// highlighter-rouge">`, `class="language-bash note highlighter-rouge"`).
    private static func injectBeforeRougeClass(_ list: AttributeList, into html: String) -> String {
        guard html.hasPrefix("<"), let close = html.firstIndex(of: ">"),
              let classStart = html[..<close].range(of: " class=\""),
              let classEnd = html[classStart.upperBound..<close].firstIndex(of: "\""),
              html.index(after: classEnd) == close else {
            return AttributeInjection.inject(list, into: html)
        }
        var own = html[classStart.upperBound..<classEnd].split(separator: " ").map(String.init)
        let rouge = own.last == "highlighter-rouge" ? own.removeLast() : nil
        let classes = (own + list.classes.map(HTMLEscaping.escape) + (rouge.map { [$0] } ?? [])).joined(separator: " ")
        var attributes = list.attributes.map { $0.name == "class" ? ("class", classes) : ($0.name, HTMLEscaping.escape($0.value)) }
        if !attributes.contains(where: { $0.0 == "class" }) { attributes.append(("class", classes)) }
        return html[..<classStart.lowerBound] + attributes.map { " \($0.0)=\"\($0.1)\"" }.joined() + html[close...]
    }

    /// Renders the heading alone, adds the id to its opening tag and puts the result
    /// back as an HTML block, since cmark-gfm's renderer has no attribute hook.
    private mutating func identify(_ heading: OpaquePointer, text: String) {
        let level = Int(cmark_node_get_heading_level(heading))
        var list = pending.removeValue(forKey: heading) ?? AttributeList()
        var id = list.id
        if id == nil, options.kramdown?.autoIDs ?? true {
            let kramdown = options.kramdown
            let base = kramdown.map { $0.gfmInput ? Slugger.slugify(text) : KramdownTree.kramdownID(text) } ?? Slugger.slugify(text)
            id = (kramdown?.autoIDPrefix ?? "") + slugger.unique(base)
            list.set("id", id ?? "")
        }
        headings.append(Heading(level: level, text: text, id: id ?? ""))
        guard !list.attributes.isEmpty else { return }

        guard let raw = cmark_render_html(heading, cmarkOptions, extensions) else { return }
        let html = String(cString: raw)
        free(raw)
        let openTag = "<h\(level)>", closeTag = "</h\(level)>\n"
        guard html.hasPrefix(openTag) else { return }
        if let kramdown = options.kramdown, let id, kramdown.tocLevels.contains(level), !list.classes.contains("no_toc"), html.hasSuffix(closeTag) {
            tocEntries.append(TableOfContentsEntry(level: level, id: id, html: String(html.dropFirst(openTag.count).dropLast(closeTag.count))))
        }
        replace(heading, with: CMARK_NODE_HTML_BLOCK, literal: AttributeInjection.inject(list, into: html))
    }

    private mutating func alignImage(_ image: OpaquePointer) {
        let list = pending.removeValue(forKey: image)
        let alt = Self.plainText(of: image)
        guard options.imageAlignmentMarkers, let (cleanAlt, alignment) = ImageAlignment.split(alt: alt) else {
            if let list { renderWithAttributes(image, list) }
            return
        }
        let url = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
        let title = cmark_node_get_title(image).map { String(cString: $0) } ?? ""
        var tag = "<img src=\"\(HTMLEscaping.escape(url))\" alt=\"\(HTMLEscaping.escape(cleanAlt))\""
        if !title.isEmpty { tag += " title=\"\(HTMLEscaping.escape(title))\"" }
        tag += " class=\"\(alignment.className)\" />"
        replace(image, with: CMARK_NODE_HTML_INLINE, literal: list.map { AttributeInjection.inject($0, into: tag) } ?? tag)
    }

    /// `[a](b){:target="_blank"}`: the list comes off the text after the element and
    /// waits for the element to be written.
    private mutating func takeSpanLists(_ texts: [OpaquePointer]) {
        for text in texts {
            guard let previous = cmark_node_previous(text),
                  let literal = cmark_node_get_literal(text).map({ String(cString: $0) }),
                  let close = literal.firstIndex(of: "}"),
                  let list = AttributeList.parse(literal[...close]) else { continue }
            let rest = String(literal[literal.index(after: close)...])
            pending[previous, default: AttributeList()].merge(list)
            if rest.isEmpty {
                cmark_node_unlink(text)
                cmark_node_free(text)
            } else {
                cmark_node_set_literal(text, rest)
            }
        }
    }

    /// Writes every element that still has an attribute list, innermost first (an outer
    /// element's HTML includes its children's), then replaces `{:toc}` lists.
    private mutating func applyPendingLists() {
        var tocLists: [(node: OpaquePointer, list: AttributeList)] = []
        let ordered = pending.map { (node: $0.key, list: $0.value, depth: Self.depth(of: $0.key)) }.sorted { $0.depth > $1.depth }
        pending = [:]
        for item in ordered {
            if item.list.references.contains("toc"), cmark_node_get_type(item.node) == CMARK_NODE_LIST {
                tocLists.append((item.node, item.list))
            } else {
                renderWithAttributes(item.node, item.list)
            }
        }
        // kramdown makes the table of contents of the first `{:toc}` list only, anywhere in
        // the document (blocks rendered apart too): each is written as a plain list between
        // markers that `TableOfContentsEntry.place` resolves once the whole page is known.
        for (list, attributes) in tocLists {
            let tag = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST ? "ol" : "ul"
            var tocAttributes = attributes
            if tocAttributes.id == nil { tocAttributes.set("id", "markdown-toc") }
            let openTag = AttributeInjection.inject(tocAttributes, into: "<\(tag)>")
            guard let raw = cmark_render_html(list, cmarkOptions, extensions) else { continue }
            let plain = AttributeInjection.inject(attributes, into: String(cString: raw))
            free(raw)
            replace(list, with: CMARK_NODE_HTML_BLOCK, literal: TableOfContentsEntry.marker(openTag: openTag, plain: plain))
        }
    }

    private static func depth(of node: OpaquePointer) -> Int {
        var depth = 0
        var current = cmark_node_parent(node)
        while let parent = current {
            depth += 1
            current = cmark_node_parent(parent)
        }
        return depth
    }

    /// Renders a node alone and puts it back as HTML with the attributes on its first tag.
    private mutating func renderWithAttributes(_ node: OpaquePointer, _ list: AttributeList) {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_ITEM {
            markItem(node, list)
            return
        }
        if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
            var literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            // A block set aside behind a placeholder (a definition list, an HTML block taken
            // whole) gets the attributes on its own first tag; math, which has none, none.
            if let fragment = source?.fragment(forPlaceholder: literal) {
                guard fragment.drop(while: { $0 == " " }).hasPrefix("<") else { return }
                literal = fragment + (type == CMARK_NODE_HTML_BLOCK ? "\n" : "")
            }
            cmark_node_set_literal(node, AttributeInjection.inject(list, into: literal))
            return
        }
        guard let raw = cmark_render_html(node, cmarkOptions, extensions) else { return }
        let html = String(cString: raw)
        free(raw)
        let isInline = (type.rawValue & 0x4000) != 0  // CMARK_NODE_TYPE_INLINE
        replace(node, with: isInline ? CMARK_NODE_HTML_INLINE : CMARK_NODE_HTML_BLOCK, literal: AttributeInjection.inject(list, into: html))
    }

    /// List items' attributes, by the number in their marker.
    private(set) var itemLists: [AttributeList] = []
    static let itemMarker = "<!--strata:li:"

    /// A list can hold only items, so an item cannot become raw HTML: a marker at the
    /// start of its first paragraph says which `<li>` gets the attributes (`placeItemLists`).
    private mutating func markItem(_ item: OpaquePointer, _ list: AttributeList) {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let marker = cmark_node_new(CMARK_NODE_HTML_INLINE) else { return }
        cmark_node_set_literal(marker, "\(Self.itemMarker)\(itemLists.count)-->")
        itemLists.append(list)
        if let first = cmark_node_first_child(paragraph) {
            cmark_node_insert_before(first, marker)
        } else {
            cmark_node_append_child(paragraph, marker)
        }
    }

    /// Moves each item marker's attributes onto the `<li>` right before it.
    func placeItemLists(_ html: String) -> String {
        guard !itemLists.isEmpty else { return html }
        var out = html
        for (number, list) in itemLists.enumerated() {
            let marker = "\(Self.itemMarker)\(number)-->"
            guard let found = out.range(of: marker), let li = out[..<found.lowerBound].range(of: "<li>", options: .backwards) else { continue }
            out.removeSubrange(found)
            out.replaceSubrange(li, with: AttributeInjection.inject(list, into: "<li>"))
        }
        return out
    }

    private func replace(_ node: OpaquePointer, with type: cmark_node_type, literal: String) {
        guard let replacement = cmark_node_new(type) else { return }
        cmark_node_set_literal(replacement, literal)
        if cmark_node_replace(node, replacement) == 1 {
            cmark_node_free(node)
        } else {
            cmark_node_free(replacement)
        }
    }

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation when there is nothing to
    /// trim: text whose first and last bytes are ASCII other than a space or a tab (an ASCII
    /// byte is a whole scalar, so the trim would stop at both).
    static func trimmingWhitespace(_ text: String) -> String {
        let isKept = { (byte: UInt8) in byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if let first = text.utf8.first, let last = text.utf8.last, isKept(first), isKept(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The text a reader sees: text and code literals, breaks as spaces, raw HTML skipped.
    static func plainText(of node: OpaquePointer) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { out += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            default:
                break
            }
        }
        return out
    }
}
