import CCmarkGFM
import Diagnostics
import Foundation

/// Rewrites a parsed document in place: ids on headings (cmark-gfm writes none) and
/// alignment classes for images whose alt text ends with a marker.
struct TreeRewriter {
    let options: MarkdownOptions
    let cmarkOptions: Int32
    let extensions: UnsafeMutablePointer<cmark_llist>?
    private(set) var headings: [Heading] = []
    private var slugger = Slugger()

    init(options: MarkdownOptions, cmarkOptions: Int32, extensions: UnsafeMutablePointer<cmark_llist>?) {
        self.options = options
        self.cmarkOptions = cmarkOptions
        self.extensions = extensions
    }

    mutating func rewrite(_ document: OpaquePointer) {
        // Collect first, then replace: replacing nodes while iterating would invalidate
        // the iterator.
        var headingNodes: [OpaquePointer] = []
        var imageNodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING where options.headingIDs: headingNodes.append(node)
            case CMARK_NODE_IMAGE where options.imageAlignmentMarkers: imageNodes.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)

        for image in imageNodes { alignImage(image) }
        for heading in headingNodes { identify(heading) }
    }

    /// Renders the heading alone, adds the id to its opening tag and puts the result
    /// back as an HTML block, since cmark-gfm's renderer has no attribute hook.
    private mutating func identify(_ heading: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(heading))
        let text = Self.plainText(of: heading).trimmingCharacters(in: .whitespaces)
        let id = slugger.slug(for: text)
        headings.append(Heading(level: level, text: text, id: id))

        guard let raw = cmark_render_html(heading, cmarkOptions, extensions) else { return }
        let html = String(cString: raw)
        free(raw)
        let openTag = "<h\(level)>"
        guard html.hasPrefix(openTag) else { return }
        let rewritten = "<h\(level) id=\"\(HTMLEscaping.escape(id))\">" + html.dropFirst(openTag.count)
        replace(heading, with: CMARK_NODE_HTML_BLOCK, literal: rewritten)
    }

    private func alignImage(_ image: OpaquePointer) {
        let alt = Self.plainText(of: image)
        guard let (cleanAlt, alignment) = ImageAlignment.split(alt: alt) else { return }
        let url = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
        let title = cmark_node_get_title(image).map { String(cString: $0) } ?? ""
        var tag = "<img src=\"\(HTMLEscaping.escape(url))\" alt=\"\(HTMLEscaping.escape(cleanAlt))\""
        if !title.isEmpty { tag += " title=\"\(HTMLEscaping.escape(title))\"" }
        tag += " class=\"\(alignment.className)\" />"
        replace(image, with: CMARK_NODE_HTML_INLINE, literal: tag)
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
