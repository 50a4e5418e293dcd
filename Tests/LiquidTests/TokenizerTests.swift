import Foundation
@testable import Liquid
import XCTest

/// The tokenizer scans UTF-8 bytes; held here to the scalar scan it replaced, token by token
/// (kinds, texts, tag names, trim marks, positions counted in scalars, malformed notes).
final class TokenizerTests: XCTestCase {
    func testByteScanEqualsTheScalarScan() throws {
        let samples = [
            "", "plain", "{", "{{", "{%", "}", "%}", "a { b } c {x} {%x", "{{ x }}", "{{- x -}}", "{{-}}", "{{- }}", "{{ -}}",
            "{% if a %}b{% endif %}", "{%- if a -%}b{%- endif -%}", "{%if%}", "{%  \t\n for\n x in y %}{% endfor %}",
            "{{ x } }}", "{{ x }", "{{ a }}{{ b }}{% c %}", "{% # comment %}", "{%#c%}", "{% %}", "{% - %}", "{% 1x %}",
            "{% _a1 b %}", "{% raw %}{{ {% endraw %}",
            // Non-ASCII text, tag names, whitespace: columns count scalars.
            "é😕中 {{ 1 | nope }}", "ü\n\u{1F1EB}\u{1F1F7}€ {{ x }}\n{% y %}", "{% ñame arg %}", "{% 名前 %}", "{% ı\u{301}x %}",
            "{%\u{3000}if x\u{A0}%}", "{%\u{85}for%}", "{% a\u{2028}b %}", "{% é\u{200B} %}", "{{ \u{1F600} }}", "{% \u{1F600} %}",
            "line\r\n{{ x }}\r\n{% y\r\n z %}", "{{\n\n x \n}}\n{%\n\ttag\n%}", "é{", "é{{", "é{%ü", "{{é}", "{{ é }é",
        ]
        for sample in samples {
            let fast = try Tokenizer(source: sample, fail: { message, position in LiquidError(file: "t", line: position.line, column: position.column, message: message) }).tokenize()
            let reference = ScalarTokenizer(source: sample).tokenize()
            XCTAssertEqual(fast.map(describe), reference.map(describe), sample.debugDescription)
        }
    }

    func testASCIIClassesEqualUnicodeProperties() {
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(Tokenizer.isWhitespace(scalar), scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
            let nameByProperties = scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            XCTAssertEqual(Tokenizer.isNameScalar(scalar), nameByProperties, "U+\(String(value, radix: 16))")
        }
    }

    private func describe(_ token: TemplateToken) -> String {
        "\(token.kind) content=\(token.content.debugDescription) name=\(token.tagName.debugDescription) "
            + "at \(token.position.line):\(token.position.column) markup \(token.markupPosition.line):\(token.markupPosition.column) "
            + "trim \(token.trimLeft) \(token.trimRight) source=\(token.source.debugDescription) malformed=\(token.malformed ?? "-")"
    }
}

/// The scalar tokenizer the byte one replaced (round four of PROFILE.md), kept as the reference.
private struct ScalarTokenizer {
    private let scalars: [Unicode.Scalar]
    /// The source's UTF-8 bytes, and the byte offset of each scalar (plus the end), so that
    /// a token's text is one copy of bytes: building it scalar by scalar cost a tenth of a
    /// whole site's build.
    private let bytes: [UInt8]
    private let offsets: [Int]

    init(source: String) {
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
    }

    func tokenize() -> [TemplateToken] {
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
