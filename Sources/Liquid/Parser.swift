/// Builds the node tree from tokens: block structure, whitespace control and Liquid's blank-body rule.
struct Parser {
    let source: TemplateSource
    let customTags: Set<String>
    /// When set, filters that do not exist are reported at parse time.
    let knownFilters: Set<String>?
    /// What to do when the strict parser rejects `{{ }}`, `if`/`elsif`/`unless` or `for` markup (see `LaxParse.swift`).
    var errorMode = LiquidErrorMode.strict
    /// Where `.warn` notes each lax reading.
    var laxParses: UnknownFilterLog?
    /// The tags this parser knows by itself (Liquid 5.4's and Jekyll's), for suggestions.
    static let builtinTagNames: Set<String> = [
        "if", "unless", "case", "for", "tablerow", "capture", "assign", "liquid", "ifchanged", "echo", "comment", "#",
        "raw", "cycle", "increment", "decrement", "break", "continue", "include", "include_relative", "highlight",
        "link", "post_url",
    ]
    /// Stands in the custom tag names when the engine has an `IncludeCache`: then
    /// `include_cached` is an include (no tag can be named with a control character).
    static let cachedIncludesMarker = "\u{1}include_cached"
    var tokens: [TemplateToken]
    var index = 0
    var trimNext = false
    private var open: [(name: String, position: SourcePosition)] = []
    /// Blocks open around the `{% liquid %}` tag this parser reads the lines of (they count against the nesting
    /// limit) and whether it is one: a `liquid` line inside it is an unknown tag, as in Liquid 5.4.
    private var enclosingDepth = 0
    private var insideLiquidTag = false

    init(source: TemplateSource, tokens: [TemplateToken], customTags: Set<String>, knownFilters: Set<String>?) {
        self.source = source
        self.tokens = tokens
        self.customTags = customTags
        self.knownFilters = knownFilters
    }

    mutating func parseDocument() throws(LiquidError) -> [Node] {
        let (nodes, _, end) = try parseBody()
        if let end { throw strayTag(end) }
        return nodes
    }

    func error(_ message: String, _ position: SourcePosition) -> LiquidError {
        source.error(message, at: position)
    }

    /// Parses nodes until a tag this level does not own (an `end…`, `else`, `elsif`, `when`) or the end.
    /// Returns the nodes, whether they are blank (only whitespace and silent tags) and the stopping tag.
    mutating func parseBody() throws(LiquidError) -> ([Node], Bool, TemplateToken?) {
        var nodes: [Node] = []
        var blank = true
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if let problem = token.malformed { throw error(problem, token.position) }
            switch token.kind {
            case .text:
                var text = token.content
                if trimNext { text = String(text.drop(while: { $0.isRubyWhitespace })) }
                trimNext = false
                if !text.isEmpty { nodes.append(.text(text)) }
                if !text.allSatisfy({ $0.isRubyWhitespace }) { blank = false }
            case .output:
                applyTrim(token, to: &nodes)
                let expr = try parseFiltered(token.content, at: token.markupPosition)
                nodes.append(.output(expr))
                blank = false
            case .tag:
                applyTrim(token, to: &nodes)
                switch try parseTag(token) {
                case .stop: return (nodes, blank, token)
                case .node(let node, let isBlank):
                    nodes.append(node)
                    blank = blank && isBlank
                case .nodes(let more, let isBlank):
                    nodes.append(contentsOf: more)
                    blank = blank && isBlank
                case .nothing(let isBlank):
                    blank = blank && isBlank
                }
            }
        }
        return (nodes, blank, nil)
    }

    private mutating func applyTrim(_ token: TemplateToken, to nodes: inout [Node]) {
        if token.trimLeft, case .text(let t)? = nodes.last {
            nodes.removeLast()
            let trimmed = t.trimmingRubyWhitespaceSuffix()
            if !trimmed.isEmpty { nodes.append(.text(trimmed)) }
        }
        trimNext = token.trimRight
    }

    enum TagResult {
        case node(Node, blank: Bool)
        /// Several nodes spliced into the enclosing body (a `{% liquid %}` tag's lines).
        case nodes([Node], blank: Bool)
        case nothing(blank: Bool)
        case stop
    }

    private mutating func parseTag(_ token: TemplateToken) throws(LiquidError) -> TagResult {
        let markup = token.content
        let at = token.markupPosition
        switch token.tagName {
        case "if", "unless": return try parseConditional(token)
        case "case": return try parseCase(token)
        case "for": return try parseFor(token)
        case "tablerow": return try parseTablerow(token)
        case "capture":
            // Liquid 5.4 takes the first run of variable-name characters anywhere in the markup, so `'var'` is `var`.
            guard let name = firstMatch(LiquidSyntax.variableSignature, in: markup) else { throw error("expected a variable name after `capture`", at) }
            let (body, _) = try parseBlock(token, ends: ["endcapture"])
            return .node(.capture(name, body), blank: true)
        case "assign":
            guard let eq = markup.firstIndex(of: "=") else { throw error("expected `assign name = value`", at) }
            // Liquid 5.4 reads the name as the variable-name characters just before the `=`, so `(a(b(c) = 1`
            // assigns `(a(b(c)`; the value keeps the strict parser.
            guard let name = lastMatch(LiquidSyntax.variableSignature, in: String(markup[..<eq]).trimmingRubyWhitespaceSuffix()),
                  !name.isEmpty else { throw error("expected a variable name before `=` in `assign`", at) }
            let rhsOffset = markup.unicodeScalars.distance(from: markup.unicodeScalars.startIndex, to: eq.samePosition(in: markup.unicodeScalars) ?? markup.unicodeScalars.startIndex) + 1
            let rhs = String(markup[markup.index(after: eq)...])
            let expr = try parseFiltered(rhs, at: source.advance(at, over: markup, by: rhsOffset))
            return .node(.assign(name, expr), blank: true)
        case "liquid":
            // Each line is a tag, parsed as a document of its own: as in Liquid 5.4, a block opened in the tag
            // closes in it, and a `liquid` line is not a tag there.
            if insideLiquidTag { throw error("unknown tag `liquid`", token.position) }
            var lines = Parser(source: source, tokens: liquidTagLines(token), customTags: customTags, knownFilters: knownFilters)
            lines.errorMode = errorMode
            lines.laxParses = laxParses
            lines.enclosingDepth = enclosingDepth + open.count
            lines.insideLiquidTag = true
            let (nodes, blank, end) = try lines.parseBody()
            if let end { throw lines.strayTag(end) }
            return .nodes(nodes, blank: blank)
        case "ifchanged":
            let (body, blank, _) = try parseBlockBody(token, ends: ["endifchanged"], middles: [])
            return .node(.ifChanged(body), blank: blank)
        case "echo":
            return .node(.output(try parseFiltered(markup, at: at)), blank: false)
        case "comment":
            try parseCommentBody(token)
            return .nothing(blank: true)
        case "#":
            // Liquid 5.4 reserves the rest of a line for future use: every line of the comment must start with `#`.
            if markup.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().contains(where: {
                $0.first(where: { !$0.isRubyWhitespace }).map { $0 != "#" } ?? false
            }) {
                throw error("each line of a `#` comment must start with `#`", token.position)
            }
            return .nothing(blank: true)
        case "raw":
            let text = try rawBody(token, end: "endraw")
            return text.isEmpty ? .nothing(blank: true) : .node(.text(text), blank: false)
        case "cycle": return .node(try parseCycle(markup, at: at, position: token.position), blank: false)
        case "increment", "decrement":
            // An empty name is a counter named "", as in Liquid.
            let name = markup.trimmingCharacters(in: .whitespacesAndNewlines)
            return .node(.increment(name, by: token.tagName == "increment" ? 1 : -1), blank: false)
        case "break": return .node(.breakLoop, blank: false)
        case "continue": return .node(.continueLoop, blank: false)
        case "include", "include_relative":
            return .node(.include(try parseInclude(markup, at: at, relative: token.tagName == "include_relative", position: token.position)), blank: false)
        case "include_cached" where customTags.contains(Parser.cachedIncludesMarker):
            var call = try parseInclude(markup, at: at, relative: false, position: token.position)
            call.cached = true
            return .node(.include(call), blank: false)
        case "highlight": return try parseHighlight(token)
        case "link", "post_url":
            let trimmed = markup.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw error("expected a path after `\(token.tagName)`", at) }
            let nodes: [Node]
            if token.tagName == "link" {
                nodes = try source.parseNested(trimmed, at: at, customTags: customTags, knownFilters: knownFilters,
                                               errorMode: errorMode, laxParses: laxParses)
            } else {
                nodes = [.text(trimmed)]
            }
            return .node(.link(markup: nodes, position: token.position, isPostURL: token.tagName == "post_url"), blank: false)
        case let name where customTags.contains(name):
            return .node(.custom(name: name, markup: markup, position: token.position), blank: false)
        case let name where name.hasPrefix("end") || ["else", "elsif", "when"].contains(name):
            return .stop
        // Liquid 5.4's Comment ignores unknown tags among its own children (not inside blocks it holds).
        case _ where open.last?.name == "comment":
            return .nothing(blank: true)
        default:
            throw error("unknown tag `\(token.tagName)`", token.position).about(.tag(token.tagName))
        }
    }

    /// Liquid 5.4 parses a comment's body and renders none of it: outputs and known tags must be well
    /// formed and blocks inside it closed, while unknown tags and stray `end…`/`else` tags directly in it
    /// are ignored. (Liquid 4 skipped the body; Jekyll 4.3 on Debian runs 5.4.)
    mutating func parseCommentBody(_ opener: TemplateToken) throws(LiquidError) {
        guard enclosingDepth + open.count < 100 else { throw error("blocks nested more than 100 deep", opener.position) }
        open.append((opener.tagName, opener.position))
        defer { open.removeLast() }
        while true {
            let (_, _, stop) = try parseBody()
            guard let stop else { throw error("`comment` is never closed; expected `endcomment`", opener.position) }
            if stop.tagName == "endcomment" { return }
        }
    }

    /// Parses a block body up to one of `ends` (or an intermediate tag listed in `middles`), reporting mismatches.
    mutating func parseBlock(_ opener: TemplateToken, ends: Set<String>, middles: Set<String> = []) throws(LiquidError) -> ([Node], TemplateToken) {
        let (nodes, _, stop) = try parseBlockBody(opener, ends: ends, middles: middles)
        return (nodes, stop)
    }

    mutating func parseBlockBody(_ opener: TemplateToken, ends: Set<String>, middles: Set<String>) throws(LiquidError) -> ([Node], Bool, TemplateToken) {
        // Liquid's own limit; it also keeps hostile input from exhausting the stack.
        guard enclosingDepth + open.count < 100 else { throw error("blocks nested more than 100 deep", opener.position) }
        open.append((opener.tagName, opener.position))
        defer { open.removeLast() }
        let (nodes, blank, stop) = try parseBody()
        guard let stop else {
            throw error("`\(opener.tagName)` is never closed; expected `end\(opener.tagName)`", opener.position)
        }
        if ends.contains(stop.tagName) || middles.contains(stop.tagName) { return (nodes, blank, stop) }
        throw strayTag(stop)
    }

    func strayTag(_ token: TemplateToken) -> LiquidError {
        let name = token.tagName
        guard let innermost = open.last else {
            if name.hasPrefix("end") { return error("`\(name)` closes nothing", token.position) }
            return error("`\(name)` outside of a block that accepts it", token.position)
        }
        let stillOpen = "still open: `\(innermost.name)` from line \(innermost.position.line + source.lineOffset)"
        if name.hasPrefix("end") {
            let target = String(name.dropFirst(3))
            if open.contains(where: { $0.name == target }) {
                return error("`\(name)` found but `\(innermost.name)` from line \(innermost.position.line + source.lineOffset) is still open; expected `end\(innermost.name)`", token.position)
            }
            return error("`\(name)` closes nothing; \(stillOpen)", token.position)
        }
        return error("`\(name)` is not allowed inside `\(innermost.name)`; \(stillOpen)", token.position)
    }

    private mutating func parseConditional(_ token: TemplateToken) throws(LiquidError) -> TagResult {
        var branches: [(condition: Condition?, negate: Bool, body: [Node])] = []
        var condition: Condition? = try parseCondition(token.content, at: token.markupPosition, tag: token.tagName)
        var negate = token.tagName == "unless"
        var allBlank = true
        let end = "end" + token.tagName
        while true {
            let (body, blank, stop) = try parseBlockBody(token, ends: [end], middles: ["elsif", "else"])
            allBlank = allBlank && blank
            branches.append((condition, negate, body))
            if stop.tagName == end { break }
            negate = false
            if stop.tagName == "else" {
                // Liquid accepts branches after an `else`; they can never run, since `else` always matches.
                condition = nil
            } else {
                condition = try parseCondition(stop.content, at: stop.markupPosition, tag: "elsif")
            }
        }
        if allBlank { branches = branches.map { ($0.condition, $0.negate, $0.body.withoutText) } }
        return .node(.conditional(branches), blank: allBlank)
    }

    private mutating func parseCase(_ token: TemplateToken) throws(LiquidError) -> TagResult {
        let subject = try parseCaseSubject(token.content, at: token.markupPosition)
        var clauses: [(values: [Expr]?, body: [Node])] = []
        var allBlank = true
        // Text before the first `when` is parsed but never rendered, as in Liquid.
        var (_, _, stop) = try parseBlockBody(token, ends: ["endcase"], middles: ["when", "else"])
        while stop.tagName != "endcase" {
            let values: [Expr]?
            if stop.tagName == "when" {
                values = try parseWhenValues(stop.content, at: stop.markupPosition)
            } else {
                guard stop.content.allSatisfy({ $0.isRubyWhitespace }) else {
                    throw error("`else` in `case` takes no arguments", stop.markupPosition)
                }
                values = nil
            }
            let (body, blank, next) = try parseBlockBody(token, ends: ["endcase"], middles: ["when", "else"])
            allBlank = allBlank && blank
            clauses.append((values, body))
            stop = next
        }
        if allBlank { clauses = clauses.map { ($0.values, $0.body.withoutText) } }
        return .node(.caseOf(subject, clauses, token.position), blank: allBlank)
    }

    private func parseCondition(_ markup: String, at: SourcePosition, tag: String) throws(LiquidError) -> Condition {
        try strictOrLax(lax: { laxCondition(markup, at: at) }) { () throws(LiquidError) -> Condition in
            guard !markup.allSatisfy({ $0.isRubyWhitespace }) else { throw error("expected a condition after `\(tag)`", at) }
            return try withParser(markup, at: at) { p throws(ExprSyntaxError) in
                let c = try p.condition()
                try p.expectEnd()
                return c
            }
        }
    }

    /// `{{ }}`, `echo` and `assign`'s value: Liquid 5.4's `Variable`, which falls back to the lax parser.
    private func parseFiltered(_ markup: String, at: SourcePosition) throws(LiquidError) -> FilteredExpr {
        let expr = try strictOrLax(lax: { laxFiltered(markup, at: at) }) { () throws(LiquidError) -> FilteredExpr in
            try withParser(markup, at: at) { p throws(ExprSyntaxError) in try p.filteredExpression() }
        }
        if let knownFilters {
            for f in expr.filters where !knownFilters.contains(f.name) {
                throw error("unknown filter `\(f.name)`", f.position).about(.filter(f.name))
            }
        }
        return expr
    }

    func withParser<T>(_ markup: String, at: SourcePosition,
                               _ body: (inout ExpressionParser) throws(ExprSyntaxError) -> T) throws(LiquidError) -> T {
        let locate = source.locator(markup: markup, start: at)
        do {
            var p = try ExpressionParser(markup: markup, locate: locate)
            return try body(&p)
        } catch {
            throw self.error(error.message, locate(error.offset))
        }
    }
}

/// Why an include name is refused, or nil: Jekyll's character rules plus no escape from the includes folder.
/// `allowingSpaces` admits spaces, which Liquid's quoted names may hold and Jekyll's names may not.
func includeNameProblem(_ name: String, allowingSpaces: Bool = false) -> String? {
    if name.hasPrefix("/") { return "include name `\(name)` is an absolute path; names are relative to the includes folder" }
    if name.contains("..") || name.contains("//") || name.contains("./") || name.contains("/.") {
        return "include name `\(name)` contains `..` or another path sequence that is not allowed; it must stay inside the includes folder"
    }
    let allowed = name.unicodeScalars.allSatisfy {
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_/.-()+~#@".unicodeScalars.contains($0) || (allowingSpaces && $0 == " ")
    }
    if !allowed || name.isEmpty { return "include name `\(name)` contains characters that are not allowed (letters, digits and _/.-()+~#@ only)" }
    return nil
}

extension Character {
    /// Ruby's `strip` set: space, \t, \n, \v, \f, \r and NUL.
    var isRubyWhitespace: Bool { self == " " || self == "\t" || self == "\n" || self == "\u{0B}" || self == "\u{0C}" || self == "\r" || self == "\0" || self == "\r\n" }
}

extension String {
    func trimmingRubyWhitespaceSuffix() -> String {
        var s = Substring(self)
        while let last = s.last, last.isRubyWhitespace { s.removeLast() }
        return String(s)
    }
}

extension [Node] {
    /// The body with its text removed, which is what Liquid renders for a blank block.
    var withoutText: [Node] { filter { if case .text = $0 { return false } else { return true } } }
}
