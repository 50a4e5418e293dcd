import Foundation

/// The headings of a rendered page as an HTML parser's tree would show them to a CSS selector
/// such as jekyll-toc's `h2` and `.no_toc_section h2`: each `<h1>`…`<h6>` with its attributes,
/// the classes of the elements around it, its text and where its content lies. A scan of the
/// page's bytes (as `HTMLTextNodes` is), not a tree: comments, `<!DOCTYPE>`, and the raw text of
/// `script`, `style`, `textarea` and `title` are passed over, void elements open nothing, and an
/// end tag closes the innermost open element of its name (one with no open element is ignored),
/// which is what a parser makes of the markup Markdown and themes write.
enum HeadingScanner {
    struct Heading: Equatable {
        var level: Int
        var id: String?
        var classes: [String]
        /// The classes of every element the heading is inside.
        var ancestorClasses: [String]
        /// The text of the heading and its descendants, character references as written.
        var innerText: String
        /// UTF-8 offsets: after the start tag's `>`, and where the end tag starts.
        var contentStart: Int
        var contentEnd: Int
        /// The heading's last child is an element or a comment rather than text.
        var endsWithElement: Bool
    }

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    private static let rawText: Set<String> = ["script", "style", "textarea", "title"]

    /// Every heading whose level is in `levels`, in document order (a heading inside another
    /// is not looked for: HTML does not nest them).
    static func headings(in html: String, levels: Range<Int>) -> [Heading] {
        let bytes = Array(html.utf8)
        var found: [Heading] = []
        var open: [(name: String, classes: [String])] = []
        // The heading being read: its index in `open`, and the pieces found so far.
        var current: (depth: Int, heading: Heading, text: [UInt8])?
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                if current != nil { current!.text.append(bytes[index]) }
                index += 1
                continue
            }
            let tagStart = index
            if starts(with: "<!--", in: bytes, at: index) {
                index = (find("-->", in: bytes, from: index + 4) ?? bytes.count - 3) + 3
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                index = (find(">", in: bytes, from: index) ?? bytes.count - 1) + 1
                continue
            }
            let closing = next == UInt8(ascii: "/")
            var cursor = index + (closing ? 2 : 1)
            let nameStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart, isLetter(bytes[nameStart]) else {
                // `<` that starts no tag is text.
                if current != nil { current!.text.append(bytes[index]) }
                index += 1
                continue
            }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            let (attributes, end) = readAttributes(bytes, from: cursor)
            index = end
            if closing {
                guard let depth = open.lastIndex(where: { $0.name == name }) else { continue }
                if let reading = current, depth <= reading.depth {
                    var heading = reading.heading
                    heading.contentEnd = tagStart
                    heading.innerText = String(decoding: reading.text, as: UTF8.self)
                    let inner = bytes[heading.contentStart..<tagStart]
                    heading.endsWithElement = inner.last == UInt8(ascii: ">")
                    found.append(heading)
                    current = nil
                }
                open.removeSubrange(depth...)
                continue
            }
            let classes = (attributes["class"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            if rawText.contains(name) {
                let close = find("</\(name)", in: bytes, from: index, caseInsensitive: true) ?? bytes.count
                index = (find(">", in: bytes, from: close) ?? bytes.count - 1) + 1
                continue
            }
            if voidElements.contains(name) { continue }
            if current == nil, name.count == 2, name.first == "h", let level = Int(name.dropFirst()), levels.contains(level) {
                let heading = Heading(
                    level: level, id: attributes["id"], classes: classes, ancestorClasses: open.flatMap(\.classes),
                    innerText: "", contentStart: index, contentEnd: index, endsWithElement: false
                )
                current = (open.count, heading, [])
            }
            open.append((name, classes))
        }
        return found
    }

    /// The attributes of a start tag from just after its name, and the offset after its `>`.
    private static func readAttributes(_ bytes: [UInt8], from start: Int) -> ([String: String], Int) {
        var attributes: [String: String] = [:]
        var index = start
        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.count, bytes[index] != UInt8(ascii: ">") else { return (attributes, min(index + 1, bytes.count)) }
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                    index += 1
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                }
            }
            // The first of two attributes with one name counts, as in a parser.
            if attributes[name] == nil { attributes[name] = value }
        }
        return (attributes, bytes.count)
    }

    private static func starts(with text: String, in bytes: [UInt8], at index: Int) -> Bool {
        let target = Array(text.utf8)
        return index + target.count <= bytes.count && bytes[index..<index + target.count].elementsEqual(target)
    }

    private static func find(_ text: String, in bytes: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
        let target = Array(text.utf8)
        guard !target.isEmpty, bytes.count >= target.count, start <= bytes.count - target.count else { return nil }
        for index in start...(bytes.count - target.count) {
            var matches = true
            for offset in 0..<target.count {
                let byte = bytes[index + offset]
                let folded = caseInsensitive && isLetter(byte) ? byte | 0x20 : byte
                if folded != target[offset] { matches = false; break }
            }
            if matches { return index }
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
}
