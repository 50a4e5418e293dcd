import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw HTML as kramdown 2.4 writes it back. kramdown parses the HTML it meets in Markdown
/// (HTML blocks and tags inside paragraphs) into elements and writes them with its own
/// serialiser (`Parser::Html#parse_html_attributes`, `Converter::Html#convert_html_element`),
/// so where a post says `<details open>` or `<img src='a.png'>` Jekyll's page holds
/// `<details open="">` and `<img src="a.png" />`. Strata keeps raw HTML as cmark-gfm
/// passes it, and writes each start tag here the way kramdown does:
///
/// - the tag name and the attribute names lower-cased when kramdown knows the element
///   (`HTML_ELEMENT`); other names (`<My-Widget Foo>`, SVG's `viewBox`) keep their case;
/// - every value in double quotes, a valueless attribute as `=""`, and `<`, `>`, `"` and an
///   `&` that starts no character reference escaped (`escape_html(value, :attribute)`);
/// - an attribute written twice once, where it first stood, with its last value; `id` with
///   a blank value and `markdown` dropped;
/// - void elements (`br`, `img`, `input`…) and tags closed with `/` end in ` />`; inside a
///   paragraph a non-void element closed with `/` is written open and closed
///   (`<i class="x"/>` → `<i class="x"></i>`);
/// - an end tag lower-cased as its start tag is.
///
/// In a block (`Context.block`), the text between tags has `<`, `>` and an `&` that starts
/// no reference escaped (`escape_html(text, :text)`); the content of `script` and `style`,
/// comments and processing instructions stay as typed.
///
/// A tag kramdown's pattern (`HTML_TAG_RE`) does not read (an unquoted value holding `.`,
/// `/` or `-`, `title=` without a value, `/ >`) kramdown writes as text, `&lt;a …&gt;`,
/// breaking the page's structure; Strata keeps such a tag as typed (docs/markdown.md).
enum KramdownRawHTML {
    enum Context {
        /// An HTML block (or a fragment of one): text between tags is escaped too.
        case block
        /// One tag inside a paragraph (a cmark-gfm inline HTML node).
        case span
    }

    /// `html` with its tags (and, in a block, its text) written as kramdown writes them;
    /// the same string when nothing changes (most of the time: Strata's own HTML and HTML
    /// written by kramdown are already in this form, so rewriting twice changes nothing).
    static func rewrite(_ html: String, in context: Context) -> String {
        var source = html
        let rewritten: [UInt8]? = source.withUTF8 { bytes in
            // Nothing to read: no tag, no text to escape.
            guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 }) else { return nil }
            var writer = Writer(bytes: bytes, context: context)
            writer.run()
            let same = writer.out.count == bytes.count && writer.out.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
            return same ? nil : writer.out
        }
        return rewritten.map { String(decoding: $0, as: UTF8.self) } ?? html
    }

    /// The elements kramdown 2.4 knows (`Parser::Html::Constants::HTML_ELEMENT`): their tag
    /// and attribute names are lower-cased.
    static let knownElements: Set<[UInt8]> = Set([
        "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "b", "base", "bdo", "big", "blockquote",
        "body", "br", "button", "caption", "cite", "code", "col", "colgroup", "command", "dd", "del", "details", "dfn",
        "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "keygen",
        "label", "legend", "li", "link", "main", "map", "mark", "math", "menu", "meta", "nav", "noscript", "object", "ol",
        "optgroup", "option", "p", "param", "pre", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "samp", "script",
        "section", "select", "small", "source", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody",
        "td", "textarea", "tfoot", "th", "thead", "tr", "track", "tt", "u", "ul", "var", "wbr",
    ].map { Array($0.utf8) })

    /// kramdown's `HTML_ELEMENTS_WITHOUT_BODY`: written ` />`.
    static let voidElements: Set<[UInt8]> = Set([
        "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
        "source", "track", "wbr",
    ].map { Array($0.utf8) })

    /// Elements whose content kramdown takes as typed, up to their end tag
    /// (`handle_raw_html_tag`).
    private static let rawTextElements: Set<[UInt8]> = [Array("script".utf8), Array("style".utf8)]

    private struct Attribute {
        var name: [UInt8]
        var value: ArraySlice<UInt8>
    }

    private struct StartTag {
        var name: [UInt8]
        var attributes: [Attribute]
        var selfClosed: Bool
        /// The index right after the tag's `>`.
        var end: Int
    }

    private struct Writer {
        let bytes: UnsafeBufferPointer<UInt8>
        let context: Context
        var out: [UInt8] = []
        var index = 0
        /// Reused by `writtenAsKramdown`, so a tag copied as it is allocates nothing.
        private var nameScratch: [UInt8] = []
        private var attributeScratch: [Range<Int>] = []

        init(bytes: UnsafeBufferPointer<UInt8>, context: Context) {
            self.bytes = bytes
            self.context = context
            out.reserveCapacity(bytes.count + 16)
        }

        mutating func run() {
            while index < bytes.count {
                var next = index
                while next < bytes.count, bytes[next] != UInt8(ascii: "<") { next += 1 }
                if context == .block {
                    HTMLEscaping.escapeKeepingReferences(UnsafeBufferPointer(rebasing: bytes[index..<next]), quotes: false, into: &out)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<next]))
                }
                index = next
                if index < bytes.count { markup() }
            }
        }

        /// At a `<`: a comment, a processing instruction, a declaration, an end tag or a
        /// start tag; else text.
        private mutating func markup() {
            let start = index
            if starts(with: "<!--", at: start) {
                copyThrough("-->", from: start + 4)
            } else if starts(with: "<?", at: start) {
                copyThrough("?>", from: start + 2)
            } else if starts(with: "<!", at: start) {
                // `<!DOCTYPE …>`, `<![CDATA[…]]>`: as typed.
                copyThrough(starts(with: "<![CDATA[", at: start) ? "]]>" : ">", from: start + 2)
            } else if let end = writtenAsKramdown(at: start) {
                // Already as kramdown writes it (Strata's and kramdown's own HTML, nearly
                // every tag of a rendered excerpt): copied, nothing parsed into arrays.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                index = end
            } else if starts(with: "</", at: start) {
                guard let nameEnd = nameEnd(at: start + 2) else { return copyThrough(">", from: start + 1) }
                let closing = skipWhitespace(from: nameEnd)
                guard closing < bytes.count, bytes[closing] == UInt8(ascii: ">") else { return copyThrough(">", from: start + 1) }
                out += Array("</".utf8) + elementName(bytes[(start + 2)..<nameEnd]) + [UInt8(ascii: ">")]
                index = closing + 1
            } else if nameEnd(at: start + 1) != nil {
                guard let tag = startTag(at: start) else { return copyThrough(">", from: start + 1) }
                write(tag)
                index = tag.end
                if context == .block, !tag.selfClosed, KramdownRawHTML.rawTextElements.contains(tag.name) {
                    copyRawText(of: tag.name)
                }
            } else if context == .block {
                // `a < b`: text, as kramdown reads it.
                out += Array("&lt;".utf8)
                index += 1
            } else {
                out.append(bytes[index])
                index += 1
            }
        }

        /// Where the tag at `start` ends when it is already written as kramdown writes it, so
        /// it can be copied; nil when it may need writing (a conservative test: lower-case
        /// names, each attribute after one space as `name="value"` with no `<`, `>` or `&` in
        /// the value, no repeats, no `markdown` or blank `id`, ` />` exactly where kramdown
        /// writes it, not `script` or `style`, whose content the slow path reads).
        private mutating func writtenAsKramdown(at start: Int) -> Int? {
            var position = start + 1
            let closing = position < bytes.count && bytes[position] == UInt8(ascii: "/")
            if closing { position += 1 }
            let nameStart = position
            while position < bytes.count, Self.isLowerNameByte(bytes[position]) { position += 1 }
            let nameEnd = position
            guard nameEnd > nameStart, position < bytes.count, bytes[nameStart] >= UInt8(ascii: "a") else { return nil }
            if closing { return bytes[position] == UInt8(ascii: ">") ? position + 1 : nil }
            nameScratch.removeAll(keepingCapacity: true)
            nameScratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
            if KramdownRawHTML.rawTextElements.contains(nameScratch) { return nil }
            let isVoid = KramdownRawHTML.voidElements.contains(nameScratch)
            attributeScratch.removeAll(keepingCapacity: true)
            while true {
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ">") { return isVoid ? nil : position + 1 }
                guard bytes[position] == 0x20, position + 1 < bytes.count else { return nil }
                if bytes[position + 1] == UInt8(ascii: "/") {
                    // ` />`: kramdown's ending for void elements, and for any element in a block.
                    guard isVoid || context == .block, starts(with: "/>", at: position + 1) else { return nil }
                    return position + 3
                }
                position += 1
                let attributeStart = position
                while position < bytes.count, Self.isLowerNameByte(bytes[position]) { position += 1 }
                let attributeEnd = position
                guard attributeEnd > attributeStart, bytes[attributeStart] >= UInt8(ascii: "a") || bytes[attributeStart] == UInt8(ascii: "_"),
                      starts(with: "=\"", at: position) else { return nil }
                position += 2
                let valueStart = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") { return nil }
                    position += 1
                }
                guard position < bytes.count else { return nil }
                let name = UnsafeBufferPointer(rebasing: bytes[attributeStart..<attributeEnd])
                if name.elementsEqual("markdown".utf8) { return nil }
                if name.elementsEqual("id".utf8), bytes[valueStart..<position].allSatisfy({ $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) { return nil }
                for earlier in attributeScratch where UnsafeBufferPointer(rebasing: bytes[earlier]).elementsEqual(name) { return nil }
                attributeScratch.append(attributeStart..<attributeEnd)
                position += 1
            }
        }

        /// `[a-z0-9_.:-]`: bytes of a name that lower-casing leaves alone.
        private static func isLowerNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
        }

        /// Copies up to and including `terminator` (searched from `from`), or to the end.
        private mutating func copyThrough(_ terminator: String, from: Int) {
            let pattern = Array(terminator.utf8)
            var probe = min(from, bytes.count)
            while probe < bytes.count, !starts(with: pattern, at: probe) { probe += 1 }
            let end = min(probe + pattern.count, bytes.count)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            index = end
        }

        /// The content of `script` or `style` as typed, then its end tag as kramdown writes
        /// it; all the rest when it has none.
        private mutating func copyRawText(of name: [UInt8]) {
            var probe = index
            while probe < bytes.count {
                if bytes[probe] == UInt8(ascii: "<"), probe + 1 < bytes.count, bytes[probe + 1] == UInt8(ascii: "/"),
                   probe + 2 + name.count <= bytes.count,
                   zip(bytes[(probe + 2)..<(probe + 2 + name.count)], name).allSatisfy({ Self.lowercasedByte($0) == $1 }) {
                    let closing = skipWhitespace(from: probe + 2 + name.count)
                    if closing < bytes.count, bytes[closing] == UInt8(ascii: ">") {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<probe]))
                        out += Array("</".utf8) + name + [UInt8(ascii: ">")]
                        index = closing + 1
                        return
                    }
                }
                probe += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...]))
            index = bytes.count
        }

        private mutating func write(_ tag: StartTag) {
            out.append(UInt8(ascii: "<"))
            out += tag.name
            for attribute in tag.attributes {
                out.append(0x20)
                out += attribute.name
                out += Array("=\"".utf8)
                attribute.value.withUnsafeBufferPointer { HTMLEscaping.escapeKeepingReferences($0, quotes: true, into: &out) }
                out.append(UInt8(ascii: "\""))
            }
            if KramdownRawHTML.voidElements.contains(tag.name) || (tag.selfClosed && context == .block) {
                out += Array(" />".utf8)
            } else if tag.selfClosed {
                out += Array("></".utf8) + tag.name + [UInt8(ascii: ">")]
            } else {
                out.append(UInt8(ascii: ">"))
            }
        }

        /// A start tag as kramdown's `HTML_TAG_RE` reads it, with its attributes as
        /// `parse_html_attributes` keeps them; nil where the pattern does not match.
        private func startTag(at start: Int) -> StartTag? {
            guard let nameEnd = nameEnd(at: start + 1) else { return nil }
            let name = elementName(bytes[(start + 1)..<nameEnd])
            let known = KramdownRawHTML.knownElements.contains(name)
            var attributes: [Attribute] = []
            var position = nameEnd
            while true {
                let afterBlanks = skipWhitespace(from: position)
                guard afterBlanks < bytes.count else { return nil }
                if bytes[afterBlanks] == UInt8(ascii: ">") {
                    return StartTag(name: name, attributes: Self.kept(attributes), selfClosed: false, end: afterBlanks + 1)
                }
                if starts(with: "/>", at: afterBlanks) {
                    return StartTag(name: name, attributes: Self.kept(attributes), selfClosed: true, end: afterBlanks + 2)
                }
                // Attributes are separated by blanks.
                guard afterBlanks > position, let attributeEnd = self.nameEnd(at: afterBlanks) else { return nil }
                var attributeName = Array(bytes[afterBlanks..<attributeEnd])
                if known { attributeName = Self.lowercased(attributeName) }
                var value: ArraySlice<UInt8> = []
                position = attributeEnd
                let equals = skipWhitespace(from: attributeEnd)
                if equals < bytes.count, bytes[equals] == UInt8(ascii: "=") {
                    let valueStart = skipWhitespace(from: equals + 1)
                    guard valueStart < bytes.count else { return nil }
                    let quote = bytes[valueStart]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let close = bytes[(valueStart + 1)...].firstIndex(of: quote) else { return nil }
                        value = ArraySlice(bytes[(valueStart + 1)..<close])
                        position = close + 1
                    } else {
                        let wordEnd = self.wordEnd(at: valueStart)
                        // `title=` with no value: the pattern fails.
                        guard wordEnd > valueStart else { return nil }
                        value = ArraySlice(bytes[valueStart..<wordEnd])
                        position = wordEnd
                    }
                }
                // A repeated attribute keeps its first place and takes the last value (a Ruby hash).
                if let existing = attributes.firstIndex(where: { $0.name == attributeName }) {
                    attributes[existing].value = value
                } else {
                    attributes.append(Attribute(name: attributeName, value: value))
                }
            }
        }

        /// What `convert_html_element` writes: no `markdown` (the parser deleted it), no
        /// blank `id`.
        private static func kept(_ attributes: [Attribute]) -> [Attribute] {
            attributes.filter { attribute in
                if attribute.name == Array("markdown".utf8) { return false }
                if attribute.name == Array("id".utf8) {
                    // Ruby's `strip`: ASCII blanks and NUL.
                    return !attribute.value.allSatisfy { $0 == 0 || $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
                }
                return true
            }
        }

        /// A known element's name lower-cased, another's as typed.
        private func elementName(_ typed: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
            let lower = Self.lowercased(Array(typed))
            return KramdownRawHTML.knownElements.contains(lower) ? lower : Array(typed)
        }

        private static func lowercased(_ name: [UInt8]) -> [UInt8] {
            // Non-ASCII attribute names (rare) lower-case as Ruby's `downcase` does: in full.
            guard name.allSatisfy({ $0 < 0x80 }) else { return Array(String(decoding: name, as: UTF8.self).lowercased().utf8) }
            return name.map(lowercasedByte)
        }

        private static func lowercasedByte(_ byte: UInt8) -> UInt8 {
            byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }

        /// The end of REXML's `UNAME_STR` at `start` (`[[:alpha:]_][-[:alnum:]._]*`, once
        /// more after a `:`), nil when no name starts there.
        private func nameEnd(at start: Int) -> Int? {
            guard let first = part(at: start) else { return nil }
            if first < bytes.count, bytes[first] == UInt8(ascii: ":"), let second = part(at: first + 1) { return second }
            return first
        }

        private func part(at start: Int) -> Int? {
            guard let (scalar, length) = decodedScalar(at: start), scalar == "_" || Self.isAlpha(scalar) else { return nil }
            var end = start + length
            while let (next, length) = decodedScalar(at: end), next == "-" || next == "." || next == "_" || Self.isAlpha(next) || Self.isDigit(next) {
                end += length
            }
            return end
        }

        /// The end of a run of Ruby's `\p{Word}` characters from `start`.
        private func wordEnd(at start: Int) -> Int {
            var end = start
            while let (scalar, length) = decodedScalar(at: end), Self.isWord(scalar) { end += length }
            return end
        }

        private static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") : scalar.properties.isAlphabetic
        }

        private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar >= "0" && scalar <= "9" : scalar.properties.generalCategory == .decimalNumber
        }

        private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return scalar == "_" || isAlpha(scalar) || isDigit(scalar) }
            switch scalar.properties.generalCategory {
            case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return true
            default: return scalar.properties.isAlphabetic || scalar.properties.isJoinControl
            }
        }

        /// The scalar starting at `index` and its length in bytes; nil at the end or on a
        /// byte that starts none.
        private func decodedScalar(at index: Int) -> (Unicode.Scalar, Int)? {
            guard index < bytes.count else { return nil }
            let lead = bytes[index]
            if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
            guard length > 0, index + length <= bytes.count else { return nil }
            var decoder = UTF8()
            var iterator = bytes[index..<(index + length)].makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
            return (scalar, length)
        }

        /// Ruby's `\s`: space, tab, line feed, vertical tab, form feed, carriage return.
        private func skipWhitespace(from start: Int) -> Int {
            var position = start
            while position < bytes.count, bytes[position] == 0x20 || (bytes[position] >= 0x09 && bytes[position] <= 0x0D) { position += 1 }
            return position
        }

        private func starts(with prefix: String, at position: Int) -> Bool {
            starts(with: Array(prefix.utf8), at: position)
        }

        private func starts(with prefix: [UInt8], at position: Int) -> Bool {
            guard position + prefix.count <= bytes.count else { return false }
            for offset in prefix.indices where bytes[position + offset] != prefix[offset] { return false }
            return true
        }
    }
}
