import Foundation

extension Renderer {
    /// What Liquid's InputIterator yields: arrays flattened, a hash as one item, nil as nothing.
    func iterate(_ input: Value) -> [Value] {
        switch input {
        case .array(let a): return flatten(a)
        case .null: return []
        case .range: return input.elements
        default: return [input]
        }
    }

    private func flatten(_ a: [Value]) -> [Value] {
        a.flatMap { v -> [Value] in if case .array(let inner) = v { return flatten(inner) } else { return [v] } }
    }

    func arrayFilter(_ name: String, _ input: Value, _ c: FilterCallContext) throws(LiquidError) -> Value? {
        switch name {
        case "size":
            switch input {
            case .string(let s): return .int(s.count)
            case .array(let a): return .int(a.count)
            case .object(let o): return .int(o.count)
            case .int: return .int(8)
            case .range(let lo, let hi): return .int(try rangeCount(lo, hi, at: c.call.position))
            default: return .int(0)
            }
        case "default":
            let fallback = c.arg(0) ?? .string("")
            var allowFalse = false
            if case .object(let options)? = c.args.last, c.args.count == 2 || c.keywords.count > 0 { allowFalse = options["allow_false"]?.isTruthy ?? false }
            let missing = allowFalse ? input.isNull : !input.isTruthy
            return missing || (input.answersEmpty ?? false) ? fallback : input
        case "join":
            let glue = c.arg(0)?.rubyToS ?? " "
            return .string(iterate(input).map { $0.rubyToS }.joined(separator: glue))
        case "first":
            switch input {
            case .array(let a): return a.first ?? .null
            case .object(let o): return o.pairs.first.map { .array([.string($0.key), $0.value]) } ?? .null
            case .range(let lo, let hi): return lo <= hi ? .int(lo) : .null
            default: return .null
            }
        case "last":
            switch input {
            case .array(let a): return a.last ?? .null
            case .range(let lo, let hi): return lo <= hi ? .int(hi) : .null
            default: return .null
            }
        case "reverse": return .array(iterate(input).reversed())
        case "concat":
            guard case .array(let extra) = c.args[0] else { throw c.error("concat filter requires an array argument") }
            return .array(iterate(input) + extra)
        case "compact":
            let items = iterate(input)
            guard let property = c.arg(0) else { return .array(items.filter { !$0.isNull }) }
            var kept: [Value] = []
            for item in items where try !self.property(of: item, property, c).isNull { kept.append(item) }
            return .array(kept)
        case "uniq":
            let items = iterate(input)
            var seen: [Value] = []
            var out: [Value] = []
            for item in items {
                let key = try c.arg(0).map { p throws(LiquidError) in try property(of: item, p, c) } ?? item
                if !seen.contains(key) { seen.append(key); out.append(item) }
            }
            return .array(out)
        case "map":
            let property = c.args[0]
            return .array(try iterate(input).map { item throws(LiquidError) in try self.property(of: item, property, c) })
        case "sort_natural":
            let items = iterate(input)
            if items.isEmpty { return .array([]) }
            let keyed = try items.map { item throws(LiquidError) in (try c.arg(0).map { p throws(LiquidError) in try property(of: item, p, c) } ?? item, item) }
            return .array(keyed.sorted { a, b in
                switch (a.0.isNull, b.0.isNull) {
                case (false, false): return a.0.rubyToS.lowercased().utf8.lexicographicallyPrecedes(b.0.rubyToS.lowercased().utf8)
                case (true, false): return false
                case (false, true): return true
                case (true, true): return false
                }
            }.map { $0.1 })
        case "sort":
            return try jekyllSort(input, c)
        case "where":
            return try jekyllWhere(input, c)
        case "pop", "shift":
            guard case .array(var a) = input else { return input }
            let n = try c.arg(0).map { v throws(LiquidError) in try c.integer(v) } ?? 1
            guard n >= 0 else { throw c.error("negative array size") }
            if name == "pop" { a.removeLast(min(n, a.count)) } else { a.removeFirst(min(n, a.count)) }
            return .array(a)
        case "push", "unshift":
            guard case .array(var a) = input else { return input }
            if name == "push" { a.append(c.args[0]) } else { a.insert(c.args[0], at: 0) }
            return .array(a)
        case "sample":
            guard case .array(let a) = input else { return input }
            let n = (try? c.integer(c.arg(0) ?? .int(1))) ?? 1
            if n == 1 { return a.randomElement() ?? .null }
            return .array(Array(a.shuffled().prefix(max(0, n))))
        case "array_to_sentence_string":
            guard case .array(let a) = input else { return .string(input.rubyToS) }
            let connector = c.arg(0)?.rubyToS ?? "and"
            switch a.count {
            case 0: return .string("")
            case 1: return .string(a[0].rubyToS)
            case 2: return .string("\(a[0].rubyToS) \(connector) \(a[1].rubyToS)")
            default: return .string(a.dropLast().map { $0.rubyToS }.joined(separator: ", ") + ", \(connector) " + (a.last?.rubyToS ?? ""))
            }
        default: return nil
        }
    }

    /// `item[property]` for filters like `map`; items that cannot be indexed by a string are an error.
    func property(of item: Value, _ property: Value, _ c: FilterCallContext) throws(LiquidError) -> Value {
        switch (item, property) {
        case (.object(let o), .string(let k)): return o[k] ?? .null
        case (.object, _): return .null
        case (.array(let a), .int(let i)): return (i < 0 ? a.count + i : i) >= 0 && (i < 0 ? a.count + i : i) < a.count ? a[i < 0 ? a.count + i : i] : .null
        // Ruby's `String#[str]`: `str` when it occurs, and the empty string always does.
        case (.string(let s), .string(let k)): return k.isEmpty || s.contains(k) ? .string(k) : .null
        case (.null, _): return .null
        default: throw c.error("cannot select the property '\(property.rubyToS)'")
        }
    }
}
