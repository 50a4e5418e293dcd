import Foundation

extension Value {
    /// The text Liquid outputs for the value (Ruby's `to_s`; arrays are joined, nil is empty).
    public var liquidString: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return rubyFloatString(d)
        case .string(let s): return s
        case .array(let a): return a.map { $0.liquidString }.joined()
        case .object: return rubyInspect
        case .date(let d): return d.rubyString
        case .range(let lo, let hi): return "\(lo)..\(hi)"
        }
    }

    /// Ruby's `inspect`, used for hashes in output and by the `inspect` filter.
    public var rubyInspect: String {
        switch self {
        case .null: return "nil"
        case .string(let s): return rubyInspectString(s)
        case .array(let a): return "[" + a.map { $0.rubyInspect }.joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.pairs.map { rubyInspectString($0.key) + "=>" + $0.value.rubyInspect }.joined(separator: ", ") + "}"
        default: return liquidString
        }
    }

    var numberAsDouble: Double {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return 0
        }
    }

    var isRubyComparable: Bool {
        switch self {
        case .int, .double, .string, .date: return true
        default: return false
        }
    }

    var rubyClassName: String {
        switch self {
        case .null: return "NilClass"
        case .bool(let b): return b ? "TrueClass" : "FalseClass"
        case .int: return "Integer"
        case .double: return "Float"
        case .string: return "String"
        case .array: return "Array"
        case .object: return "Hash"
        case .date: return "Time"
        case .range: return "Range"
        }
    }

    /// How Ruby names the right operand in "comparison of X with Y failed" (numbers by value, others by class).
    var rubyComparisonOperand: String {
        switch self {
        case .int, .double: return liquidString
        default: return rubyClassName
        }
    }

    /// `empty?` for the types that have it, nil otherwise.
    var answersEmpty: Bool? {
        switch self {
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        default: return nil
        }
    }
}

/// Ruby `==`: numbers compare across Integer and Float, containers element by element.
func rubyEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { rubyEqual($0, $1) }
    case (.object(let x), .object(let y)):
        return x.count == y.count && x.pairs.allSatisfy { p in y[p.key].map { rubyEqual(p.value, $0) } ?? false }
    case (.date(let x), .date(let y)): return x.instant == y.instant
    default: return a == b
    }
}

/// Ruby's `Float#to_s`: shortest round-trip digits, fixed notation for exponents -4...15, else `1.0e+16`.
func rubyFloatString(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description is also shortest round-trip; take its digits and decimal exponent.
    var text = "\(abs(d))"
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...]) ?? 0
        text = String(text[..<e])
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = String(parts[0])
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = intPart + fracPart
    var decpt = intPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); decpt -= 1 }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    let sign = d < 0 ? "-" : ""
    if decpt > 0 && decpt <= 16 {
        if digits.count <= decpt {
            return sign + digits + String(repeating: "0", count: decpt - digits.count) + ".0"
        }
        let i = digits.index(digits.startIndex, offsetBy: decpt)
        return sign + digits[..<i] + "." + digits[i...]
    }
    if decpt <= 0 && decpt > -4 {
        return sign + "0." + String(repeating: "0", count: -decpt) + digits
    }
    let mantissa = digits.count == 1 ? digits + ".0" : String(digits.prefix(1)) + "." + digits.dropFirst()
    let e = decpt - 1
    return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
}

/// Ruby's `String#inspect` for UTF-8 text.
func rubyInspectString(_ s: String) -> String {
    var out = "\""
    var scalars = Array(s.unicodeScalars)[...]
    while let c = scalars.popFirst() {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{0C}": out += "\\f"
        case "\u{0B}": out += "\\v"
        case "\u{08}": out += "\\b"
        case "\u{07}": out += "\\a"
        case "\u{1B}": out += "\\e"
        case "#":
            if let next = scalars.first, next == "{" || next == "$" || next == "@" { out += "\\#" } else { out += "#" }
        default:
            if c.value < 0x20 || c.value == 0x7F {
                out += "\\x" + String(format: "%02X", c.value)
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }
    return out + "\""
}
