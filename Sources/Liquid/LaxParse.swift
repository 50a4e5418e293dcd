import Foundation

/// Liquid 5.4's lax parser for the markup that has a strict one (`Variable`, `If`, `For`: the classes that call
/// `parse_with_selected_parser` or `strict_parse_with_error_mode_fallback`). Jekyll's default `error_mode: warn`
/// reads markup the strict parser rejects with these regular expressions instead, so a sloppy
/// `{{ page.title | upcase: }}` or `{% for p in posts limit:3 junk %}` builds there; Strata reads it the same way
/// (liquid/lib/liquid/variable.rb, tags/if.rb and tags/for.rb of 5.4.0). `\w` is spelled `[A-Za-z0-9_]`:
/// Ruby's is ASCII, ICU's is not.
extension LiquidSyntax {
    /// `MarkupWithQuotedFragment`: the first fragment anywhere in `{{ }}` markup is the value, the rest its filters.
    static let markupWithQuotedFragment = regex("(" + quotedFragment + ")(.*)", dotAll: true)
    /// `FilterMarkupRegex`: everything after the first `|`.
    static let filterMarkup = regex(#"\|\s*(.*)"#, dotAll: true)
    /// `FilterParser`: one filter's text, a run of fragments, spaces and commas (so a `|` ends it).
    static let filterParser = regex(#"(?:\s+|"# + quotedFragment + "|,)+")
    /// `FilterArgsRegex`: an argument is the fragment after a `:` or `,` (a `key: fragment` counts as one);
    /// fragments after a space are dropped.
    static let filterArguments = regex(#"(?::|,)\s*((?:[A-Za-z0-9_]+\s*:\s*)?"# + quotedFragment + ")")
    /// `JustTagAttributes`: an argument that is a keyword argument.
    static let keywordArgument = regex(#"\A([A-Za-z0-9_][A-Za-z0-9_-]*)\s*:\s*("# + quotedFragment + #")\z"#)
    static let word = regex("[A-Za-z0-9_]+")
    /// `If::Syntax`: `left [operator] [right]`, unanchored; any run of `=!<>a-z_` is an operator here.
    static let laxComparison = regex("(" + quotedFragment + #")\s*([=!<>a-z_]+)?\s*("# + quotedFragment + ")?")
    /// `If::ExpressionsAndOperators`: splits a condition into comparisons and the `and`/`or` between them.
    static let expressionsAndOperators = regex(
        #"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)(?:"# + quotedFragment + #"|\S+)\s*)+)"#)
    /// `For::Syntax`: `reversed` counts only right after the collection.
    static let laxFor = regex(#"\A([A-Za-z0-9_-]+)\s+in\s+("# + quotedFragment + #"+)\s*(reversed)?"#)
}

extension Parser {
    /// The strict reading of some markup, or, when it fails and the error mode allows, the lax one (`lax`
    /// returns nil where Liquid's lax parser raises too; then the strict parser's error stands, as it says more).
    /// Under `.warn` the strict error is noted in `laxParses`, once per place.
    func strictOrLax<T>(lax: () -> T?, _ strict: () throws(LiquidError) -> T) throws(LiquidError) -> T {
        do {
            return try strict()
        } catch {
            guard errorMode != .strict, let value = lax() else { throw error }
            if errorMode == .warn, let laxParses {
                var warning = error
                warning.notes.append("read with Liquid's lax parser, as Jekyll does by default (`error_mode: warn`); "
                    + "set `liquid: {error_mode: strict}` in _config.yml to make this an error")
                laxParses.record(warning)
            }
            return value
        }
    }

    /// `Variable#lax_parse`: the first fragment is the value (nil output when there is none); after the first `|`,
    /// each run of fragments is a filter named by its first word, with the fragments after `:` or `,` as arguments.
    func laxFiltered(_ markup: String, at: SourcePosition) -> FilteredExpr {
        guard let m = LiquidSyntax.firstMatch(LiquidSyntax.markupWithQuotedFragment, in: markup), let name = m[1] else {
            return FilteredExpr(expr: nil, filters: [], position: at)
        }
        var filters: [FilterCall] = []
        if let chain = LiquidSyntax.firstMatch(LiquidSyntax.filterMarkup, in: m[2] ?? "")?[1] {
            for piece in LiquidSyntax.allMatches(LiquidSyntax.filterParser, in: chain) {
                guard let text = piece[0], let filterName = Liquid.firstMatch(LiquidSyntax.word, in: text) else { continue }
                var call = FilterCall(name: filterName, arguments: [], keywordArguments: [], position: at)
                for argument in LiquidSyntax.allMatches(LiquidSyntax.filterArguments, in: text).compactMap({ $0[1] }) {
                    if let keyword = LiquidSyntax.firstMatch(LiquidSyntax.keywordArgument, in: argument), let key = keyword[1] {
                        call.keywordArguments.append((key, laxExpression(keyword[2] ?? "", at: at)))
                    } else {
                        call.arguments.append(laxExpression(argument, at: at))
                    }
                }
                filters.append(call)
            }
        }
        return FilteredExpr(expr: laxExpression(name, at: at), filters: filters, position: at)
    }

    /// `If#lax_parse`: the pieces between `and`/`or`, read from the right, each `left [operator] [right]`.
    /// An operator Liquid does not know is kept: rendering it is an error, as in Liquid. Nil where Liquid's
    /// lax parser raises (no comparison at one end, two comparisons without `and`/`or` between them).
    func laxCondition(_ markup: String, at: SourcePosition) -> Condition? {
        var pieces = LiquidSyntax.allMatches(LiquidSyntax.expressionsAndOperators, in: markup).compactMap { $0[0] }
        func comparison(_ text: String?) -> Comparison? {
            guard let text, let m = LiquidSyntax.firstMatch(LiquidSyntax.laxComparison, in: text), let left = m[1] else { return nil }
            let op = m[2]
            // Ruby's Condition compares with nil when the right side is missing.
            let right = op == nil ? nil : m[3].map { laxExpression($0, at: at, conditionOperand: true) } ?? .literal(.null)
            return Comparison(left: laxExpression(left, at: at, conditionOperand: true), op: op, right: right)
        }
        guard var last = comparison(pieces.popLast()) else { return nil }
        var rest: [(Condition.Link, Comparison)] = []
        while !pieces.isEmpty {
            let link = pieces.removeLast().trimmingCharacters(in: .whitespacesAndNewlines)
            guard let before = comparison(pieces.popLast()) else { return nil }
            switch link {
            case "and": rest.insert((.and, last), at: 0)
            case "or": rest.insert((.or, last), at: 0)
            default: return nil
            }
            last = before
        }
        return Condition(first: last, rest: rest)
    }

    /// `For#lax_parse`: `item in collection [reversed]` at the start, then every `limit:`/`offset:` anywhere in
    /// the markup (the last one wins; other `key: value` pairs are ignored). Nil when the start does not match.
    func laxForLoop(_ markup: String, at: SourcePosition, position: SourcePosition) -> ForLoop? {
        guard let m = LiquidSyntax.firstMatch(LiquidSyntax.laxFor, in: markup), let variable = m[1], let collection = m[2] else { return nil }
        var loop = ForLoop(variable: variable, collection: laxExpression(collection, at: at), name: "\(variable)-\(collection)",
                           limit: nil, offset: nil, offsetContinue: false, reversed: m[3] != nil, body: [], elseBody: nil, position: position)
        for attribute in LiquidSyntax.allMatches(LiquidSyntax.tagAttributes, in: markup) {
            guard let key = attribute[1], let value = attribute[2] else { continue }
            switch key {
            case "limit": loop.limit = laxExpression(value, at: at)
            case "offset" where value == "continue":
                loop.offsetContinue = true
                loop.offset = nil
            case "offset":
                loop.offset = laxExpression(value, at: at)
                loop.offsetContinue = false
            default: break
            }
        }
        return loop
    }
}
