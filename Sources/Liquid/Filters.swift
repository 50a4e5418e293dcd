import Foundation

/// The filters Strata knows, with how many arguments each takes (a keyword hash counts as one, as in Ruby).
enum FilterTable {
    static let arity: [String: ClosedRange<Int>] = [
        // Liquid's standard filters.
        "size": 0...0, "downcase": 0...0, "upcase": 0...0, "capitalize": 0...0, "escape": 0...0, "h": 0...0,
        "escape_once": 0...0, "url_encode": 0...0, "url_decode": 0...0, "base64_encode": 0...0, "base64_decode": 0...0,
        "base64_url_safe_encode": 0...0, "base64_url_safe_decode": 0...0, "slice": 1...2, "truncate": 0...2,
        "truncatewords": 0...2, "split": 1...1, "strip": 0...0, "lstrip": 0...0, "rstrip": 0...0, "strip_html": 0...0,
        "strip_newlines": 0...0, "join": 0...1, "sort": 0...2, "sort_natural": 0...1, "where": 1...2, "uniq": 0...1,
        "reverse": 0...0, "map": 1...1, "compact": 0...1, "replace": 1...2, "replace_first": 1...2, "replace_last": 2...2,
        "remove": 1...1, "remove_first": 1...1, "remove_last": 1...1, "append": 1...1, "concat": 1...1, "prepend": 1...1,
        "newline_to_br": 0...0, "date": 1...1, "first": 0...0, "last": 0...0, "abs": 0...0, "plus": 1...1, "minus": 1...1,
        "times": 1...1, "divided_by": 1...1, "modulo": 1...1, "round": 0...1, "ceil": 0...0, "floor": 0...0,
        "at_least": 1...1, "at_most": 1...1, "default": 0...2,
        // Jekyll's filters.
        "markdownify": 0...0, "smartify": 0...0, "sassify": 0...0, "scssify": 0...0, "slugify": 0...1, "xml_escape": 0...0, "cgi_escape": 0...0,
        "uri_escape": 0...0, "normalize_whitespace": 0...0, "number_of_words": 0...1, "array_to_sentence_string": 0...1,
        "jsonify": 0...0, "where_exp": 2...2, "find": 2...2, "find_exp": 2...2, "group_by": 1...1, "group_by_exp": 2...2,
        "pop": 0...1, "push": 1...1, "shift": 0...1, "unshift": 1...1, "sample": 0...1, "inspect": 0...0,
        "relative_url": 0...0, "absolute_url": 0...0, "strip_index": 0...0, "date_to_xmlschema": 0...0,
        "date_to_rfc822": 0...0, "date_to_string": 0...2, "date_to_long_string": 0...2, "to_integer": 0...0,
    ]
    static let names = Set(arity.keys)
    /// The filters that work on the input as text (so only these pay for converting it).
    static let stringFilters: Set<String> = [
        "downcase", "upcase", "capitalize", "escape", "h", "escape_once", "url_encode", "url_decode", "base64_encode",
        "base64_url_safe_encode", "base64_decode", "base64_url_safe_decode", "slice", "truncate", "truncatewords", "split",
        "strip", "lstrip", "rstrip", "strip_html", "strip_newlines", "newline_to_br", "replace", "replace_first",
        "replace_last", "remove", "remove_first", "remove_last", "append", "prepend", "date",
    ]
}

/// A filter's inputs plus the means to fail at the filter's position.
struct FilterCallContext {
    let renderer: Renderer
    let call: FilterCall
    let args: [Value]
    let keywords: ValueObject

    func arg(_ i: Int) -> Value? { i < args.count ? args[i] : nil }
    func error(_ message: String) -> LiquidError { renderer.error(message, at: call.position) }
    func integer(_ v: Value) throws(LiquidError) -> Int {
        do { return try renderer.toInteger(v, call.position) } catch { throw self.error("invalid integer") }
    }
}

extension Renderer {
    func applyFilter(_ call: FilterCall, input: Value, args: [Value], keywords: ValueObject) throws(LiquidError) -> Value {
        if FilterTable.arity[call.name] == nil, let custom = config.customFilters[call.name] {
            let given = args.count + (keywords.isEmpty ? 0 : 1)
            guard custom.arity.contains(given) else {
                throw error("wrong number of arguments for `\(call.name)` (given \(given), expected \(custom.arity.lowerBound)..\(custom.arity.upperBound))", at: call.position)
            }
            return try custom.handler(input, keywords.isEmpty ? args : args + [.object(keywords)], TagContext(renderer: self, position: call.position))
        }
        guard let arity = FilterTable.arity[call.name] else {
            let unknown = error("unknown filter `\(call.name)`", at: call.position).about(.filter(call.name))
            // Liquid 5.4 without strict_filters: the input goes on unchanged.
            if let log = config.unknownFilters, !config.strictFilters {
                log.record(unknown)
                return input
            }
            throw unknown
        }
        let given = args.count + (keywords.isEmpty ? 0 : 1)
        if !arity.contains(given) {
            let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound)..\(arity.upperBound)"
            throw error("wrong number of arguments for `\(call.name)` (given \(given), expected \(expected))", at: call.position)
        }
        var allArgs = args
        if !keywords.isEmpty { allArgs.append(.object(keywords)) }
        // A range becomes an array inside most filters; refuse one too large to hold before any filter tries.
        if case .range = input, !["size", "first", "last", "default"].contains(call.name) {
            try checkRangeSize(input, at: call.position)
        }
        let ctx = FilterCallContext(renderer: self, call: call, args: allArgs, keywords: keywords)
        if let v = try stringFilter(call.name, input, ctx) { return v }
        if let v = try arrayFilter(call.name, input, ctx) { return v }
        if let v = try mathFilter(call.name, input, ctx) { return v }
        if let v = try jekyllFilter(call.name, input, ctx) { return v }
        throw error("unknown filter `\(call.name)`", at: call.position).about(.filter(call.name))
    }
}

extension Value {
    /// Ruby's `to_s` as filters see it: like output, except arrays print as `["a", "b"]`.
    var rubyToS: String {
        switch self {
        case .array: return rubyInspect
        default: return liquidString
        }
    }
}
