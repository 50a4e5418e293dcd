import Foundation

/// Per-render state: scopes, counters, the include stack. One per `render` call, never shared between threads.
final class Renderer {
    let engine: LiquidEngine
    var config: LiquidConfiguration { engine.configuration }
    /// The top-level variables; `increment`/`decrement` counters live here too, as in Liquid.
    var environment: ValueObject
    /// Innermost last; `assign` and `capture` write to the first (outermost) scope.
    var scopes: [[String: Value]] = [[:]]
    var cycles: [Value: Int] = [:]
    var forOffsets: [String: Int] = [:]
    var forloops: [Value] = []
    /// Pending `break`/`continue`s, as Liquid's interrupt stack: a `for` loop takes one off, while `tablerow` takes
    /// none, so one raised in a `tablerow` cell stops each enclosing block in turn (Liquid 5.4 leaks them so).
    var interrupts: [Interrupt] = []
    /// The templates being rendered, outermost first, with where each include was called.
    var stack: [(source: TemplateSource, calledAt: SourcePosition?)] = []
    var includedPaths: Set<String> = []
    var lastIfChanged: String?
    /// Loop iterations run so far in this render, against `limits.loopIterations`.
    var iterations = 0

    enum Interrupt { case breakLoop, continueLoop }

    init(engine: LiquidEngine, variables: ValueObject) {
        self.engine = engine
        environment = variables
    }

    var current: TemplateSource { stack[stack.count - 1].source }

    func error(_ message: String, at position: SourcePosition) -> LiquidError {
        current.error(message, at: position)
    }

    func renderTemplate(_ template: Template, into out: inout String) throws(LiquidError) {
        stack.append((template.source, nil))
        defer { stack.removeLast() }
        try render(template.nodes, into: &out)
    }

    func render(_ nodes: [Node], into out: inout String) throws(LiquidError) {
        for node in nodes {
            // Liquid checks for an interrupt after each tag or output, never after text.
            if case .text(let t) = node { out += t; continue }
            try render(node, into: &out)
            if !interrupts.isEmpty { return }
        }
    }

    private func render(_ node: Node, into out: inout String) throws(LiquidError) {
        switch node {
        case .text(let t): out += t
        case .output(let expr):
            out += try evaluate(expr).liquidString
            try checkLength(out, at: expr.position)
        case .assign(let name, let expr):
            scopes[0][name] = try evaluate(expr)
        case .capture(let name, let body):
            var captured = ""
            try render(body, into: &captured)
            scopes[0][name] = .string(captured)
        case .ifChanged(let body):
            var text = ""
            try render(body, into: &text)
            if text != lastIfChanged {
                lastIfChanged = text
                out += text
            }
        case .conditional(let branches):
            for branch in branches {
                guard let condition = branch.condition else { try render(branch.body, into: &out); return }
                if try evaluate(condition) != branch.negate {
                    try render(branch.body, into: &out)
                    return
                }
            }
        case .caseOf(let subject, let clauses, _):
            let value = try evaluate(subject)
            var matched = false
            for clause in clauses {
                guard let values = clause.values else {
                    if !matched { try render(clause.body, into: &out) }
                    continue
                }
                var hit = false
                for v in values where try equal(v, value) { hit = true; break }
                if hit {
                    matched = true
                    try render(clause.body, into: &out)
                }
            }
        case .forLoop(let loop): try renderFor(loop, into: &out)
        case .tablerow(let row): try renderTablerow(row, into: &out)
        case .cycle(let group, let values, _):
            let key = try group.map { e throws(LiquidError) in try evaluate(e) } ?? .null
            let iteration = cycles[key] ?? 0
            out += try evaluate(values[iteration % values.count]).liquidString
            cycles[key] = iteration + 1 >= values.count ? 0 : iteration + 1
        case .increment(let name, let by):
            let value: Int
            if case .int(let i)? = environment[name] { value = i } else { value = 0 }
            if by > 0 {
                out += String(value)
                environment[name] = .int(value + 1)
            } else {
                out += String(value - 1)
                environment[name] = .int(value - 1)
            }
        case .include(let call):
            try renderInclude(call, into: &out)
            try checkLength(out, at: call.position)
        case .breakLoop: interrupts.append(.breakLoop)
        case .continueLoop: interrupts.append(.continueLoop)
        case .custom(let name, let markup, let position):
            guard let tag = config.customTags[name] else { throw error("unknown tag `\(name)`", position).about(.tag(name)) }
            let invocation = CustomTagInvocation(name: name, markup: markup.trimmingCharacters(in: .whitespacesAndNewlines), file: current.path,
                                                 line: position.line + current.lineOffset, column: position.column)
            out += try tag.handler(invocation, TagContext(renderer: self, position: position))
        case .highlight(let language, let lineNumbers, let body):
            var code = ""
            try render(body, into: &code)
            let block = HighlightBlock(language: language, code: trimBlankEnds(code), lineNumbers: lineNumbers)
            out += config.highlighter?(block) ?? highlightHTML(block)
        case .link(let markup, let position, let isPostURL):
            var target = ""
            try render(markup, into: &target)
            let resolver = isPostURL ? config.postURLResolver : config.linkResolver
            let tag = isPostURL ? "post_url" : "link"
            guard let resolver else { throw error("`\(tag)` is not available here (no resolver configured)", position) }
            guard let url = resolver(target) else {
                throw error(isPostURL ? "could not find post `\(target)` for `post_url`" : "could not find document `\(target)` for `link`", position)
            }
            out += relativeURL(url)
        }
    }

    private func error(_ message: String, _ position: SourcePosition) -> LiquidError { error(message, at: position) }

    // MARK: variables

    /// Looks a top-level name up: scopes innermost first, then the environment.
    func find(_ name: String) -> Value? {
        for scope in scopes.reversed() {
            if let v = scope[name] { return v }
        }
        return environment[name]
    }

    func setLocal(_ name: String, _ value: Value) {
        scopes[scopes.count - 1][name] = value
    }

    func withScope<T>(_ body: () throws(LiquidError) -> T) throws(LiquidError) -> T {
        scopes.append([:])
        defer { scopes.removeLast() }
        return try body()
    }

    // MARK: loops

    private func renderFor(_ loop: ForLoop, into out: inout String) throws(LiquidError) {
        let from: Int
        if loop.offsetContinue {
            from = forOffsets[loop.name] ?? 0
        } else if let offset = loop.offset {
            let v = try evaluate(offset)
            from = v.isNull ? 0 : try toInteger(v, loop.position)
        } else {
            from = 0
        }
        let collection = try evaluate(loop.collection)
        let limitValue = try loop.limit.map { e throws(LiquidError) in try evaluate(e) } ?? .null
        let to: Int? = limitValue.isNull ? nil : saturatingAdd(try toInteger(limitValue, loop.position), from)
        var items = LoopItems(collection, from: from, to: to)
        items.reversed = loop.reversed
        forOffsets[loop.name] = saturatingAdd(from, items.count)
        if items.count == 0 {
            if let elseBody = loop.elseBody { try render(elseBody, into: &out) }
            return
        }
        try checkLoopSize(items.count, at: loop.position)
        let parent = forloops.last ?? .null
        try withScope { () throws(LiquidError) in
            let n = items.count
            for i in 0..<n {
                try spendIteration(at: loop.position)
                let forloop: Value = .object(ValueObject([
                    ("name", .string(loop.name)), ("length", .int(n)), ("index", .int(i + 1)), ("index0", .int(i)),
                    ("rindex", .int(n - i)), ("rindex0", .int(n - i - 1)), ("first", .bool(i == 0)), ("last", .bool(i == n - 1)),
                    ("parentloop", parent),
                ]))
                forloops.append(forloop)
                setLocal("forloop", forloop)
                setLocal(loop.variable, items[i])
                defer { forloops.removeLast() }
                try render(loop.body, into: &out)
                try checkLength(out, at: loop.position)
                if let interrupt = interrupts.popLast() {
                    if interrupt == .breakLoop { break }
                }
            }
        }
    }

    private func renderTablerow(_ row: TableRow, into out: inout String) throws(LiquidError) {
        let collection = try evaluate(row.collection)
        if collection.isNull { return }
        func intAttribute(_ name: String) throws(LiquidError) -> Int? {
            guard let e = row.attributes[name] else { return nil }
            let value = try evaluate(e)
            // Liquid calls `to_i`, which booleans, arrays, hashes and ranges do not have.
            switch value {
            case .bool, .array, .object, .range:
                throw error("`tablerow` \(name) must be a number, not \(value.rubyClassName)", at: row.position)
            default: return rubyToI(value)
            }
        }
        let from = try intAttribute("offset") ?? 0
        let to = try intAttribute("limit").map { saturatingAdd($0, from) }
        let items = LoopItems(collection, from: from, to: to)
        try checkLoopSize(items.count, at: row.position)
        let cols = try intAttribute("cols") ?? 0
        out += "<tr class=\"row1\">\n"
        try withScope { () throws(LiquidError) in
            var col = 1, row1 = 1
            let n = items.count
            for i in 0..<n {
                try spendIteration(at: row.position)
                setLocal("tablerowloop", .object(ValueObject([
                    ("length", .int(n)), ("index", .int(i + 1)), ("index0", .int(i)), ("rindex", .int(n - i)), ("rindex0", .int(n - i - 1)),
                    ("first", .bool(i == 0)), ("last", .bool(i == n - 1)), ("col", .int(col)), ("col0", .int(col - 1)), ("row", .int(row1)),
                    ("col_first", .bool(col == 1)), ("col_last", .bool(col == cols)),
                ])))
                setLocal(row.variable, items[i])
                out += "<td class=\"col\(col)\">"
                try render(row.body, into: &out)
                try checkLength(out, at: row.position)
                out += "</td>"
                if col == cols, i != n - 1 { out += "</tr>\n<tr class=\"row\(row1 + 1)\">" }
                if col == cols { col = 1; row1 += 1 } else { col += 1 }
            }
        }
        out += "</tr>\n"
    }

    // MARK: resource limits

    /// A loop that would run past the whole render's iteration budget fails before its first iteration,
    /// so `(1..100000000)` costs nothing; smaller loops are counted as they run (a `break` spends less).
    private func checkLoopSize(_ count: Int, at position: SourcePosition) throws(LiquidError) {
        let limit = config.limits.loopIterations
        guard count > limit - min(iterations, limit) else { return }
        throw error("this loop would run \(count) times, past the limit of \(limit) loop iterations in one render (liquid: loop_iteration_limit)", at: position)
    }

    private func spendIteration(at position: SourcePosition) throws(LiquidError) {
        iterations += 1
        guard iterations <= config.limits.loopIterations else {
            throw error("loops ran more than \(config.limits.loopIterations) iterations in one render (liquid: loop_iteration_limit)", at: position)
        }
    }

    /// Stops a render whose output (or a `capture`) has grown past `limits.renderLength` bytes.
    func checkLength(_ text: String, at position: SourcePosition) throws(LiquidError) {
        let limit = config.limits.renderLength
        guard text.utf8.count > limit else { return }
        throw error("the rendered output passed \(limit) bytes (liquid: render_length_limit)", at: position)
    }

    // MARK: includes

    private func renderInclude(_ call: IncludeCall, into out: inout String) throws(LiquidError) {
        let name: String
        switch call.name {
        case .literal(let n): name = n
        case .dynamic(let nodes):
            var rendered = ""
            try render(nodes, into: &rendered)
            name = rendered.trimmingCharacters(in: .whitespacesAndNewlines)
            if let problem = includeNameProblem(name) { throw error(problem, call.position) }
        }
        let template: Template
        let path: String
        do {
            let (loaded, loadedPath, parseError) = try engine.include(name: name, includer: current.path, relative: call.relative)
            path = loadedPath
            if stack.count > config.maxIncludeDepth {
                // Recursion through parameters is legal in Jekyll, so a repeat is only a cycle once the depth limit is hit.
                let chain = stack.map { $0.source.path }
                if let first = chain.firstIndex(of: path) {
                    let loop = (chain[first...].prefix(8) + [path]).joined(separator: " → ")
                    throw IncludeLoadError("include cycle: \(loop) (nesting passed \(config.maxIncludeDepth))")
                }
                throw IncludeLoadError("includes nested more than \(config.maxIncludeDepth) deep")
            }
            includedPaths.insert(path)
            if let parseError { throw parseError.noted("included from \(current.path):\(call.position.line + current.lineOffset):\(call.position.column)") }
            guard let loaded else { throw IncludeLoadError("could not load `\(name)`") }
            template = loaded
        } catch let e as IncludeLoadError {
            throw error(e.message, call.position)
        } catch let e as LiquidError {
            throw e
        } catch {
            throw self.error("could not load `\(name)`", call.position)
        }
        if let liquid = call.liquid {
            try renderLiquidInclude(liquid, name: name, template: template, call: call, into: &out)
            return
        }
        var params: ValueObject? = nil
        if !call.parameters.isEmpty {
            var p = ValueObject()
            for (key, expr) in call.parameters { p[key] = try evaluate(expr) }
            params = p
        }
        let cacheKey = call.cached ? config.includeCache.map { ($0, IncludeCache.key(path: path, parameters: params)) } : nil
        if let (cache, key) = cacheKey, let hit = cache.entry(for: key) {
            out += hit.output
            includedPaths.formUnion(hit.includedPaths)
            return
        }
        guard let (cache, key) = cacheKey else {
            try renderIncludeBody(template, parameters: params, call: call, into: &out)
            return
        }
        // The entry keeps the files its render read, so that a hit reports them too.
        let pathsBefore = includedPaths
        includedPaths = [path]
        var rendered = ""
        defer { includedPaths.formUnion(pathsBefore) }
        try renderIncludeBody(template, parameters: params, call: call, into: &rendered)
        cache.store(IncludeCache.Entry(output: rendered, includedPaths: includedPaths), for: key)
        out += rendered
    }

    private func renderIncludeBody(_ template: Template, parameters: ValueObject?, call: IncludeCall, into out: inout String) throws(LiquidError) {
        let note = "included from \(current.path):\(call.position.line + current.lineOffset):\(call.position.column)"
        do {
            try withScope { () throws(LiquidError) in
                if let parameters { setLocal("include", .object(parameters)) }
                stack.append((template.source, call.position))
                defer { stack.removeLast() }
                try render(template.nodes, into: &out)
            }
        } catch {
            throw error.noted(note)
        }
    }
}

extension Renderer {
    /// Liquid 5.4's `include`: a new scope holding the attributes and the `with`/`for` value (by default the
    /// variable named like the file), bound to the alias or the file name; an array renders the partial per item.
    fileprivate func renderLiquidInclude(_ liquid: LiquidInclude, name: String, template: Template, call: IncludeCall, into out: inout String) throws(LiquidError) {
        let variable = try liquid.variable.map { e throws(LiquidError) in try evaluate(e) } ?? find(name) ?? .null
        let binding = liquid.alias ?? String(name.split(separator: "/").last ?? Substring(name))
        let note = "included from \(current.path):\(call.position.line + current.lineOffset):\(call.position.column)"
        do {
            try withScope { () throws(LiquidError) in
                for (key, expr) in liquid.attributes { setLocal(key, try evaluate(expr)) }
                stack.append((template.source, call.position))
                defer { stack.removeLast() }
                if case .array(let items) = variable {
                    for item in items {
                        setLocal(binding, item)
                        try render(template.nodes, into: &out)
                    }
                } else {
                    setLocal(binding, variable)
                    try render(template.nodes, into: &out)
                }
            }
        } catch {
            throw error.noted(note)
        }
    }
}

extension LiquidError {
    func noted(_ note: String) -> LiquidError {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}

/// What a custom tag can see: variables, expression evaluation and a way to make located errors.
public struct TagContext {
    let renderer: Renderer
    let position: SourcePosition

    /// The value of a variable path such as `page.title`, or nil when undefined.
    public func variable(_ path: String) -> Value? {
        (try? evaluate(path)).flatMap { $0.isNull ? nil : $0 }
    }

    /// Evaluates a Liquid expression with filters, e.g. `page.diagram | default: "stack"`.
    public func evaluate(_ expression: String) throws(LiquidError) -> Value {
        // A parse depends only on the text and where the tag stands; a tag such as `{% seo %}`
        // asks dozens of the same expressions on every page of a build.
        if let parsed = renderer.engine.expressions.parsed(expression, at: position) {
            return try renderer.evaluate(parsed)
        }
        let locate = renderer.current.locator(markup: expression, start: position)
        let parsed: FilteredExpr
        do {
            var p = try ExpressionParser(markup: expression, locate: locate)
            parsed = try p.filteredExpression()
        } catch {
            throw renderer.error(error.message, at: locate(error.offset))
        }
        renderer.engine.expressions.keep(parsed, for: expression, at: position)
        return try renderer.evaluate(parsed)
    }

    /// Evaluates `expression` with `locals` bound in a scope of their own, as `{% for %}`
    /// binds its variable: a tag written in Swift can then run Liquid's filters on each item.
    public func evaluate(_ expression: String, with locals: [(String, Value)]) throws(LiquidError) -> Value {
        try renderer.withScope { () throws(LiquidError) -> Value in
            for (name, value) in locals { renderer.setLocal(name, value) }
            return try evaluate(expression)
        }
    }

    /// `evaluate(_:with:)` as `{{ }}` would write the value (`liquidString`).
    public func text(_ expression: String, with locals: [(String, Value)] = []) throws(LiquidError) -> String {
        try evaluate(expression, with: locals).liquidString
    }

    /// Whether a condition holds, as `{% if condition %}` decides it (`and`, `or`,
    /// `contains`, `== empty`…), with `locals` bound as in `evaluate(_:with:)`.
    public func holds(_ condition: String, with locals: [(String, Value)] = []) throws(LiquidError) -> Bool {
        let locate = renderer.current.locator(markup: condition, start: position)
        let parsed: Condition
        do {
            var p = try ExpressionParser(markup: condition, locate: locate)
            parsed = try p.condition()
            try p.expectEnd()
        } catch {
            throw renderer.error(error.message, at: locate(error.offset))
        }
        return try renderer.withScope { () throws(LiquidError) -> Bool in
            for (name, value) in locals { renderer.setLocal(name, value) }
            return try renderer.evaluate(parsed)
        }
    }

    /// A `for` loop's `limit:` or `offset:` as the loop reads it: an integer, or a string of
    /// one; anything else is `invalid integer`, located at the tag.
    public func loopBound(_ value: Value) throws(LiquidError) -> Int {
        try renderer.toInteger(value, position)
    }

    /// An error located at the tag.
    public func error(_ message: String) -> LiquidError { renderer.error(message, at: position) }

    /// The engine's time zone and other settings.
    public var configuration: LiquidConfiguration { renderer.config }
}
