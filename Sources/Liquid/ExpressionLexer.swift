/// A token of the expression language inside `{{ }}` and tag markup (the same classes as Liquid's strict lexer).
struct ExprToken: Sendable, Equatable {
    enum Kind: String, Sendable {
        case comparison, string, number, identifier, dotdot, pipe, dot, colon, comma
        case openSquare = "[", closeSquare = "]", openRound = "(", closeRound = ")", question = "?", dash = "-"
        case end
    }
    var kind: Kind
    var text: String
    /// Offset in scalars from the start of the markup.
    var offset: Int

    var describe: String {
        switch kind {
        case .end: return "the end of the markup"
        case .string: return "string \(text)"
        case .number: return "number \(text)"
        case .identifier: return "`\(text)`"
        default: return "`\(text)`"
        }
    }
}

/// Splits markup into `ExprToken`s.
func lexExpression(_ markup: String) -> Result<[ExprToken], ExprSyntaxError> {
    let s = Array(markup.unicodeScalars)
    var out: [ExprToken] = []
    var i = 0
    func text(_ a: Int, _ b: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[a..<b])
        return String(v)
    }
    func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    func isIdentStart(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" }
    func isWord(_ c: Unicode.Scalar) -> Bool { isIdentStart(c) || isDigit(c) }
    while i < s.count {
        let c = s[i]
        if c.properties.isWhitespace { i += 1; continue }
        let start = i
        // Comparison operators first, as Liquid's lexer does (`contains` only when followed by whitespace).
        if i + 1 < s.count, "=!<>".unicodeScalars.contains(c) {
            let n = s[i + 1]
            if n == "=" || (c == "<" && n == ">") {
                out.append(ExprToken(kind: .comparison, text: text(i, i + 2), offset: start)); i += 2; continue
            }
        }
        if c == "<" || c == ">" { out.append(ExprToken(kind: .comparison, text: String(c), offset: start)); i += 1; continue }
        if c == "c", i + 8 < s.count, text(i, i + 8) == "contains", s[i + 8].properties.isWhitespace {
            out.append(ExprToken(kind: .comparison, text: "contains", offset: start)); i += 8; continue
        }
        if c == "\"" || c == "'" {
            var j = i + 1
            while j < s.count, s[j] != c { j += 1 }
            guard j < s.count else { return .failure(ExprSyntaxError(message: "string is not closed; expected \(c)", offset: start)) }
            out.append(ExprToken(kind: .string, text: text(i + 1, j), offset: start)); i = j + 1; continue
        }
        if isDigit(c) || (c == "-" && i + 1 < s.count && isDigit(s[i + 1])) {
            var j = i + 1
            while j < s.count, isDigit(s[j]) { j += 1 }
            if j + 1 < s.count, s[j] == ".", isDigit(s[j + 1]) {
                j += 1
                while j < s.count, isDigit(s[j]) { j += 1 }
            }
            out.append(ExprToken(kind: .number, text: text(i, j), offset: start)); i = j; continue
        }
        if isIdentStart(c) {
            var j = i + 1
            while j < s.count, isWord(s[j]) || s[j] == "-" { j += 1 }
            if j < s.count, s[j] == "?" { j += 1 }
            out.append(ExprToken(kind: .identifier, text: text(i, j), offset: start)); i = j; continue
        }
        if c == ".", i + 1 < s.count, s[i + 1] == "." {
            out.append(ExprToken(kind: .dotdot, text: "..", offset: start)); i += 2; continue
        }
        let kind: ExprToken.Kind?
        switch c {
        case "|": kind = .pipe
        case ".": kind = .dot
        case ":": kind = .colon
        case ",": kind = .comma
        case "[": kind = .openSquare
        case "]": kind = .closeSquare
        case "(": kind = .openRound
        case ")": kind = .closeRound
        case "?": kind = .question
        case "-": kind = .dash
        default: kind = nil
        }
        guard let kind else { return .failure(ExprSyntaxError(message: "unexpected character `\(c)`", offset: start)) }
        out.append(ExprToken(kind: kind, text: String(c), offset: start))
        i += 1
    }
    out.append(ExprToken(kind: .end, text: "", offset: s.count))
    return .success(out)
}

/// A syntax error inside markup, located by scalar offset; the parser turns it into a `LiquidError`.
struct ExprSyntaxError: Error, Sendable {
    var message: String
    var offset: Int
}
