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
        scan(utf8: Array(html.utf8), names: names)
    }

    /// `scan` of a page's UTF-8 bytes, as the outputs hold them (no decoded copy of a large page).
    static func scan(utf8 bytes: [UInt8], names: Set<String>? = nil) -> [HTMLTag] {
        var tags: [HTMLTag] = []
        var index = 0
        let count = bytes.count
        while index < count {
            // memchr to the next `<`: text between tags is most of a page.
            guard let next = nextOpening(bytes, from: index) else { break }
            index = next
            if index + 3 < count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                index = find("-->", in: bytes, from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            var cursor = index + 1
            let nameStart = cursor
            while cursor < count, isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart, isLetter(bytes[nameStart]) else { index += 1; continue }
            // Filter on the bytes before allocating anything: most tags are not wanted.
            if let names, !names.contains(where: { matches($0, bytes, nameStart..<cursor) }) {
                index = skipTag(bytes, from: cursor)
                // Text inside a script or style is not markup, even when it looks like it.
                for raw in ["script", "style"] where matches(raw, bytes, nameStart..<cursor) {
                    index = find("</\(raw)", in: bytes, from: index) ?? count
                }
                continue
            }
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
            tags.append(HTMLTag(name: name, attributes: attributes))
            index = cursor + 1
            if name == "script" || name == "style" {
                index = find("</\(name)", in: bytes, from: index) ?? count
            }
        }
        return tags
    }

    /// The ids (and `<a name>`s) of a page, for `#anchor` checks: a byte scan for
    /// ` id="…"`/` name="…"` inside tags, cheaper than reading every tag.
    static func ids(in html: String) -> Set<String> {
        ids(inUTF8: Array(html.utf8))
    }

    /// `ids(in:)` of a page's UTF-8 bytes, as the outputs hold them.
    static func ids(inUTF8 bytes: [UInt8]) -> Set<String> {
        // Made once: the loop below asks at every space inside a tag.
        let attributes = [Array("id=".utf8), Array("name=".utf8)]
        var ids: Set<String> = []
        var inTag = false
        var quote: UInt8 = 0
        var index = 0
        while index < bytes.count {
            // Text between tags is most of a page: memchr to the next `<`.
            if !inTag && quote == 0 {
                guard let next = nextOpening(bytes, from: index) else { break }
                index = next + 1
                inTag = true
                continue
            }
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if isSpace(byte) {
                for attribute in attributes {
                    let start = index + 1
                    guard start + attribute.count < bytes.count, bytes[start..<start + attribute.count].elementsEqual(attribute) else { continue }
                    let open = bytes[start + attribute.count]
                    guard open == UInt8(ascii: "\"") || open == UInt8(ascii: "'") else { continue }
                    var end = start + attribute.count + 1
                    while end < bytes.count, bytes[end] != open { end += 1 }
                    ids.insert(decodeEntities(String(decoding: bytes[(start + attribute.count + 1)..<min(end, bytes.count)], as: UTF8.self)))
                    index = end
                    break
                }
            }
            index += 1
        }
        return ids
    }

    private static func nextOpening(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "<")), buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Past the `>` that ends a tag, skipping quoted values.
    private static func skipTag(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return index
    }

    /// Whether `bytes[range]`, lower-cased, is `name` (lower-case ASCII). By index: a `zip`
    /// of the two cost more than the rest of the scan.
    private static func matches(_ name: String, _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard name.utf8.count == range.count else { return false }
        var index = range.lowerBound
        for byte in name.utf8 {
            guard byte == bytes[index] | 0x20 else { return false }
            index += 1
        }
        return true
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
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        // One pass over the bytes. It equals replacing the entities one after another with
        // `&amp;` last (as this did through Foundation, a tenth of the link check): every entity
        // runs from `&` to its `;` with neither inside, so no two matches overlap, and no
        // decoded character is part of an entity, so no replacement makes a new match.
        var out: [UInt8] = []
        var text = value
        text.withUTF8 { bytes in
            out.reserveCapacity(bytes.count)
            var index = 0
            next: while index < bytes.count {
                if bytes[index] == UInt8(ascii: "&") {
                    for (entity, byte) in entityBytes where matches(entity, in: bytes, at: index) {
                        out.append(byte)
                        index += entity.count
                        continue next
                    }
                }
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let entityBytes: [([UInt8], UInt8)] = {
        let entities: [(String, Unicode.Scalar)] = [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
        return entities.map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }
    }()

    private static func matches(_ entity: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + entity.count <= bytes.count else { return false }
        for offset in entity.indices where bytes[index + offset] != entity[offset] { return false }
        return true
    }
}
