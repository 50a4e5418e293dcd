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
struct Tokenizer {
    private let scalars: [Unicode.Scalar]
    /// The source's UTF-8 bytes, and the byte offset of each scalar (plus the end), so that
    /// a token's text is one copy of bytes: building it scalar by scalar cost a tenth of a
    /// whole site's build.
    private let bytes: [UInt8]
    private let offsets: [Int]
    private let fail: (String, SourcePosition) -> LiquidError

    init(source: String, fail: @escaping (String, SourcePosition) -> LiquidError) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(source.utf8.count)
        offsets.reserveCapacity(source.utf8.count + 1)
        var offset = 0
        for scalar in source.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
        self.bytes = Array(source.utf8)
        self.fail = fail
    }

    func tokenize() throws(LiquidError) -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var i = 0
        var line = 1, lineStart = 0
        var textStart = 0
        var textPos = SourcePosition(line: 1, column: 1)

        func advance(to end: Int) {
            var k = i
            while k < end {
                if scalars[k] == "\n" { line += 1; lineStart = k + 1 }
                k += 1
            }
            i = end
        }
        func here() -> SourcePosition { SourcePosition(line: line, column: i - lineStart + 1) }
        func string(_ a: Int, _ b: Int) -> String {
            String(decoding: bytes[offsets[a]..<offsets[b]], as: UTF8.self)
        }

        while i < scalars.count {
            guard scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" || scalars[i + 1] == "%" else {
                advance(to: i + 1)
                continue
            }
            if textStart < i {
                let text = string(textStart, i)
                tokens.append(TemplateToken(kind: .text, content: text, position: textPos, markupPosition: textPos, source: text))
            }
            let start = i
            let startPos = here()
            let isTag = scalars[i + 1] == "%"
            var end: Int? = nil
            var k = i + 2
            while k < scalars.count {
                if isTag, scalars[k] == "%", k + 1 < scalars.count, scalars[k + 1] == "}" { end = k; break }
                if !isTag, scalars[k] == "}" { end = k; break }
                k += 1
            }
            // Like Liquid's tokenizer, an unterminated opener becomes a token of its own and only fails outside `raw`.
            guard let close = end else {
                advance(to: start + 2)
                tokens.append(TemplateToken(kind: isTag ? .tag : .output, content: "", position: startPos, markupPosition: startPos,
                                            source: isTag ? "{%" : "{{",
                                            malformed: isTag ? "tag `{%` is not closed; expected `%}`" : "output `{{` is not closed; expected `}}`"))
                textStart = i
                textPos = here()
                continue
            }
            if !isTag, !(close + 1 < scalars.count && scalars[close + 1] == "}") {
                advance(to: close + 1)
                tokens.append(TemplateToken(kind: .output, content: "", position: startPos, markupPosition: startPos, source: string(start, close + 1),
                                            malformed: "output is not closed properly; expected `}}`"))
                textStart = i
                textPos = here()
                continue
            }
            var innerStart = start + 2
            var innerEnd = close
            let trimLeft = innerStart < innerEnd && scalars[innerStart] == "-"
            if trimLeft { innerStart += 1 }
            // `{{-}}`: Liquid's `-?` on both sides share the one dash, so it trims both ways.
            let trimRight = (innerEnd > innerStart && scalars[innerEnd - 1] == "-") || (trimLeft && innerStart == innerEnd)
            if trimRight, innerEnd > innerStart { innerEnd -= 1 }
            advance(to: innerStart)
            var token = TemplateToken(kind: isTag ? .tag : .output, content: "", position: startPos, markupPosition: here(),
                                      trimLeft: trimLeft, trimRight: trimRight)
            if isTag {
                var p = innerStart
                while p < innerEnd, scalars[p].properties.isWhitespace { p += 1 }
                let nameStart = p
                if p < innerEnd, scalars[p] == "#" {
                    p += 1
                } else {
                    while p < innerEnd, scalars[p] == "_" || scalars[p].properties.isAlphabetic || ("0"..."9").contains(scalars[p]) { p += 1 }
                }
                // Like an unterminated opener, a tag without a name is harmless inside `raw` and an error elsewhere.
                if p == nameStart { token.malformed = "expected a tag name after `{%`" }
                token.tagName = string(nameStart, p)
                while p < innerEnd, scalars[p].properties.isWhitespace { p += 1 }
                advance(to: p)
                token.markupPosition = here()
                token.content = string(p, innerEnd)
            } else {
                token.content = string(innerStart, innerEnd)
            }
            token.source = string(start, close + 2)
            tokens.append(token)
            advance(to: close + 2)
            textStart = i
            textPos = here()
        }
        if textStart < scalars.count {
            let text = string(textStart, scalars.count)
            tokens.append(TemplateToken(kind: .text, content: text, position: textPos, markupPosition: textPos, source: text))
        }
        return tokens
    }
}
