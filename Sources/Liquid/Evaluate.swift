import Foundation

extension Renderer {
    func evaluate(_ expr: FilteredExpr) throws(LiquidError) -> Value {
        guard let e = expr.expr else { return .null }
        var value = try evaluate(e)
        for filter in expr.filters {
            var args: [Value] = []
            for a in filter.arguments { args.append(try evaluate(a)) }
            var keywords = ValueObject()
            for (k, a) in filter.keywordArguments { keywords[k] = try evaluate(a) }
            value = try applyFilter(filter, input: value, args: args, keywords: keywords)
        }
        return value
    }

    func evaluate(_ expr: Expr) throws(LiquidError) -> Value {
        switch expr {
        case .literal(let v): return v
        case .emptyLiteral, .blankLiteral: return .string("")
        case .range(let lo, let hi, let position):
            return .range(lower: try rangeBound(lo, position), upper: try rangeBound(hi, position))
        case .lookup(let lookup): return try self.lookup(lookup)
        }
    }

    /// A range bound as Liquid 5.4's `RangeLookup` reads it: a literal bound gets Ruby's `to_i` when the template
    /// is parsed (so `(false..true)` fails, having no `to_i`), a looked-up one `to_i` only when nil or a string and
    /// `Integer(value.to_s)` otherwise (so a Float or an array is "invalid integer").
    private func rangeBound(_ bound: Expr, _ position: SourcePosition) throws(LiquidError) -> Int {
        let v = try evaluate(bound)
        switch (bound, v) {
        case (_, .int), (_, .null), (_, .string): break
        case (.literal, .double): break
        case (.literal, _), (.range, _): throw error("a range bound must be a number, a string or nil, not \(v.rubyClassName)", at: position)
        default: throw error("invalid integer", at: position)
        }
        return try rangeBound(v, position)
    }

    /// Ruby's `to_i` on a range bound. Ruby has integers of any size; Strata's are 64-bit, so a bound
    /// beyond them is a located error rather than a silently different range.
    private func rangeBound(_ v: Value, _ position: SourcePosition) throws(LiquidError) -> Int {
        switch v {
        case .int(let i): return i
        case .null: return 0
        case .string(let s): return rubyStringToI(s)
        case .double(let d):
            guard d.isFinite else { return 0 }
            let whole = d.rounded(.towardZero)
            guard let i = Int(exactly: whole), whole < 9.223372036854775807e18 else {
                throw error("range bound \(rubyFloatString(d)) is outside the 64-bit integers Strata supports", at: position)
            }
            return i
        default: return 0
        }
    }

    func lookup(_ lookup: VariableLookup) throws(LiquidError) -> Value {
        let name: String
        switch lookup.head {
        case .key(let k): name = k
        case .index(let e): name = try evaluate(e).liquidString
        }
        guard var object = find(name) else {
            if config.strictVariables { throw error("undefined variable `\(name)`", at: lookup.position) }
            return .null
        }
        for part in lookup.parts {
            let key: Value
            var command: String? = nil
            switch part {
            case .key(let k):
                key = .string(k)
                if ["size", "first", "last"].contains(k) { command = k }
            case .index(let e): key = try evaluate(e)
            }
            switch (object, key) {
            case (.object(let o), .string(let k)) where o[k] != nil:
                object = o[k] ?? .null
                continue
            case (.object, .int), (.object, .double):
                object = .null
                continue
            case (.array(let a), .int(let i)):
                let index = i < 0 ? a.count + i : i
                object = index >= 0 && index < a.count ? a[index] : .null
                continue
            default: break
            }
            if let command, let result = try commandValue(command, of: object, at: lookup.position) {
                object = result
                continue
            }
            if config.strictVariables {
                throw error("undefined variable `\(key.liquidString)` in `\(lookup.text)`", at: lookup.position)
            }
            return .null
        }
        return object
    }

    /// `size`, `first` and `last` for the types whose Ruby classes answer them.
    private func commandValue(_ command: String, of object: Value, at position: SourcePosition) throws(LiquidError) -> Value? {
        switch (command, object) {
        case ("size", .array(let a)): return .int(a.count)
        case ("size", .object(let o)): return .int(o.count)
        case ("size", .string(let s)): return .int(s.count)
        case ("size", .int): return .int(8)
        case ("size", .range(let lo, let hi)): return .int(try rangeCount(lo, hi, at: position))
        case ("first", .array(let a)): return a.first ?? .null
        case ("first", .object(let o)): return o.pairs.first.map { .array([.string($0.key), $0.value]) } ?? .null
        case ("first", .range(let lo, _)): return .int(lo)
        case ("last", .array(let a)): return a.last ?? .null
        case ("last", .range(_, let hi)): return .int(hi)
        default: return nil
        }
    }

    // MARK: conditions

    func evaluate(_ condition: Condition) throws(LiquidError) -> Bool {
        var result = try evaluate(condition.first)
        for (link, comparison) in condition.rest {
            if link == .or, result { break }
            if link == .and, !result { break }
            result = try evaluate(comparison)
        }
        return result
    }

    private func evaluate(_ c: Comparison) throws(LiquidError) -> Bool {
        guard let op = c.op, let rightExpr = c.right else {
            return try evaluate(c.left).isTruthy
        }
        switch op {
        case "==": return try equal(c.left, evaluate(rightExpr), rightExpr: rightExpr)
        case "!=", "<>": return try !equal(c.left, evaluate(rightExpr), rightExpr: rightExpr)
        default: break
        }
        let left = try evaluate(c.left)
        let right = try evaluate(rightExpr)
        let holds: (Int) -> Bool
        switch op {
        case "contains":
            switch (left, right) {
            case (.null, _), (_, .null), (.bool(false), _), (_, .bool(false)): return false
            case (.string(let s), _): return TextSearch.contains(s, right.liquidString)
            case (.array(let a), _): return a.contains { rubyEqual($0, right) }
            case (.object(let o), .string(let k)): return o[k] != nil
            case (.range(let lo, let hi), .int(let i)): return lo <= i && i <= hi
            default: return false
            }
        case "<": holds = { $0 < 0 }
        case ">": holds = { $0 > 0 }
        case "<=": holds = { $0 <= 0 }
        case ">=": holds = { $0 >= 0 }
        // Only a lax parse (`error_mode: warn`) lets another operator through; Liquid names it
        // when rendering, even for values it could not compare.
        default: throw error("unknown operator `\(op)`", at: c.position(self))
        }
        guard let ordering = try rubyCompare(left, right, position: c.position(self)) else { return false }
        return holds(ordering)
    }

    /// `left == right`, where `empty`/`blank` on either side test the other side.
    func equal(_ leftExpr: Expr, _ right: Value, rightExpr: Expr? = nil) throws(LiquidError) -> Bool {
        if case .emptyLiteral = leftExpr { return right.answersEmpty ?? false }
        if case .blankLiteral = leftExpr { return false }
        if let rightExpr {
            if case .emptyLiteral = rightExpr { return try evaluate(leftExpr).answersEmpty ?? false }
            if case .blankLiteral = rightExpr { return false }
        }
        return rubyEqual(try evaluate(leftExpr), right)
    }

    /// Ruby's `<=>` for `<`-style comparisons: nil when the types do not compare (the condition is false);
    /// an error for number against string, as Ruby raises.
    func rubyCompare(_ a: Value, _ b: Value, position: SourcePosition) throws(LiquidError) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.numberAsDouble, y = b.numberAsDouble
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)):
            return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)):
            return x.instant < y.instant ? -1 : (x.instant > y.instant ? 1 : 0)
        default:
            // Only numbers, strings and times answer `<` in Ruby; mixing them raises, anything else compares false.
            guard a.isRubyComparable, b.isRubyComparable else { return nil }
            throw error("comparison of \(a.rubyClassName) with \(b.rubyComparisonOperand) failed", at: position)
        }
    }

    // MARK: helpers shared by tags and filters

    /// How many integers `lo...hi` holds (0 when `hi < lo`); a located error when the count does not fit
    /// in 64 bits, where Ruby would answer with a Bignum.
    func rangeCount(_ lo: Int, _ hi: Int, at position: SourcePosition) throws(LiquidError) -> Int {
        guard let count = Value.rangeCount(lo, hi) else {
            throw error("the range (\(lo)..\(hi)) holds more integers than Strata can count", at: position)
        }
        return count
    }

    /// Checks a range about to be turned into an array against `limits.loopIterations`, so that
    /// `(1..2147483648) | join` is a located error, not an 85 GB allocation.
    func checkRangeSize(_ v: Value, at position: SourcePosition) throws(LiquidError) {
        guard case .range(let lo, let hi) = v else { return }
        let count = try rangeCount(lo, hi, at: position)
        guard count <= config.limits.loopIterations else {
            throw error("the range (\(lo)..\(hi)) has \(count) items, more than the loop limit of \(config.limits.loopIterations) (liquid: loop_iteration_limit)", at: position)
        }
    }

    func toInteger(_ v: Value, _ position: SourcePosition) throws(LiquidError) -> Int {
        switch v {
        case .int(let i): return i
        case .string(let s):
            if let i = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) { return i }
        default: break
        }
        throw error("invalid integer", at: position)
    }

    func rubyToI(_ v: Value) -> Int {
        switch v {
        case .int(let i): return i
        case .double(let d): return d.isFinite ? Int(max(min(d, 9.2e18), -9.2e18).rounded(.towardZero)) : 0
        case .string(let s): return rubyStringToI(s)
        case .bool, .null, .array, .object, .date, .range: return 0
        }
    }

    func relativeURL(_ input: String) -> String {
        if isAbsoluteURL(input) { return input }
        let base = baseURL()
        return engine.relativeURLs.url(base: base, input: input) {
            normalizeURIPath(ensureLeadingSlash(base) + ensureLeadingSlash(input))
        }
    }

    func baseURL() -> String {
        guard case .object(let site)? = find("site"), let base = site["baseurl"], !base.isNull else { return "" }
        var s = base.liquidString
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }

    func siteURL() -> String? {
        guard case .object(let site)? = find("site"), let url = site["url"], !url.isNull else { return nil }
        let s = url.liquidString
        return s.isEmpty ? nil : s
    }
}

extension Comparison {
    func position(_ r: Renderer) -> SourcePosition {
        if case .lookup(let l) = left { return l.position }
        if case .lookup(let l)? = right { return l.position }
        return SourcePosition(line: 1, column: 1)
    }
}

func ensureLeadingSlash(_ s: String) -> String { s.isEmpty || s.hasPrefix("/") ? s : "/" + s }

/// Whether `s` starts with a URI scheme (`https:`, `mailto:`), which Jekyll leaves untouched.
func isAbsoluteURL(_ s: String) -> Bool {
    // On bytes (every `relative_url` asks, and a `Character` scan of a path with no colon
    // cost more than the rest of the filter): the scheme's characters are ASCII, so the
    // answer is the same unless a combining mark joins the colon into another `Character`.
    var index = 0
    var bytes = s.utf8.makeIterator()
    while let byte = bytes.next() {
        if byte == UInt8(ascii: ":") {
            if let next = bytes.next(), next >= 0x80 { return isAbsoluteURLByCharacters(s) }
            return index > 0
        }
        let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        let isAllowed = index == 0 ? isLetter : isLetter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        guard isAllowed else { return false }
        index += 1
    }
    return false
}

private func isAbsoluteURLByCharacters(_ s: String) -> Bool {
    guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
    let scheme = s[..<colon]
    guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
    return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
}

/// Ruby `String#to_i`: leading whitespace, optional sign, digits (underscores between digits allowed); else 0.
func rubyStringToI(_ s: String) -> Int {
    var chars = Substring(s).drop(while: { $0.isWhitespace })
    var negative = false
    if let f = chars.first, f == "-" || f == "+" { negative = f == "-"; chars = chars.dropFirst() }
    var value = 0
    var last: Character = " "
    for c in chars {
        if let d = c.wholeNumberValue, c.isASCII {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (n, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return negative ? Int.min : Int.max }
            value = n
        } else if c == "_", last.isNumber {
        } else { break }
        last = c
    }
    return negative ? -value : value
}
