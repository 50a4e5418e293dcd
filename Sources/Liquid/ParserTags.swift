/// Parsers for the tags with structured markup: loops, cycle, include and highlight.
extension Parser {
    mutating func parseFor(_ token: TemplateToken) throws(LiquidError) -> TagResult {
        var loop = try strictOrLax(lax: { laxForLoop(token.content, at: token.markupPosition, position: token.position) }) { () throws(LiquidError) -> ForLoop in
            try withParser(token.content, at: token.markupPosition) { p throws(ExprSyntaxError) in
                let variable = try p.consume(.identifier, "a loop variable name").text
                guard p.identifier("in") else {
                    throw ExprSyntaxError(message: "expected `in` after the loop variable, as in `for item in items`", offset: p.current.offset)
                }
                let collectionStart = p.current.offset
                let collection = try p.expression()
                let collectionText = String(token.content.unicodeScalars.dropFirst(collectionStart).prefix(p.current.offset - collectionStart)).trimmingCharacters(in: .whitespaces)
                var loop = ForLoop(variable: variable, collection: collection, name: "\(variable)-\(collectionText)", limit: nil, offset: nil,
                                   offsetContinue: false, reversed: p.identifier("reversed"), body: [], elseBody: nil, position: token.position)
                while p.look(.identifier), p.look(.colon, ahead: 1) {
                    let attribute = p.current
                    guard attribute.text == "limit" || attribute.text == "offset" else {
                        throw ExprSyntaxError(message: "unknown `for` attribute `\(attribute.text)`; expected `limit` or `offset`", offset: attribute.offset)
                    }
                    _ = p.consumeIf(.identifier)
                    _ = p.consumeIf(.colon)
                    if attribute.text == "offset", p.look(.identifier), p.current.text == "continue" {
                        _ = p.consumeIf(.identifier)
                        loop.offsetContinue = true
                        loop.offset = nil
                    } else {
                        let value = try p.expression()
                        if attribute.text == "limit" { loop.limit = value } else { loop.offset = value; loop.offsetContinue = false }
                    }
                    _ = p.consumeIf(.comma)
                }
                try p.expectEnd()
                return loop
            }
        }
        let (body, blank, stop) = try parseBlockBody(token, ends: ["endfor"], middles: ["else"])
        var allBlank = blank
        loop.body = body
        if stop.tagName == "else" {
            let (elseBody, elseBlank, _) = try parseBlockBody(token, ends: ["endfor"], middles: [])
            loop.elseBody = elseBody
            allBlank = allBlank && elseBlank
        }
        if allBlank {
            loop.body = loop.body.withoutText
            loop.elseBody = loop.elseBody?.withoutText
        }
        return .node(.forLoop(loop), blank: allBlank)
    }

    mutating func parseTablerow(_ token: TemplateToken) throws(LiquidError) -> TagResult {
        var row = try parseTablerowMarkup(token.content, at: token.markupPosition, position: token.position)
        let (body, _) = try parseBlock(token, ends: ["endtablerow"])
        row.body = body
        return .node(.tablerow(row), blank: false)
    }

    mutating func rawBody(_ token: TemplateToken, end: String) throws(LiquidError) -> String {
        guard token.content.allSatisfy({ $0.isRubyWhitespace }) else { throw error("`\(token.tagName)` takes no arguments", token.markupPosition) }
        var text = ""
        while index < tokens.count {
            let t = tokens[index]
            index += 1
            // Liquid ends raw at the first token matching its raw-end pattern, e.g. `{% invalid {% endraw %}`
            // (Liquid's tokenizer makes that one tag), but not at `{% endraw {% foo %}` or `{%- endraw %}`.
            if let prefix = textBeforeEndTag(t.source, end) {
                if t.kind == .tag, t.tagName == end, prefix.isEmpty { trimNext = t.trimRight }
                return text + prefix
            }
            text += t.source
        }
        throw error("`\(token.tagName)` is never closed; expected `\(end)`", token.position)
    }

    mutating func parseHighlight(_ token: TemplateToken) throws(LiquidError) -> TagResult {
        let parts = token.content.split(whereSeparator: { $0.isWhitespace })
        guard let lang = parts.first, lang.allSatisfy({ $0.isLetter || $0.isNumber || ".+#_-".contains($0) }) else {
            throw error("expected a language after `highlight`, as in `{% highlight dockerfile %}`", token.markupPosition)
        }
        // Jekyll's highlight is a block: Liquid inside it is rendered before the code is escaped.
        let (body, _) = try parseBlock(token, ends: ["endhighlight"])
        // Jekyll accepts `linenos` alone or as `linenos=table`/`linenos=inline`; both mean numbered lines here.
        let lineNumbers = parts.dropFirst().contains { $0 == "linenos" || $0.hasPrefix("linenos=") }
        return .node(.highlight(language: String(lang), lineNumbers: lineNumbers, body: body), blank: false)
    }

    func parseInclude(_ markup: String, at: SourcePosition, relative: Bool, position: SourcePosition) throws(LiquidError) -> IncludeCall {
        let trimmed = markup.trimmingCharacters(in: .whitespacesAndNewlines)
        let tag = relative ? "include_relative" : "include"
        guard !trimmed.isEmpty else { throw error("expected a file name after `\(tag)`", at) }
        if !relative, let first = trimmed.first, first == "'" || first == "\"" {
            return try parseLiquidInclude(trimmed, at: at, position: position)
        }
        var name: IncludeCall.Name
        var rest: Substring
        if trimmed.contains("{{") {
            // The name runs to the end of the last `}}` plus any non-space characters glued to it.
            guard let close = trimmed.range(of: "}}", options: .backwards) else { throw error("expected `}}` in the include name", at) }
            var end = close.upperBound
            while end < trimmed.endIndex, !trimmed[end].isWhitespace { end = trimmed.index(after: end) }
            let nameText = String(trimmed[..<end])
            name = .dynamic(try source.parseNested(nameText, at: at, customTags: customTags, knownFilters: knownFilters,
                                                   errorMode: errorMode, laxParses: laxParses))
            rest = trimmed[end...]
        } else {
            let end = trimmed.firstIndex(where: { $0.isWhitespace }) ?? trimmed.endIndex
            name = .literal(String(trimmed[..<end]))
            rest = trimmed[end...]
        }
        let parameters = try parseIncludeParameters(String(rest), at: at)
        if case .literal(let n) = name { try validateIncludeName(n, at: at) }
        return IncludeCall(name: name, parameters: parameters, relative: relative, position: position)
    }

    func validateIncludeName(_ name: String, at: SourcePosition) throws(LiquidError) {
        if let problem = includeNameProblem(name) { throw error(problem, at) }
    }

    /// Jekyll's `key=value` list: quoted strings (with `\"` or `\'` unescaped) or a variable name / literal.
    func parseIncludeParameters(_ text: String, at: SourcePosition) throws(LiquidError) -> [(String, Expr)] {
        var params: [(String, Expr)] = []
        var chars = Substring(text)
        func skipSpace() { chars = chars.drop(while: { $0.isWhitespace }) }
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" }
        skipSpace()
        while !chars.isEmpty {
            let key = String(chars.prefix(while: isWord))
            guard !key.isEmpty else { throw error("invalid include parameters; expected `key=value` or `key=\"text\"` at `\(chars.prefix(20))`", at) }
            chars = chars.dropFirst(key.count)
            skipSpace()
            guard chars.first == "=" else { throw error("expected `=` after the include parameter `\(key)`", at) }
            chars = chars.dropFirst()
            skipSpace()
            if let quote = chars.first, quote == "\"" || quote == "'" {
                chars = chars.dropFirst()
                var value = ""
                var closed = false
                while let c = chars.popFirst() {
                    if c == "\\", let next = chars.first {
                        value.append(c); value.append(next); chars = chars.dropFirst(); continue
                    }
                    if c == quote { closed = true; break }
                    value.append(c)
                }
                guard closed else { throw error("the value of include parameter `\(key)` is not closed; expected \(quote)", at) }
                params.append((key, .literal(.string(value.replacingOccurrences(of: "\\" + String(quote), with: String(quote))))))
            } else {
                let word = String(chars.prefix(while: { isWord($0) || $0 == "." }))
                guard !word.isEmpty else { throw error("expected a value for include parameter `\(key)`", at) }
                chars = chars.dropFirst(word.count)
                let expr = try withParser(word, at: at) { p throws(ExprSyntaxError) in
                    let e = try p.expression()
                    try p.expectEnd()
                    return e
                }
                params.append((key, expr))
            }
            guard chars.first.map({ $0.isWhitespace }) ?? true else {
                throw error("invalid include parameters: expected whitespace after `\(key)`'s value, found `\(chars.prefix(10))`", at)
            }
            skipSpace()
        }
        return params
    }

    /// The lines of `{% liquid %}` markup as tag tokens, positioned on their own lines.
    func liquidTagLines(_ token: TemplateToken) -> [TemplateToken] {
        var result: [TemplateToken] = []
        var position = token.markupPosition
        for line in token.content.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { position = SourcePosition(line: position.line + 1, column: 1) }
            let leading = line.prefix(while: { $0.isWhitespace }).count
            let body = line.dropFirst(leading)
            guard !body.allSatisfy({ $0.isWhitespace }) else { continue }
            let name = body.first == "#" ? "#" : String(body.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" }))
            let rest = body.dropFirst(name.count)
            let markupStart = SourcePosition(line: position.line, column: position.column + leading + name.count + rest.prefix(while: { $0.isWhitespace }).count)
            let tagPosition = SourcePosition(line: position.line, column: position.column + leading)
            result.append(TemplateToken(kind: .tag, content: String(rest.drop(while: { $0.isWhitespace })), tagName: name.isEmpty ? String(body) : name,
                                        position: tagPosition, markupPosition: markupStart, source: String(body)))
        }
        return result
    }
}

/// If `token` ends with `{% name … %}`, the text before it: Liquid 5.4's raw-end pattern
/// `\A(.*){%\s*(\w+)\s*(.*)?%}\z`, whose greedy prefix settles on the last `{%` followed by a word,
/// and which ends the block only when that word is `name`.
func textBeforeEndTag(_ token: String, _ name: String) -> String? {
    guard token.hasSuffix("%}") else { return nil }
    let innerEnd = token.index(token.endIndex, offsetBy: -2)
    var searchEnd = token.endIndex
    while let open = token.range(of: "{%", options: .backwards, range: token.startIndex..<searchEnd) {
        searchEnd = open.lowerBound
        guard open.upperBound <= innerEnd else { continue }
        let inner = token[open.upperBound..<innerEnd].drop(while: { $0.isRubyWhitespace })
        let word = inner.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        if word.isEmpty { continue }
        return word == name ? String(token[..<open.lowerBound]) : nil
    }
    return nil
}
