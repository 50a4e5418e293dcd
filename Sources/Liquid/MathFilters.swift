import Foundation

/// A number as Liquid's math filters see it: an Integer, or a BigDecimal (from floats and decimal strings).
enum LiquidNumber {
    case int(Int)
    case decimal(Decimal)
    /// Only for results BigDecimal cannot hold: infinities and NaN.
    case float(Double)

    init(_ v: Value) {
        switch v {
        case .int(let i): self = .int(i)
        case .double(let d):
            // Infinity and NaN (from `divided_by: 0.0`) stay Floats, as in Ruby; Decimal has neither.
            self = d.isFinite ? .decimal(Decimal(string: rubyFloatString(d), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(d)) : .float(d)
        case .string(let s):
            let t = rubyStrip(s, leading: true, trailing: true)
            if isDecimalLiteral(t), let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")) {
                self = .decimal(d)
            } else {
                self = .int(rubyStringToI(s))
            }
        default: self = .int(0)
        }
    }

    var double: Double {
        switch self {
        case .int(let i): return Double(i)
        case .decimal(let d): return Double(NSDecimalNumber(decimal: d).stringValue) ?? 0
        case .float(let f): return f
        }
    }

    var decimal: Decimal {
        switch self {
        case .int(let i): return Decimal(i)
        case .decimal(let d): return d
        case .float(let f): return f.isFinite ? Decimal(f) : 0
        }
    }

    /// BigDecimal results leave the filter as Floats, as Liquid does.
    var value: Value {
        switch self {
        case .int(let i): return .int(i)
        case .decimal(let d): return .double(Double(NSDecimalNumber(decimal: d).stringValue) ?? 0)
        case .float(let f): return .double(f)
        }
    }
}

extension Renderer {
    func mathFilter(_ name: String, _ input: Value, _ c: FilterCallContext) throws(LiquidError) -> Value? {
        switch name {
        case "plus", "minus", "times", "divided_by", "modulo":
            return try arithmetic(name, LiquidNumber(input), LiquidNumber(c.args[0]), c).value
        case "abs":
            switch LiquidNumber(input) {
            case .int(let i): return i == Int.min ? .double(-Double(i)) : .int(abs(i))
            case .decimal(let d): return LiquidNumber.decimal(d < 0 ? -d : d).value
            case .float(let f): return .double(abs(f))
            }
        case "round":
            let places = c.arg(0).map { LiquidNumber($0) } ?? .int(0)
            var n: Int
            switch places {
            case .int(let i): n = i
            case .decimal(let d): n = NSDecimalNumber(decimal: d).intValue
            case .float: n = 0
            }
            // Ruby passes the precision to C as an `int` and raises RangeError beyond it.
            guard Int(Int32.min)...Int(Int32.max) ~= n else { throw c.error("`round` precision \(n) is out of range") }
            // Foundation's Decimal holds exponents of -128...127, so rounding to more places than that
            // changes nothing; pinning `n` keeps NSDecimalRound from looping for half a minute.
            n = min(max(n, -Self.decimalExponentLimit), Self.decimalExponentLimit)
            switch LiquidNumber(input) {
            case .int(let i):
                guard n < 0 else { return .int(i) }
                return LiquidNumber.decimal(rounded(Decimal(i), n)).value.asIntIfWhole
            case .decimal(let d):
                let r = rounded(d, n)
                return n <= 0 ? .int(NSDecimalNumber(decimal: r).intValue) : LiquidNumber.decimal(r).value
            case .float(let f):
                // Ruby's Float#round to a whole number has no Integer for Infinity or NaN (FloatDomainError).
                if n <= 0, !f.isFinite { throw c.error(Self.notFiniteMessage(f)) }
                return .double(f)
            }
        case "ceil", "floor":
            switch LiquidNumber(input) {
            case .int(let i): return .int(i)
            case .decimal(let d):
                var x = d, r = Decimal()
                NSDecimalRound(&r, &x, 0, name == "ceil" ? .up : .down)
                return .int(NSDecimalNumber(decimal: r).intValue)
            case .float(let f):
                if !f.isFinite { throw c.error(Self.notFiniteMessage(f)) }
                return .double(f)
            }
        case "at_least", "at_most":
            let bound = LiquidNumber(c.args[0])
            let value = LiquidNumber(input)
            let useBound = name == "at_least" ? bound.decimal > value.decimal : bound.decimal < value.decimal
            return (useBound ? bound : value).value
        case "to_integer":
            switch input {
            case .bool(let b): return .int(b ? 1 : 0)
            // Jekyll calls `to_i`: a Time gives its epoch seconds; arrays, hashes and ranges have none.
            case .date(let d): return .int(Int(d.instant.timeIntervalSince1970.rounded(.down)))
            case .array, .object, .range: throw c.error("undefined method `to_i' for \(input.rubyClassName) (`to_integer` takes a number, a string, a boolean or a date)")
            default: return .int(rubyToI(input))
            }
        default: return nil
        }
    }

    private static let decimalExponentLimit = 130

    /// Liquid's FloatDomainError text for rounding Infinity or NaN to an integer.
    /// Ruby's Float arithmetic, for an operand that is Infinity or NaN.
    private func floatArithmetic(_ op: String, _ x: Double, _ y: Double, _ c: FilterCallContext) throws(LiquidError) -> LiquidNumber {
        switch op {
        case "plus": return .float(x + y)
        case "minus": return .float(x - y)
        case "times": return .float(x * y)
        case "divided_by": return .float(x / y)
        default:
            guard y != 0 else { throw c.error("divided by 0") }
            return .float(x - y * (x / y).rounded(.down))
        }
    }

    private static func notFiniteMessage(_ f: Double) -> String {
        "computation results in '\(f.isNaN ? "NaN" : (f < 0 ? "-Infinity" : "Infinity"))', which has no integer value"
    }

    private func rounded(_ d: Decimal, _ places: Int) -> Decimal {
        var x = d, r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        return r
    }

    private func arithmetic(_ op: String, _ a: LiquidNumber, _ b: LiquidNumber, _ c: FilterCallContext) throws(LiquidError) -> LiquidNumber {
        if case .float = a { return try floatArithmetic(op, a.double, b.double, c) }
        if case .float = b { return try floatArithmetic(op, a.double, b.double, c) }
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case "plus": let (r, o) = x.addingReportingOverflow(y); if !o { return .int(r) }
            case "minus": let (r, o) = x.subtractingReportingOverflow(y); if !o { return .int(r) }
            case "times": let (r, o) = x.multipliedReportingOverflow(by: y); if !o { return .int(r) }
            case "divided_by":
                guard y != 0 else { throw c.error("divided by 0") }
                if x == Int.min && y == -1 { break }
                // Ruby's Integer division floors.
                let q = x / y
                return .int((x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q)
            default:
                guard y != 0 else { throw c.error("divided by 0") }
                if x == Int.min && y == -1 { return .int(0) }
                let r = x % y
                return .int(r != 0 && (r < 0) != (y < 0) ? r + y : r)
            }
        }
        let x = a.decimal, y = b.decimal
        switch op {
        case "plus": return .decimal(x + y)
        case "minus": return .decimal(x - y)
        case "times": return .decimal(x * y)
        case "divided_by":
            // BigDecimal division by zero gives ±Infinity (or NaN for 0/0) rather than raising.
            guard !y.isZero else { return .float(x.isZero ? .nan : (x < 0 ? -.infinity : .infinity)) }
            return .decimal(x / y)
        default:
            guard !y.isZero else { throw c.error("divided by 0") }
            var q = x / y, f = Decimal()
            NSDecimalRound(&f, &q, 0, .down)
            return .decimal(x - y * f)
        }
    }
}

/// `-?\d+\.\d+`, the strings Liquid turns into BigDecimal.
private func isDecimalLiteral(_ s: String) -> Bool {
    let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
}

extension Value {
    var asIntIfWhole: Value {
        if case .double(let d) = self, d.isFinite, d == d.rounded(), abs(d) < 9e18 { return .int(Int(d)) }
        return self
    }
}
