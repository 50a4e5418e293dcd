import Foundation

/// Parses templates (each path once, cached) and renders them; safe to use from many threads at once.
public final class LiquidEngine: Sendable {
    public let configuration: LiquidConfiguration
    private let cache = TemplateCache()
    private let resolved = ResolvedIncludes()
    /// Expressions custom tags evaluated, parsed once (see `TagContext.evaluate`).
    let expressions = ParsedExpressions()
    /// `relative_url`'s results (see `Renderer.relativeURL`).
    let relativeURLs = RelativeURLs()

    public init(configuration: LiquidConfiguration = LiquidConfiguration()) {
        self.configuration = configuration
    }

    /// Every tag this engine parses, Liquid's and Jekyll's and `configuration.customTags`:
    /// what a "did you mean" for an unknown tag chooses from.
    public var knownTagNames: Set<String> {
        Parser.builtinTagNames.union(configuration.customTags.keys).union(configuration.includeCache == nil ? [] : ["include_cached"])
    }

    /// Every filter Strata's Liquid applies (Liquid 5.4's and Jekyll 4.3's).
    public static var filterNames: Set<String> { FilterTable.names }

    /// How many times any template or include has been parsed by this engine (to check the cache works).
    public var parseCount: Int { cache.parseCount }

    /// Parses `source`. `lineOffset` is added to reported lines (for text after front matter).
    public func parse(source: String, path: String, lineOffset: Int = 0) throws(LiquidError) -> Template {
        cache.countParse()
        let text = TemplateSource(path: path, text: source, lineOffset: lineOffset)
        let fail: (String, SourcePosition) -> LiquidError = { text.error($0, at: $1) }
        let tokens = try Tokenizer(source: source, fail: fail).tokenize()
        var tagNames = Set(configuration.customTags.keys)
        if configuration.includeCache != nil { tagNames.insert(Parser.cachedIncludesMarker) }
        var parser = Parser(source: text, tokens: tokens, customTags: tagNames,
                            knownFilters: configuration.strictFilters ? FilterTable.names.union(configuration.customFilters.keys) : nil)
        parser.errorMode = configuration.errorMode
        parser.laxParses = configuration.laxParses
        return Template(source: text, nodes: try parser.parseDocument())
    }

    /// The template for `path`, parsed on first use and cached for the engine's lifetime (until `invalidate`).
    /// `load` supplies the text and line offset when it is not cached; by default the file is read from disk.
    public func template(forPath path: String, load: (() throws(LiquidError) -> (source: String, lineOffset: Int))? = nil) throws(LiquidError) -> Template {
        try cache.template(for: path) { () throws(LiquidError) -> Template in
            let loaded: (source: String, lineOffset: Int)
            if let load {
                loaded = try load()
            } else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw LiquidError(file: path, line: 1, column: 1, message: "could not read template file")
                }
                loaded = (String(decoding: data, as: UTF8.self), 0)
            }
            return try parse(source: loaded.source, path: path, lineOffset: loaded.lineOffset)
        }
    }

    /// Drops the cached parse of `path` (a template or include) so the next use re-reads it.
    /// Internal: only tests use it (the preview makes a new engine instead).
    func invalidate(path: String) {
        cache.remove(path)
        resolved.removeAll()
    }

    /// Drops every cached parse.
    func invalidateAll() {
        cache.removeAll()
        resolved.removeAll()
    }

    /// Renders `template` with `variables` as the top-level names.
    public func render(_ template: Template, variables: [String: Value]) throws(LiquidError) -> Rendered {
        try render(template, variables: ValueObject(variables.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    /// Renders with an ordered object of top-level names (as produced by `Value(json:)`).
    public func render(_ template: Template, variables: ValueObject) throws(LiquidError) -> Rendered {
        let renderer = Renderer(engine: self, variables: variables)
        var output = ""
        try renderer.renderTemplate(template, into: &output)
        return Rendered(output: output, includedPaths: renderer.includedPaths)
    }

    /// Parses and renders `source` with a JSON object as top-level variables. Internal: only
    /// tests use it.
    func render(source: String, path: String, json: String) throws(LiquidError) -> Rendered {
        let data = try Value(json: json)
        guard case .object(let variables) = data else {
            throw LiquidError(file: "<json>", line: 1, column: 1, message: "expected a JSON object of variables")
        }
        return try render(parse(source: source, path: path), variables: variables)
    }

    /// An include's parsed template, cached by the loader's path.
    func include(name: String, includer: String, relative: Bool) throws(IncludeLoadError) -> (Template?, String, LiquidError?) {
        guard let loader = relative ? configuration.relativeIncludeLoader : configuration.includeLoader else {
            throw IncludeLoadError(relative ? "`include_relative` is not available here (no relative include loader configured)"
                                            : "`include` is not available here (no include loader configured)")
        }
        let path = try resolved.path(name: name, includer: includer, relative: relative) { () throws(IncludeLoadError) -> String in
            try loader.resolve(name: name, includer: includer)
        }
        do {
            let template = try cache.template(for: path) { () throws(LiquidError) -> Template in
                let text: String
                switch Result(catching: { () throws(IncludeLoadError) -> String in try loader.read(path: path) }) {
                case .success(let t): text = t
                case .failure(let e): throw LiquidError(file: path, line: 1, column: 1, message: e.message)
                }
                return try parse(source: text, path: path)
            }
            return (template, path, nil)
        } catch let e {
            return (nil, path, e)
        }
    }
}

/// Custom tags' expressions by their text and the tag's position (which the parse
/// records for error locations): parsed once per engine. Failed parses are not kept.
final class ParsedExpressions: @unchecked Sendable {
    private struct Key: Hashable {
        var expression: String
        var position: SourcePosition
    }

    private let lock = NSLock()
    private var parsed: [Key: FilteredExpr] = [:]

    func parsed(_ expression: String, at position: SourcePosition) -> FilteredExpr? {
        lock.withLock { parsed[Key(expression: expression, position: position)] }
    }

    func keep(_ expression: FilteredExpr, for text: String, at position: SourcePosition) {
        lock.withLock { parsed[Key(expression: text, position: position)] = expression }
    }
}

/// Where each include name led, from each includer: resolving checks the file on disk
/// (symlinks, existence), several system calls per `{% include %}`, and a build calls
/// the same few includes from every page. Kept for the engine's lifetime, like the
/// parsed templates (the files are read once per engine either way); failures are not kept.
private final class ResolvedIncludes: @unchecked Sendable {
    private struct Key: Hashable {
        var name: String
        var includer: String
        var relative: Bool
    }

    private let lock = NSLock()
    private var paths: [Key: String] = [:]

    func path(name: String, includer: String, relative: Bool, resolve: () throws(IncludeLoadError) -> String) throws(IncludeLoadError) -> String {
        let key = Key(name: name, includer: includer, relative: relative)
        if let known = lock.withLock({ paths[key] }) { return known }
        let path = try resolve()
        lock.withLock { paths[key] = path }
        return path
    }

    func removeAll() { lock.withLock { paths.removeAll() } }
}

/// Path → parsed template, guarded by a lock; a parse happens under the lock so no path is parsed twice.
private final class TemplateCache: @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var templates: [String: Template] = [:]
    private var parses = 0

    var parseCount: Int { lock.withLock { parses } }
    func countParse() { lock.withLock { parses += 1 } }
    func remove(_ path: String) { lock.withLock { _ = templates.removeValue(forKey: path) } }
    func removeAll() { lock.withLock { templates.removeAll() } }

    func template(for path: String, make: () throws(LiquidError) -> Template) throws(LiquidError) -> Template {
        lock.lock()
        defer { lock.unlock() }
        if let cached = templates[path] { return cached }
        let template = try make()
        templates[path] = template
        return template
    }
}
