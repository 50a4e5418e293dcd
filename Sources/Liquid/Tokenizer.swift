/// One piece of template source: literal text, an output `{{ … }}` or a tag `{% … %}`.
struct TemplateToken: Sendable {
    enum Kind: Sendable { case text, output, tag }
    var kind: Kind
    /// Text for `.text`; the inner markup (delimiters and `-` trim marks removed) otherwise.
    var content: String
    /// For tags: the tag name (`\w+` or `#`).
    var tagName: String = ""
    var position: SourcePosition
    /// Where `content` (or, for tags, the markup after the name) starts.
    var markupPosition: SourcePosition
    var trimLeft = false
    var trimRight = false
    /// The token exactly as written, for `raw`.
    var source: String = ""
    /// Set for an unterminated `{{`/`{%`: harmless inside `raw`, an error (this message) anywhere else.
    var malformed: String? = nil
}

/// Splits template source the way Liquid 5 does: a tag ends at the first `%}`, an output at the first `}` (which
/// must be followed by a second `}`).
///
/// Works on the source's UTF-8 bytes: every delimiter is ASCII and no byte of a multi-byte
/// scalar is ASCII, so a byte scan finds what a scalar scan finds. Columns still count
/// scalars (a byte that is not a continuation byte starts one). The scalar array and its
/// byte offsets this replaces were built for every body, 3% of a site's build.
struct Tokenizer {
    private let source: String
    private let bytes: [UInt8]
    private let fail: (String, SourcePosition) -> LiquidError

    init(source: String, fail: @escaping (String, SourcePosition) -> LiquidError) {
        self.source = source
        self.bytes = Array(source.utf8)
        self.fail = fail
    }

    func tokenize() throws(LiquidError) -> [TemplateToken] {
        bytes.withUnsafeBufferPointer { tokens(in: $0) }
    }

    /// Where the scan is: byte `i`, and its line and scalar column. A struct rather than
    /// locals captured by nested functions, which the compiler kept in boxes on the heap.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var line = 1, column = 1

        mutating func advance(to end: Int) {
            while i < end {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
        }

        var here: SourcePosition { SourcePosition(line: line, column: column) }
    }

    private func tokens(in bytes: UnsafeBufferPointer<UInt8>) -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        let count = bytes.count
        var cursor = Cursor(bytes: bytes)
        var textStart = 0
        var textPos = SourcePosition(line: 1, column: 1)

        // A token's text is cut from the source string, not decoded from its bytes: a slice
        // of valid UTF-8 is copied without the UTF-8 check decoding costs (0.7% of a build).
        // Every cut falls on an ASCII delimiter or a whole scalar, so no index is rounded.
        let utf8 = source.utf8
        func string(_ a: Int, _ b: Int) -> String {
            let lower = utf8.index(utf8.startIndex, offsetBy: a)
            return String(source[lower ..< utf8.index(lower, offsetBy: b - a)])
        }

        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), percent = UInt8(ascii: "%"), dash = UInt8(ascii: "-")
        while cursor.i < count {
            let i = cursor.i
            guard bytes[i] == openBrace, i + 1 < count, bytes[i + 1] == openBrace || bytes[i + 1] == percent else {
                // Text runs to the next `{`.
                var next = i + 1
                while next < count, bytes[next] != openBrace { next += 1 }
                cursor.advance(to: next)
                continue
            }
            if textStart < i {
                let text = string(textStart, i)
                tokens.append(TemplateToken(kind: .text, content: text, position: textPos, markupPosition: textPos, source: text))
            }
            let start = i
            let startPos = cursor.here
            let isTag = bytes[i + 1] == percent
            var end: Int? = nil
            var k = i + 2
            while k < count {
                if isTag, bytes[k] == percent, k + 1 < count, bytes[k + 1] == closeBrace { end = k; break }
                if !isTag, bytes[k] == closeBrace { end = k; break }
                k += 1
            }
            // Like Liquid's tokenizer, an unterminated opener becomes a token of its own and only fails outside `raw`.
            guard let close = end else {
                cursor.advance(to: start + 2)
                tokens.append(TemplateToken(kind: isTag ? .tag : .output, content: "", position: startPos, markupPosition: startPos,
                                            source: isTag ? "{%" : "{{",
                                            malformed: isTag ? "tag `{%` is not closed; expected `%}`" : "output `{{` is not closed; expected `}}`"))
                textStart = cursor.i
                textPos = cursor.here
                continue
            }
            if !isTag, !(close + 1 < count && bytes[close + 1] == closeBrace) {
                cursor.advance(to: close + 1)
                tokens.append(TemplateToken(kind: .output, content: "", position: startPos, markupPosition: startPos, source: string(start, close + 1),
                                            malformed: "output is not closed properly; expected `}}`"))
                textStart = cursor.i
                textPos = cursor.here
                continue
            }
            var innerStart = start + 2
            var innerEnd = close
            let trimLeft = innerStart < innerEnd && bytes[innerStart] == dash
            if trimLeft { innerStart += 1 }
            // `{{-}}`: Liquid's `-?` on both sides share the one dash, so it trims both ways.
            let trimRight = (innerEnd > innerStart && bytes[innerEnd - 1] == dash) || (trimLeft && innerStart == innerEnd)
            if trimRight, innerEnd > innerStart { innerEnd -= 1 }
            cursor.advance(to: innerStart)
            var token = TemplateToken(kind: isTag ? .tag : .output, content: "", position: startPos, markupPosition: cursor.here,
                                      trimLeft: trimLeft, trimRight: trimRight)
            if isTag {
                var p = innerStart
                p = skipWhitespace(from: p, to: innerEnd)
                let nameStart = p
                if p < innerEnd, bytes[p] == UInt8(ascii: "#") {
                    p += 1
                } else {
                    while p < innerEnd, let width = nameScalarWidth(at: p) { p += width }
                }
                // Like an unterminated opener, a tag without a name is harmless inside `raw` and an error elsewhere.
                if p == nameStart { token.malformed = "expected a tag name after `{%`" }
                token.tagName = string(nameStart, p)
                p = skipWhitespace(from: p, to: innerEnd)
                cursor.advance(to: p)
                token.markupPosition = cursor.here
                token.content = string(p, innerEnd)
            } else {
                token.content = string(innerStart, innerEnd)
            }
            token.source = string(start, close + 2)
            tokens.append(token)
            cursor.advance(to: close + 2)
            textStart = cursor.i
            textPos = cursor.here
        }
        if textStart < count {
            let text = string(textStart, count)
            tokens.append(TemplateToken(kind: .text, content: text, position: textPos, markupPosition: textPos, source: text))
        }
        return tokens
    }

    /// The first byte at or after `p` (before `end`) that does not start a whitespace scalar.
    private func skipWhitespace(from start: Int, to end: Int) -> Int {
        var p = start
        while p < end {
            let (scalar, width) = scalar(at: p)
            guard Self.isWhitespace(scalar) else { break }
            p += width
        }
        return p
    }

    /// The byte width of the scalar at `p` when a tag name can hold it (`_`, a letter, an
    /// ASCII digit), else nil.
    private func nameScalarWidth(at p: Int) -> Int? {
        let (scalar, width) = scalar(at: p)
        return Self.isNameScalar(scalar) ? width : nil
    }

    /// Unicode's `White_Space`, answered for ASCII without a property lookup.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || ("\t"..."\r").contains(scalar) }
        return scalar.properties.isWhitespace
    }

    /// `_`, an ASCII digit or a scalar Unicode calls `Alphabetic`, answered for ASCII without
    /// a property lookup.
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) }
        return scalar.properties.isAlphabetic
    }

    /// The scalar that starts at byte `p` and its width in bytes (the source is valid UTF-8).
    private func scalar(at p: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[p]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for q in p + 1 ..< p + width { value = value << 6 | UInt32(bytes[q] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
}
