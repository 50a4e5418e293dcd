import Foundation

/// The start tags of an HTML page with their attributes: just enough of HTML for
/// finding links, images and ids. Comments are skipped; text inside `<script>` and
/// `<style>` is not scanned for tags. Works on bytes, as pages can be large.
struct HTMLTag: Sendable, Hashable {
    /// Lower-cased element name.
    var name: String
    /// Lower-cased attribute names to values with `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` decoded.
    var attributes: [String: String]

    static func scan(_ html: String, names: Set<String>? = nil) -> [HTMLTag] {
        let bytes = Array(html.utf8)
        var tags: [HTMLTag] = []
        var index = 0
        let count = bytes.count
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if bytes[index...].starts(with: "<!--".utf8) {
                index = find("-->", in: bytes, from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            var cursor = index + 1
            let nameStart = cursor
            while cursor < count, isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart, isLetter(bytes[nameStart]) else { index += 1; continue }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            var attributes: [String: String] = [:]
            // Attributes: name, optionally = and a quoted or bare value, up to `>`.
            while cursor < count, bytes[cursor] != UInt8(ascii: ">") {
                if isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") { cursor += 1; continue }
                let attributeStart = cursor
                while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                let attribute = String(decoding: bytes[attributeStart..<cursor], as: UTF8.self).lowercased()
                while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                var value = ""
                if cursor < count, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                    if cursor < count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                        let quote = bytes[cursor]
                        let valueStart = cursor + 1
                        cursor = valueStart
                        while cursor < count, bytes[cursor] != quote { cursor += 1 }
                        value = String(decoding: bytes[valueStart..<min(cursor, count)], as: UTF8.self)
                        cursor += 1
                    } else {
                        let valueStart = cursor
                        while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                        value = String(decoding: bytes[valueStart..<cursor], as: UTF8.self)
                    }
                }
                if !attribute.isEmpty, attributes[attribute] == nil { attributes[attribute] = decodeEntities(value) }
            }
            if names?.contains(name) ?? true { tags.append(HTMLTag(name: name, attributes: attributes)) }
            index = cursor + 1
            if name == "script" || name == "style" {
                index = find("</\(name)", in: bytes, from: index) ?? count
            }
        }
        return tags
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let target = Array(needle.utf8)
        guard start < bytes.count, let first = target.first else { return nil }
        var index = start
        while index + target.count <= bytes.count {
            if bytes[index] == first, bytes[index..<index + target.count].elementsEqual(target) { return index }
            index += 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = value
        for (entity, text) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: text)
        }
        return out
    }
}
