import Foundation

import Diagnostics

/// Puts attributes on the first tag of a rendered HTML fragment, since cmark-gfm's
/// renderer has no attribute hook: classes join the tag's own, other names replace, new
/// ones go after the tag's own (kramdown's order: `<a href="…" target="_blank">`).
enum AttributeInjection {
    static func inject(_ list: AttributeList, into html: String) -> String {
        guard !list.attributes.isEmpty else { return html }
        var bytes = Array(html.utf8)
        guard let open = bytes.firstIndex(of: UInt8(ascii: "<")),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return html }
        var nameEnd = open + 1
        while nameEnd < close, bytes[nameEnd] != UInt8(ascii: " "), bytes[nameEnd] != UInt8(ascii: "/"), bytes[nameEnd] != UInt8(ascii: "\n") { nameEnd += 1 }
        var tag = String(decoding: bytes[nameEnd..<close], as: UTF8.self)
        var added = ""
        for (name, value) in list.attributes {
            let escaped = HTMLEscaping.escape(value)
            if let range = existingValue(of: name, in: tag) {
                let merged = name == "class" ? tag[range] + " " + escaped : Substring(escaped)
                tag.replaceSubrange(range, with: merged)
            } else {
                added += " \(name)=\"\(escaped)\""
            }
        }
        // Before a self-closing tag's ` /`.
        var tail = ""
        while let last = tag.last, last == "/" || last == " " { tail.insert(tag.removeLast(), at: tail.startIndex) }
        bytes.replaceSubrange(nameEnd..<close, with: Array((tag + added + tail).utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The range of `name="…"`'s value inside a tag's attribute text.
    private static func existingValue(of name: String, in tag: String) -> Range<String.Index>? {
        // A heading's `<h2>` has none; Foundation's search costs more than the rest here.
        guard !tag.isEmpty, let found = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[found.upperBound...].firstIndex(of: "\"") else { return nil }
        return found.upperBound..<end
    }
}
