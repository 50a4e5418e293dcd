import Foundation

/// A Liquid value: what variables hold and what expressions and filters produce.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value])
    case object(ValueObject)
    case date(LiquidDate)
    /// An integer range such as `(1..5)`; empty when `upper < lower`.
    case range(lower: Int, upper: Int)

    /// Builds a value from `JSONSerialization` output or any JSON-like Swift value.
    /// Dictionary keys are sorted because `[String: Any]` has no order; use `init(json:)` to keep it.
    public init(any: Any?) {
        guard let any else { self = .null; return }
        if type(of: any) == Bool.self, let b = any as? Bool { self = .bool(b); return }
        switch any {
        case let v as Value: self = v
        case is NSNull: self = .null
        case let s as String: self = .string(s)
        case let i as Int where type(of: any) == Int.self: self = .int(i)
        case let d as Double where type(of: any) == Double.self: self = .double(d)
        case let n as NSNumber:
            // JSONSerialization returns NSNumber for numbers and booleans; objCType tells them apart.
            let t = String(cString: n.objCType)
            if t == "c" || t == "B" { self = .bool(n.boolValue) }
            else if t == "d" || t == "f" { self = .double(n.doubleValue) }
            else { self = .int(n.intValue) }
        case let d as Date: self = .date(LiquidDate(instant: d, utcOffset: 0, zoneName: "UTC", isUTC: true))
        case let a as [Any?]: self = .array(a.map { Value(any: $0) })
        case let a as [Any]: self = .array(a.map { Value(any: $0) })
        case let o as [String: Any]:
            self = .object(ValueObject(o.keys.sorted().map { ($0, Value(any: o[$0])) }))
        default: self = .string(String(describing: any))
        }
    }

    /// Parses JSON text, keeping the key order of objects as written (Ruby hashes keep insertion order).
    public init(json: String) throws(LiquidError) {
        var reader = JSONReader(text: json)
        self = try reader.parseDocument()
    }

    /// Liquid truthiness: only `nil` and `false` are false.
    public var isTruthy: Bool {
        switch self {
        case .null, .bool(false): return false
        default: return true
        }
    }

    /// Members as a `for` loop sees them (a hash yields `[key, value]` pairs).
    public var elements: [Value] {
        switch self {
        case .array(let a): return a
        case .range(let lo, let hi): return lo <= hi ? (lo...hi).map { .int($0) } : []
        case .object(let o): return o.pairs.map { .array([.string($0.key), $0.value]) }
        case .null: return []
        case .string(let s): return s.isEmpty ? [] : [self]
        // Liquid loops only over what responds to `each` (or non-blank text): `for x in false`
        // renders its `else` (jekyll-github-metadata's offline `contributors` is false).
        case .bool, .int, .double, .date: return []
        }
    }

    var isNull: Bool { if case .null = self { return true } else { return false } }

    /// How many integers `lo...hi` holds, 0 when `hi < lo`; nil when the count overflows `Int`.
    static func rangeCount(_ lo: Int, _ hi: Int) -> Int? {
        guard hi >= lo else { return 0 }
        let (difference, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, difference < Int.max else { return nil }
        return difference + 1
    }
}

/// An ordered string-keyed map, like a Ruby Hash: lookups by key, iteration in insertion order.
public struct ValueObject: Sendable, Hashable {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}
    public init(_ pairs: [(String, Value)]) {
        // Sized once: growing the table and the key list as they fill was half the cost
        // of every `forloop` object (one per loop iteration).
        storage.reserveCapacity(pairs.count)
        keys.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    public var pairs: [(key: String, value: Value)] { keys.map { ($0, storage[$0] ?? .null) } }

    public static func == (a: ValueObject, b: ValueObject) -> Bool { a.storage == b.storage }
    public func hash(into h: inout Hasher) { h.combine(storage) }
}

/// A point in time with the UTC offset it is shown in, like a Ruby `Time`.
public struct LiquidDate: Sendable, Hashable {
    public var instant: Date
    /// Seconds east of UTC used when formatting.
    public var utcOffset: Int
    /// The zone abbreviation `%Z` prints (Ruby prints nothing for a bare numeric offset).
    public var zoneName: String?
    /// A time in UTC mode (Ruby's `utc?`): printed as `UTC` by `to_s` and as `Z` by `date_to_xmlschema`.
    public var isUTC: Bool

    public init(instant: Date, utcOffset: Int, zoneName: String?, isUTC: Bool = false) {
        self.instant = instant
        self.utcOffset = utcOffset
        self.zoneName = zoneName
        self.isUTC = isUTC
    }

    /// The instant shown in `timeZone`, as Ruby's `Time#localtime` would.
    public init(instant: Date, timeZone: TimeZone) {
        self.init(instant: instant, offsetIn: timeZone)
        if zoneName == nil { zoneName = zoneAbbreviation(timeZone, at: instant) }
    }

    /// As `init(instant:timeZone:)` without the zone's name (`%Z` prints nothing), for
    /// formats that never print it: the name is read from the zone's TZif file.
    init(instant: Date, offsetIn timeZone: TimeZone) {
        let isUTC = timeZone.identifier == "UTC" || timeZone.identifier == "GMT"
        self.init(instant: instant, utcOffset: timeZone.secondsFromGMT(for: instant), zoneName: isUTC ? "UTC" : nil)
    }
}

// No ExpressibleByNilLiteral: with it, `nil` in `Value?` contexts silently becomes `.null`.
extension Value: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) { self = .object(ValueObject(elements)) }
}
