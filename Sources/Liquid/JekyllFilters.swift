import Foundation

extension Renderer {
    func jekyllFilter(_ name: String, _ input: Value, _ c: FilterCallContext) throws(LiquidError) -> Value? {
        switch name {
        case "relative_url":
            if input.isNull { return .null }
            return .string(relativeURL(input.rubyToS))
        case "absolute_url":
            if input.isNull { return .null }
            let s = input.rubyToS
            if isAbsoluteURL(s) { return .string(s) }
            guard let site = siteURL() else { return .string(relativeURL(s)) }
            return .string(normalizeURL(site + relativeURL(s)))
        case "strip_index":
            if input.isNull || input.rubyToS.isEmpty { return .null }
            return .string(input.rubyToS.replacingOccurrences(of: #"/index\.html?$"#, with: "/", options: .regularExpression))
        case "date_to_xmlschema", "date_to_rfc822", "date_to_string", "date_to_long_string":
            if input.rubyToS.isEmpty { return input }
            guard var date = liquidDate(from: input, timeZone: config.timeZone) else {
                throw c.error("Invalid Date: '\(input.rubyInspect)' is not a valid datetime.")
            }
            // None of these four formats prints the zone's name (`%Z`): leave it unread, as
            // finding it reads the zone's TZif file (2% of a build, for every post's dates).
            date = LiquidDate(instant: date.instant, offsetIn: config.timeZone)
            switch name {
            case "date_to_xmlschema": return .string(date.strftime("%Y-%m-%dT%H:%M:%S") + (date.isUTC ? "Z" : date.strftime("%:z")))
            case "date_to_rfc822": return .string(date.strftime("%a, %d %b %Y %H:%M:%S ") + (date.isUTC ? "-0000" : date.strftime("%z")))
            default:
                let month = name == "date_to_string" ? "%b" : "%B"
                if c.arg(0)?.rubyToS == "ordinal" {
                    let day = DateFields(date).day
                    let suffix = (11...13).contains(day % 100) ? "th" : (day % 10 == 1 ? "st" : day % 10 == 2 ? "nd" : day % 10 == 3 ? "rd" : "th")
                    if c.arg(1)?.rubyToS == "US" { return .string(date.strftime("\(month) \(day)\(suffix), %Y")) }
                    return .string(date.strftime("\(day)\(suffix) \(month) %Y"))
                }
                return .string(date.strftime("%d \(month) %Y"))
            }
        case "xml_escape": return .string(xmlEscape(input.rubyToS))
        case "inspect": return .string(xmlEscape(input.rubyInspect))
        case "cgi_escape": return .string(cgiEscape(input.rubyToS))
        case "uri_escape": return .string(uriEscape(input.rubyToS))
        case "normalize_whitespace":
            return .string(normalizingRubyWhitespace(input.rubyToS))
        case "number_of_words":
            let s = input.rubyToS
            let words = s.split(whereSeparator: { $0.isRubyWhitespace })
            let mode = c.arg(0)?.rubyToS
            guard mode == "cjk" || mode == "auto" else { return .int(words.count) }
            let cjk = s.unicodeScalars.filter(isCJK).count
            if mode == "auto", cjk == 0 { return .int(words.count) }
            let nonCJKWords = s.split(whereSeparator: { $0.isRubyWhitespace || $0.unicodeScalars.contains(where: isCJK) }).count
            return .int(cjk + nonCJKWords)
        case "slugify": return input.isNull ? .null : .string(slugify(input.rubyToS, mode: c.arg(0)?.rubyToS))
        case "jsonify":
            var out = ""
            try writeJSON(input, into: &out, c)
            return .string(out)
        case "markdownify":
            guard let markdownify = config.markdownify else { throw c.error("`markdownify` is not available here (no Markdown converter configured)") }
            return .string(markdownify(input.rubyToS))
        case "smartify": return .string(smartify(input.rubyToS))
        case "sassify", "scssify":
            guard let sass = config.sassify else { throw c.error("`\(name)` is not available here (no Sass compiler configured)") }
            switch sass(input.rubyToS, name == "sassify") {
            case .success(let css): return .string(css)
            case .failure(let failure): throw c.error(failure.message)
            }
        case "where_exp", "find_exp":
            let items = collectionForSelection(input)
            guard let items else { return input }
            let variable = c.args[0].rubyToS
            let condition = try parseRuntimeCondition(c.args[1].rubyToS, c)
            var selected: [Value] = []
            try withScope { () throws(LiquidError) in
                for item in items {
                    setLocal(variable, item)
                    if try evaluate(condition) {
                        selected.append(item)
                        if name == "find_exp" { break }
                    }
                }
            }
            return name == "find_exp" ? (selected.first ?? .null) : .array(selected)
        case "find":
            guard let items = collectionForSelection(input) else { return input }
            if case .array = c.args[1] { return input }
            if case .object = c.args[1] { return input }
            for item in items where matchesProperty(itemProperty(item, c.args[0].rubyToS), c.args[1]) { return item }
            return .null
        case "group_by", "group_by_exp":
            guard let items = collectionForSelection(input) else { return input }
            // group_by names groups by the property's `to_s`; group_by_exp by the expression's
            // value itself (Ruby's `group_by`, so `1` and `"1"` are two groups and a `size`
            // compares equal to a number).
            var groups: [(Value, [Value])] = []
            var parsed: FilteredExpr? = nil
            if name == "group_by_exp" {
                let text = c.args[1].rubyToS
                let locate: (Int) -> SourcePosition = { _ in c.call.position }
                do {
                    var p = try ExpressionParser(markup: text, locate: locate)
                    parsed = try p.filteredExpression()
                } catch { throw c.error("invalid expression in group_by_exp: \(error.message)") }
            }
            try withScope { () throws(LiquidError) in
                for item in items {
                    let key: Value
                    if let parsed {
                        setLocal(c.args[0].rubyToS, item)
                        key = try evaluate(parsed)
                    } else {
                        key = .string(itemProperty(item, c.args[0].rubyToS).rubyToS)
                    }
                    if let i = groups.firstIndex(where: { $0.0 == key }) { groups[i].1.append(item) } else { groups.append((key, [item])) }
                }
            }
            return .array(groups.map { .object(ValueObject([("name", $0.0), ("items", .array($0.1)), ("size", .int($0.1.count))])) })
        default: return nil
        }
    }

    private func collectionForSelection(_ input: Value) -> [Value]? {
        switch input {
        case .array(let a): return a
        case .object(let o): return o.pairs.map { $0.value }
        case .range: return input.elements
        default: return nil
        }
    }

    private func parseRuntimeCondition(_ text: String, _ c: FilterCallContext) throws(LiquidError) -> Condition {
        do {
            var p = try ExpressionParser(markup: text, locate: { _ in c.call.position })
            let condition = try p.condition()
            try p.expectEnd()
            return condition
        } catch {
            throw c.error("invalid expression `\(text)`: \(error.message)")
        }
    }

    /// Jekyll's `item_property`: a (dotted) key of a hash item, with integer- and float-like strings made numbers.
    /// Jekyll reads a property with Ruby's `item[name]`, which fails on arrays and numbers (TypeError) and on
    /// booleans (NoMethodError); strings, hashes and nil answer it.
    func checkIndexable(_ item: Value, _ property: String, _ c: FilterCallContext) throws(LiquidError) {
        switch item {
        case .array, .int, .double, .bool, .range:
            throw c.error("cannot read the property '\(property)' of \(item.rubyClassName) \(item.rubyInspect.prefix(40))")
        default: return
        }
    }

    func itemProperty(_ item: Value, _ property: String) -> Value {
        var value: Value = .null
        if property.contains(".") {
            value = item
            for key in property.split(separator: ".", omittingEmptySubsequences: false) {
                guard case .object(let o) = value, let next = o[String(key)] else { value = .null; break }
                value = next
            }
        } else if case .object(let o) = item {
            value = o[property] ?? .null
        }
        let s = value.rubyToS
        if case .string = value {
            // Jekyll's INTEGER_LIKE / FLOAT_LIKE: optional spaces and minus, digits with at most one dot.
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            let digits = t.hasPrefix("-") ? t.dropFirst() : Substring(t)
            let dots = digits.filter { $0 == "." }.count
            if !digits.isEmpty, dots <= 1, digits != ".", digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }) {
                if dots == 0 { return .int(rubyStringToI(t)) }
                return .double(Double(t.hasSuffix(".") ? t + "0" : (digits.hasPrefix(".") ? t.replacingOccurrences(of: ".", with: "0.") : t)) ?? 0)
            }
        }
        return value
    }

    private func matchesProperty(_ property: Value, _ target: Value) -> Bool {
        if target.isNull { return property.isNull }
        let t = target.rubyToS
        if case .string(let s) = property { return s == t }
        let values: [Value]
        switch property {
        case .null: values = []
        case .array(let a): values = a
        case .object(let o): values = o.pairs.map { .array([.string($0.key), $0.value]) }
        default: values = [property]
        }
        return values.contains { $0.rubyToS == t }
    }

    func jekyllWhere(_ input: Value, _ c: FilterCallContext) throws(LiquidError) -> Value {
        if c.args.count == 1 {
            // Liquid's one-argument form: the items whose property is truthy.
            var kept: [Value] = []
            for item in iterate(input) where try property(of: item, c.args[0], c).isTruthy { kept.append(item) }
            return .array(kept)
        }
        if case .array = c.args[1] { return input }
        if case .object = c.args[1] { return input }
        if c.args[0].isNull { return input }
        guard let items = collectionForSelection(input) else { return input }
        let property = c.args[0].rubyToS
        for item in items { try checkIndexable(item, property, c) }
        return .array(items.filter { matchesProperty(itemProperty($0, property), c.args[1]) })
    }

    func jekyllSort(_ input: Value, _ c: FilterCallContext) throws(LiquidError) -> Value {
        if input.isNull { throw c.error("Cannot sort a null object.") }
        var items: [Value]
        switch input {
        case .array(let a): items = a
        case .object(let o): items = o.pairs.map { .array([.string($0.key), $0.value]) }
        case .range: items = input.elements
        default: throw c.error("undefined method `sort' for \(input.rubyInspect):\(input.rubyClassName)")
        }
        guard let propertyValue = c.arg(0), !propertyValue.isNull else {
            var failure: LiquidError? = nil
            items = mergeSort(items) { a, b in
                guard let order = rubySpaceship(a, b) else {
                    failure = failure ?? c.error("comparison of \(a.rubyClassName) with \(b.rubyComparisonOperand) failed")
                    return false
                }
                return order < 0
            }
            if let failure { throw failure }
            return .array(items)
        }
        let nils = c.arg(1)?.rubyToS ?? "first"
        guard nils == "first" || nils == "last" else {
            throw c.error("Invalid nils order: '\(nils)' is not a valid nils order. It must be 'first' or 'last'.")
        }
        let order = nils == "first" ? -1 : 1
        let property = propertyValue.rubyToS
        for item in items { try checkIndexable(item, property, c) }
        let keyed = items.map { (itemProperty($0, property), $0) }
        return .array(mergeSort(keyed) { a, b in
            switch (a.0.isNull, b.0.isNull) {
            case (false, true): return -order < 0
            case (true, false): return order < 0
            case (true, true): return false
            default:
                if let r = rubySpaceship(a.0, b.0) { return r < 0 }
                return a.0.rubyToS.utf8.lexicographicallyPrecedes(b.0.rubyToS.utf8)
            }
        }.map { $0.1 })
    }

    private func writeJSON(_ v: Value, into out: inout String, _ c: FilterCallContext) throws(LiquidError) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            guard d.isFinite else { throw c.error("\(rubyFloatString(d)) not allowed in JSON") }
            out += rubyFloatString(d)
        case .string(let s): out += jsonString(s)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                try writeJSON(e, into: &out, c)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, p) in o.pairs.enumerated() {
                if i > 0 { out += "," }
                out += jsonString(p.key) + ":"
                try writeJSON(p.value, into: &out, c)
            }
            out += "}"
        case .date, .range: out += jsonString(v.liquidString)
        }
    }
}

/// Ruby's `<=>`: nil when the values do not compare (arrays compare element by element).
func rubySpaceship(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.int, .double), (.double, .int), (.double, .double):
        let x = a.numberAsDouble, y = b.numberAsDouble
        if x.isNaN || y.isNaN { return nil }
        return x < y ? -1 : (x > y ? 1 : 0)
    case (.string(let x), .string(let y)):
        return x == y ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
    case (.date(let x), .date(let y)): return x.instant < y.instant ? -1 : (x.instant > y.instant ? 1 : 0)
    case (.null, .null): return 0
    case (.bool(let x), .bool(let y)): return x == y ? 0 : nil
    case (.array(let x), .array(let y)):
        for (l, r) in zip(x, y) {
            guard let o = rubySpaceship(l, r) else { return nil }
            if o != 0 { return o }
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    default: return nil
    }
}

/// A stable sort (Ruby's is not, so ties may differ from Jekyll; documented).
func mergeSort<T>(_ items: [T], _ less: (T, T) -> Bool) -> [T] {
    guard items.count > 1 else { return items }
    let mid = items.count / 2
    let left = mergeSort(Array(items[..<mid]), less), right = mergeSort(Array(items[mid...]), less)
    var out: [T] = []
    out.reserveCapacity(items.count)
    var i = 0, j = 0
    while i < left.count, j < right.count {
        if less(right[j], left[i]) { out.append(right[j]); j += 1 } else { out.append(left[i]); i += 1 }
    }
    out += left[i...]
    out += right[j...]
    return out
}

/// JSON string literal as Ruby's `to_json` writes it (UTF-8 kept, control characters escaped).
func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
        }
    }
    return out + "\""
}

func isCJK(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF, 0x3040...0x309F, 0x30A0...0x30FF,
         0x31F0...0x31FF, 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0x2E80...0x2FDF, 0x3005, 0x3007, 0x3021...0x3029:
        return true
    default: return false
    }
}
