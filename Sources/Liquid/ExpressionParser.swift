/// Recursive-descent parser over `ExprToken`s, mirroring Liquid's strict parser.
struct ExpressionParser {
    private var tokens: [ExprToken]
    private var p = 0
    private var depth = 0
    /// Maps a markup offset to a template position.
    let locate: (Int) -> SourcePosition

    init(markup: String, locate: @escaping (Int) -> SourcePosition) throws(ExprSyntaxError) {
        self.locate = locate
        switch lexExpression(markup) {
        case .success(let t): tokens = t
        case .failure(let e): throw e
        }
    }

    var current: ExprToken { tokens[p] }
    var atEnd: Bool { tokens[p].kind == .end }

    func look(_ kind: ExprToken.Kind, ahead: Int = 0) -> Bool {
        p + ahead < tokens.count && tokens[p + ahead].kind == kind
    }

    mutating func consume(_ kind: ExprToken.Kind, _ what: String? = nil) throws(ExprSyntaxError) -> ExprToken {
        let t = tokens[p]
        guard t.kind == kind else {
            throw ExprSyntaxError(message: "expected \(what ?? describe(kind)) but found \(t.describe)", offset: t.offset)
        }
        p += 1
        return t
    }

    mutating func consumeIf(_ kind: ExprToken.Kind) -> ExprToken? {
        guard tokens[p].kind == kind else { return nil }
        p += 1
        return tokens[p - 1]
    }

    mutating func identifier(_ word: String) -> Bool {
        guard tokens[p].kind == .identifier, tokens[p].text == word else { return false }
        p += 1
        return true
    }

    mutating func expectEnd() throws(ExprSyntaxError) {
        guard atEnd else { throw ExprSyntaxError(message: "unexpected \(current.describe)", offset: current.offset) }
    }

    private func describe(_ kind: ExprToken.Kind) -> String {
        switch kind {
        case .identifier: return "a name"
        case .end: return "the end of the markup"
        case .string: return "a string"
        case .number: return "a number"
        case .comparison: return "a comparison operator"
        case .dotdot: return "`..`"
        default: return "`\(kind.rawValue)`"
        }
    }

    /// An expression; `conditionOperand` makes `empty`/`blank` special as in conditions.
    mutating func expression(conditionOperand: Bool = false) throws(ExprSyntaxError) -> Expr {
        let t = tokens[p]
        guard depth < 64 else { throw ExprSyntaxError(message: "expression nested too deeply", offset: t.offset) }
        depth += 1
        defer { depth -= 1 }
        let startIndex = p
        switch t.kind {
        case .identifier:
            p += 1
            let parts = try lookups()
            if parts.isEmpty {
                switch t.text {
                case "nil", "null": return .literal(.null)
                case "true": return .literal(.bool(true))
                case "false": return .literal(.bool(false))
                case "empty": return conditionOperand ? .emptyLiteral : .literal(.string(""))
                case "blank": return conditionOperand ? .blankLiteral : .literal(.string(""))
                default: break
                }
            }
            return .lookup(VariableLookup(head: .key(t.text), parts: parts, position: locate(t.offset), text: lookupText(from: startIndex)))
        case .openSquare:
            p += 1
            let inner = try expression()
            _ = try consume(.closeSquare)
            let parts = try lookups()
            return .lookup(VariableLookup(head: .index(inner), parts: parts, position: locate(t.offset), text: lookupText(from: startIndex)))
        case .string:
            p += 1
            return .literal(.string(t.text))
        case .number:
            p += 1
            if t.text.contains("."), let d = Double(t.text) { return .literal(.double(d)) }
            if let i = Int(t.text) { return .literal(.int(i)) }
            return .literal(.double(Double(t.text) ?? 0))
        case .openRound:
            p += 1
            let lower = try expression()
            _ = try consume(.dotdot)
            let upper = try expression()
            _ = try consume(.closeRound)
            return .range(lower, upper, locate(t.offset))
        default:
            throw ExprSyntaxError(message: "expected a value (a name, string, number or range) but found \(t.describe)", offset: t.offset)
        }
    }

    private func lookupText(from start: Int) -> String {
        tokens[start..<p].map { $0.kind == .string ? "\"\($0.text)\"" : $0.text }.joined()
    }

    private mutating func lookups() throws(ExprSyntaxError) -> [VariableLookup.Part] {
        var parts: [VariableLookup.Part] = []
        while true {
            if consumeIf(.openSquare) != nil {
                parts.append(.index(try expression()))
                _ = try consume(.closeSquare)
            } else if consumeIf(.dot) != nil {
                parts.append(.key(try consume(.identifier, "a name after `.`").text))
            } else {
                return parts
            }
        }
    }

    /// `expr | filter: a, b, key: c | …` up to the end of the markup.
    mutating func filteredExpression() throws(ExprSyntaxError) -> FilteredExpr {
        let startPos = locate(current.offset)
        if atEnd { return FilteredExpr(expr: nil, filters: [], position: startPos) }
        let expr = try expression()
        let filters = try filterChain()
        try expectEnd()
        return FilteredExpr(expr: expr, filters: filters, position: startPos)
    }

    mutating func filterChain() throws(ExprSyntaxError) -> [FilterCall] {
        var filters: [FilterCall] = []
        while consumeIf(.pipe) != nil {
            let name = try consume(.identifier, "a filter name after `|`")
            var call = FilterCall(name: name.text, arguments: [], keywordArguments: [], position: locate(name.offset))
            if consumeIf(.colon) != nil {
                repeat {
                    if look(.identifier), look(.colon, ahead: 1) {
                        let key = tokens[p].text
                        p += 2
                        call.keywordArguments.append((key, try expression()))
                    } else {
                        call.arguments.append(try expression())
                    }
                } while consumeIf(.comma) != nil
            }
            filters.append(call)
        }
        return filters
    }

    /// `a == b and c contains "x" or d`.
    mutating func condition() throws(ExprSyntaxError) -> Condition {
        var cond = Condition(first: try comparison(), rest: [])
        while true {
            if identifier("and") { cond.rest.append((.and, try comparison())) }
            else if identifier("or") { cond.rest.append((.or, try comparison())) }
            else { break }
        }
        return cond
    }

    mutating func comparison() throws(ExprSyntaxError) -> Comparison {
        let left = try expression(conditionOperand: true)
        guard let op = consumeIf(.comparison) else { return Comparison(left: left, op: nil, right: nil) }
        return Comparison(left: left, op: op.text, right: try expression(conditionOperand: true))
    }
}
