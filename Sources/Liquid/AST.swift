/// An expression: a literal, a variable lookup or a range.
indirect enum Expr: Sendable {
    case literal(Value)
    case lookup(VariableLookup)
    /// `(lower..upper)`, with where its `(` stands.
    case range(Expr, Expr, SourcePosition)
    /// `empty` / `blank` as comparison operands (they test the other side rather than equal it).
    case emptyLiteral
    case blankLiteral
}

/// `name.key[expr].size` with where each part sits, for error messages.
struct VariableLookup: Sendable {
    enum Part: Sendable {
        /// A dotted key; `size`, `first` and `last` may fall back to the built-in command.
        case key(String)
        case index(Expr)
    }
    var head: Part
    var parts: [Part]
    var position: SourcePosition
    var text: String
}

/// A filter call `| name: positional, key: value`.
struct FilterCall: Sendable {
    var name: String
    var arguments: [Expr]
    var keywordArguments: [(String, Expr)]
    var position: SourcePosition
}

/// An expression followed by filters, as in `{{ … }}` and `assign`.
struct FilteredExpr: Sendable {
    var expr: Expr?
    var filters: [FilterCall]
    var position: SourcePosition
}

/// A single operand or `left op right`.
struct Comparison: Sendable {
    var left: Expr
    var op: String?
    var right: Expr?
}

/// An `if` condition: comparisons joined by `and`/`or`, evaluated left to right with each link binding
/// everything to its right, as in Liquid (`a and b or c` is `a and (b or c)`).
struct Condition: Sendable {
    enum Link: Sendable { case and, or }
    var first: Comparison
    var rest: [(Link, Comparison)]
}

/// A parsed template node.
indirect enum Node: Sendable {
    case text(String)
    case output(FilteredExpr)
    case assign(String, FilteredExpr)
    case capture(String, [Node])
    /// Renders its body only when the text differs from the previous `ifchanged` output.
    case ifChanged([Node])
    /// `if`/`unless` branches; a nil condition is the `else`.
    case conditional([(condition: Condition?, negate: Bool, body: [Node])])
    case caseOf(Expr, [(values: [Expr]?, body: [Node])], SourcePosition)
    case forLoop(ForLoop)
    case tablerow(TableRow)
    case cycle(group: Expr?, values: [Expr], position: SourcePosition)
    case increment(String, by: Int)
    case include(IncludeCall)
    case breakLoop, continueLoop
    case custom(name: String, markup: String, position: SourcePosition)
    /// `{% highlight lang [linenos] %}`; `lineNumbers` is true when `linenos` was given.
    case highlight(language: String, lineNumbers: Bool, body: [Node])
    case link(markup: [Node], position: SourcePosition, isPostURL: Bool)
}

/// `for item in collection limit: n offset: n reversed` with its body and `else`.
struct ForLoop: Sendable {
    var variable: String
    var collection: Expr
    /// Liquid's loop name, `item-collection`, used by `offset: continue`.
    var name: String
    var limit: Expr?
    var offset: Expr?
    var offsetContinue: Bool
    var reversed: Bool
    var body: [Node]
    var elseBody: [Node]?
    var position: SourcePosition
}

/// `tablerow item in collection cols: n limit: n offset: n`.
struct TableRow: Sendable {
    var variable: String
    var collection: Expr
    var attributes: [String: Expr]
    var body: [Node]
    var position: SourcePosition
}

/// Jekyll's `include`/`include_relative` with `key=value` parameters.
struct IncludeCall: Sendable {
    enum Name: Sendable {
        case literal(String)
        /// A name with `{{ }}` in it, rendered at render time.
        case dynamic([Node])
    }
    var name: Name
    var parameters: [(String, Expr)]
    var relative: Bool
    var position: SourcePosition
    /// jekyll-include-cache's `{% include_cached %}`: the output is kept in the engine's
    /// `IncludeCache` and given again for the same file and parameter values.
    var cached = false
    /// Set for Liquid's own form, `{% include 'name' with x as y, key: value %}` (a quoted name, which Jekyll
    /// refuses): the partial sees the caller's variables plus these, and no `include` object.
    var liquid: LiquidInclude? = nil
}

/// Liquid 5.4's include options: `with`/`for` value (an array renders the partial once per item), the name it is
/// bound to (`as`, else the file name's last part) and `key: value` attributes.
struct LiquidInclude: Sendable {
    var variable: Expr?
    var alias: String?
    var attributes: [(String, Expr)]
}
