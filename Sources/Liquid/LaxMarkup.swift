import Foundation

/// Liquid 5.4's regular-expression grammar for the tags that never had a strict parser (`cycle`, `case`/`when`,
/// `tablerow`, `capture`, `assign`'s name). Even in strict mode 5.4 reads their markup with these patterns and
/// `Expression.parse`, so trailing words are ignored and `foo=>bar` is the lookup `foo.bar`; following them keeps
/// templates that Jekyll accepts working. (liquid/lib/liquid.rb and tags/*.rb of 5.4.0.)
enum LiquidSyntax {
    /// `QuotedFragment`: a quoted string, or a run of characters other than whitespace, `,`, `|` and quotes
    /// (with quoted strings inside it).
    static let quotedFragment = #"(?:"[^"]*"|'[^']*'|(?:[^\s,|'"]|"[^"]*"|'[^']*')+)"#
    /// `VariableSignature+`: what `assign` and `capture` accept as a name.
    static let variableSignature = regex(#"(?:\(?[A-Za-z0-9_\-.\[\]]\)?)+"#)
    /// `TagAttributes`: `key: value` anywhere in the markup.
    static let tagAttributes = regex(#"([A-Za-z0-9_][A-Za-z0-9_-]*)\s*:\s*("# + quotedFragment + ")")
    static let fragment = regex(quotedFragment)
    static let namedCycle = regex(#"\A("# + quotedFragment + #")\s*:\s*(.*)\z"#, dotAll: true)
    static let simpleCycle = regex(#"\A"# + quotedFragment)
    static let whenClause = regex("(" + quotedFragment + #")(?:(?:\s+or\s+|\s*,\s*)("# + quotedFragment + ".*))?", dotAll: true)
    static let tablerow = regex(#"([A-Za-z0-9_]+)\s+in\s+("# + quotedFragment + "+)")
    static let include = regex("(" + quotedFragment + #"+)(\s+(?:with|for)\s+("# + quotedFragment + #"+))?(\s+(?:as)\s+([A-Za-z0-9_-]+))?"#)
    static let lookupPart = regex(#"\[[^\]]+\]|[A-Za-z0-9_-]+\??"#)
    static let integer = regex(#"\A(-?[0-9]+)\z"#)
    static let float = regex(#"\A(-?[0-9][0-9.]+)\z"#)
    static let range = regex(#"\A\(\s*(\S+)\s*\.\.\s*(\S+)\s*\)\z"#)

    static func regex(_ pattern: String, dotAll: Bool = false) -> NSRegularExpression {
        // The patterns are constants; a typo is a programming error caught by every test run.
        try! NSRegularExpression(pattern: pattern, options: dotAll ? [.dotMatchesLineSeparators] : [])
    }

    /// The capture groups of the first match in `text` (group 0 is the whole match); nil groups did not take part.
    static func firstMatch(_ regex: NSRegularExpression, in text: String) -> [String?]? {
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
    }

    /// The capture groups of every match, left to right.
    static func allMatches(_ regex: NSRegularExpression, in text: String) -> [[String?]] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
        }
    }
}

/// The first run of variable-name characters in `text` (Liquid's unanchored `Syntax =~`).
func firstMatch(_ regex: NSRegularExpression, in text: String) -> String? {
    LiquidSyntax.firstMatch(regex, in: text)?[0]
}

/// The run of variable-name characters that ends `text`, starting as far left as it can.
func lastMatch(_ regex: NSRegularExpression, in text: String) -> String? {
    LiquidSyntax.allMatches(regex, in: text).last.flatMap { $0[0] }.flatMap { text.hasSuffix($0) ? $0 : nil }
}

extension Parser {
    /// `Expression.parse` of Liquid 5.4: the strict parser's reading when the fragment is a well-formed expression,
    /// otherwise Liquid's lax one (quoted strings, numbers, `(a..b)`, and a lookup made of the fragment's
    /// `[…]` and word parts, or nil when it has none).
    func laxExpression(_ fragment: String, at: SourcePosition, conditionOperand: Bool = false) -> Expr {
        if let strict = try? withParser(fragment, at: at, { p throws(ExprSyntaxError) in
            let e = try p.expression(conditionOperand: conditionOperand)
            try p.expectEnd()
            return e
        }) {
            return strict
        }
        let text = fragment.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count >= 2, let q = text.first, q == "\"" || q == "'", text.last == q {
            return .literal(.string(String(text.dropFirst().dropLast())))
        }
        if let m = LiquidSyntax.firstMatch(LiquidSyntax.integer, in: text), let i = Int(m[1] ?? "") { return .literal(.int(i)) }
        if let m = LiquidSyntax.firstMatch(LiquidSyntax.range, in: text) {
            return .range(laxExpression(m[1] ?? "", at: at), laxExpression(m[2] ?? "", at: at), at)
        }
        if let m = LiquidSyntax.firstMatch(LiquidSyntax.float, in: text), let digits = m[1] {
            // Ruby's `to_f` reads up to the second dot.
            let parts = digits.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            return .literal(.double(Double(parts.prefix(2).joined(separator: ".")) ?? 0))
        }
        switch text {
        case "", "nil", "null": return .literal(.null)
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "empty": return conditionOperand ? .emptyLiteral : .literal(.string(""))
        case "blank": return conditionOperand ? .blankLiteral : .literal(.string(""))
        default: break
        }
        var parts: [VariableLookup.Part] = LiquidSyntax.allMatches(LiquidSyntax.lookupPart, in: text).compactMap { m in
            guard let part = m[0] else { return nil }
            if part.hasPrefix("[") { return .index(laxExpression(String(part.dropFirst().dropLast()), at: at)) }
            return .key(part)
        }
        guard !parts.isEmpty else { return .literal(.null) }
        let head = parts.removeFirst()
        return .lookup(VariableLookup(head: head, parts: parts, position: at, text: text))
    }

    /// `cycle` as Liquid 5.4 reads it: `name: a, b` or `a, b`, the list split at every comma and each piece
    /// reduced to its first fragment. An unnamed cycle's counter is keyed by Ruby's `inspect` of its values, so
    /// identical literal lists share one, while a list with a variable in it has a counter of its own (Ruby keys
    /// it by the parsed objects' identities).
    func parseCycle(_ markup: String, at: SourcePosition, position: SourcePosition) throws(LiquidError) -> Node {
        let group: Expr?
        let list: String
        if let m = LiquidSyntax.firstMatch(LiquidSyntax.namedCycle, in: markup) {
            group = laxExpression(m[1] ?? "", at: at)
            list = m[2] ?? ""
        } else if LiquidSyntax.firstMatch(LiquidSyntax.simpleCycle, in: markup) != nil {
            group = nil
            list = markup
        } else {
            throw error("expected `cycle [name:] value, value, …`", at)
        }
        var pieces = list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // Ruby's `split` drops trailing empty pieces.
        while pieces.last?.isEmpty == true { pieces.removeLast() }
        let values: [Expr] = pieces.compactMap { piece in
            guard let fragment = firstMatch(LiquidSyntax.fragment, in: piece) else { return nil }
            let e = laxExpression(fragment, at: at)
            // `compact` drops values that parse to nil.
            if case .literal(.null) = e { return nil }
            return e
        }
        guard !values.isEmpty else { throw error("`cycle` has no values to cycle through", at) }
        if let group { return .cycle(group: group, values: values, position: position) }
        var literals: [String] = []
        for value in values {
            guard case .literal(let v) = value else {
                return .cycle(group: .literal(.string("\u{0}cycle \(source.path):\(position.line):\(position.column)")), values: values, position: position)
            }
            literals.append(v.rubyInspect)
        }
        return .cycle(group: .literal(.string("[" + literals.joined(separator: ", ") + "]")), values: values, position: position)
    }

    /// `case` markup: its first fragment.
    func parseCaseSubject(_ markup: String, at: SourcePosition) throws(LiquidError) -> Expr {
        guard let fragment = firstMatch(LiquidSyntax.fragment, in: markup) else { throw error("expected a value after `case`", at) }
        return laxExpression(fragment, at: at)
    }

    /// `when a, b or c`: fragments joined by `,` or `or`; anything after a fragment that is neither is ignored.
    func parseWhenValues(_ markup: String, at: SourcePosition) throws(LiquidError) -> [Expr] {
        var values: [Expr] = []
        var rest: String? = markup
        while let text = rest {
            guard let m = LiquidSyntax.firstMatch(LiquidSyntax.whenClause, in: text) else {
                throw error("expected `when value` or `when value, value` / `when value or value`", at)
            }
            values.append(laxExpression(m[1] ?? "", at: at, conditionOperand: true))
            rest = m[2]
        }
        return values
    }

    /// `tablerow item in collection` and every `key: value` in the markup.
    func parseTablerowMarkup(_ markup: String, at: SourcePosition, position: SourcePosition) throws(LiquidError) -> TableRow {
        guard let m = LiquidSyntax.firstMatch(LiquidSyntax.tablerow, in: markup), let variable = m[1], let collection = m[2] else {
            throw error("expected `tablerow item in collection`", at)
        }
        var attributes: [String: Expr] = [:]
        for a in LiquidSyntax.allMatches(LiquidSyntax.tagAttributes, in: markup) {
            if let key = a[1], let value = a[2] { attributes[key] = laxExpression(value, at: at) }
        }
        return TableRow(variable: variable, collection: laxExpression(collection, at: at), attributes: attributes, body: [], position: position)
    }
}

extension Parser {
    /// Liquid's own `include` markup, used when the name is quoted: `'name' [with|for value] [as alias]` and any
    /// `key: value` pairs in the rest (commas optional, stray characters ignored, as 5.4's patterns read it).
    func parseLiquidInclude(_ markup: String, at: SourcePosition, position: SourcePosition) throws(LiquidError) -> IncludeCall {
        guard let m = LiquidSyntax.firstMatch(LiquidSyntax.include, in: markup), let quoted = m[1],
              quoted.count >= 2, let q = quoted.first, q == "'" || q == "\"", quoted.last == q else {
            throw error("expected `include 'name'` with the name in quotes", at)
        }
        let name = String(quoted.dropFirst().dropLast())
        if let problem = includeNameProblem(name, allowingSpaces: true) { throw error(problem, at) }
        var attributes: [(String, Expr)] = []
        for a in LiquidSyntax.allMatches(LiquidSyntax.tagAttributes, in: markup) {
            if let key = a[1], let value = a[2] { attributes.append((key, laxExpression(value, at: at))) }
        }
        let options = LiquidInclude(variable: m[3].map { laxExpression($0, at: at) }, alias: m[5], attributes: attributes)
        return IncludeCall(name: .literal(name), parameters: [], relative: false, position: position, liquid: options)
    }
}
