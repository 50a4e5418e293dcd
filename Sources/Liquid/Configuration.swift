import Foundation

/// Settings and hooks for a `LiquidEngine`; Jekyll's `liquid:` options plus the site-dependent pieces.
public struct LiquidConfiguration: Sendable {
    /// `liquid.strict_variables`: an undefined variable is a located error instead of empty output.
    public var strictVariables = false
    /// `liquid.strict_filters`: unknown filters are reported when parsing, even in branches never rendered.
    /// Without it they are an error when reached, unless `unknownFilters` is set.
    public var strictFilters = false
    /// Without `strictFilters`, an unknown filter passes its input on as Liquid 5.4 does and
    /// is noted here (see `UnknownFilterLog`); nil makes it an error when reached.
    public var unknownFilters: UnknownFilterLog?
    /// `liquid.error_mode`: what happens to markup Liquid's strict parser rejects in `{{ }}`, `if`/`elsif`/`unless`
    /// and `for` (see `LiquidErrorMode`). The engine's default is `.strict`; a site build uses Jekyll's `.warn`.
    public var errorMode = LiquidErrorMode.strict
    /// Under `.warn`, each markup read by the lax parser is noted here once per place (the strict parser's
    /// located error, with a note); nil records nothing.
    public var laxParses: UnknownFilterLog?
    /// The zone dates are shown in and date strings without an offset are read in (Jekyll's `timezone`).
    public var timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
    /// Resolves `{% include name %}`.
    public var includeLoader: (any IncludeLoader)?
    /// Resolves `{% include_relative name %}` against the including file.
    public var relativeIncludeLoader: (any IncludeLoader)?
    /// jekyll-include-cache: when set, `{% include_cached %}` is an include whose output is
    /// kept here per file and parameter values (see `IncludeCache`).
    public var includeCache: IncludeCache?
    /// Project-specific tags such as `{% layers "path" view="stack" %}`, by name.
    public var customTags: [String: CustomTag] = [:]
    /// Filters a plugin adds (jekyll-toc's `toc`), by name; Liquid's and Jekyll's own come first.
    public var customFilters: [String: CustomFilter] = [:]
    /// Jekyll's `markdownify` filter.
    public var markdownify: (@Sendable (String) -> String)?
    /// Jekyll's `sassify` (indented syntax, flag true) and `scssify` filters: the CSS, or why
    /// the Sass did not compile.
    public var sassify: (@Sendable (_ source: String, _ indented: Bool) -> Result<String, SassFilterFailure>)?
    /// Resolves `{% link path %}` to the page's URL (before `baseurl`); nil means "no such page".
    public var linkResolver: (@Sendable (String) -> String?)?
    /// Resolves `{% post_url 2024-01-02-name %}` to the post's URL (before `baseurl`); nil means "no such post".
    public var postURLResolver: (@Sendable (String) -> String?)?
    /// Render length, loop and include limits; see `ResourceLimits`.
    public var limits = ResourceLimits()
    /// Writes a `{% highlight %}` block's HTML (Jekyll's `<figure class="highlight">` markup);
    /// nil leaves the code escaped without colours.
    public var highlighter: (@Sendable (HighlightBlock) -> String)?
    /// The deepest include nesting allowed before rendering stops with an error.
    public var maxIncludeDepth: Int {
        get { limits.includeDepth }
        set { limits.includeDepth = newValue }
    }

    public init() {}

    /// Reads `liquid: { strict_variables:, strict_filters:, error_mode:, render_length_limit:, loop_iteration_limit:,
    /// include_depth_limit: }` and `timezone` from a `_config.yml` mapping. Limits that are not positive
    /// integers are ignored.
    public mutating func apply(siteConfig: Value) {
        guard case .object(let config) = siteConfig else { return }
        if case .object(let liquid)? = config["liquid"] {
            if case .bool(let b)? = liquid["strict_variables"] { strictVariables = b }
            if case .bool(let b)? = liquid["strict_filters"] { strictFilters = b }
            if case .string(let mode)? = liquid["error_mode"], let m = LiquidErrorMode(rawValue: mode) { errorMode = m }
            if case .int(let n)? = liquid["render_length_limit"], n > 0 { limits.renderLength = n }
            if case .int(let n)? = liquid["loop_iteration_limit"], n > 0 { limits.loopIterations = n }
            if case .int(let n)? = liquid["include_depth_limit"], n > 0 { limits.includeDepth = n }
        }
        if case .string(let tz)? = config["timezone"], let zone = TimeZone(identifier: tz) { timeZone = zone }
    }
}

/// Liquid 5.4's `error_mode` (Jekyll passes `liquid: error_mode:` from `_config.yml`): `{{ }}`, `if`, `elsif`,
/// `unless` and `for` markup is read by the strict parser first; when it fails, `.strict` reports the located
/// error, `.warn` (Jekyll 4.3's default) notes it and reads the markup again with Liquid's lax regular
/// expressions, `.lax` does the same silently. (5.4's `lax` mode skips the strict parser altogether; Strata
/// tries it first in every mode, so markup the strict parser accepts always means what it means under `warn`.)
public enum LiquidErrorMode: String, Sendable, CaseIterable {
    case strict, warn, lax
}

/// The code of one `{% highlight %}` block, after the Liquid inside it has been rendered.
public struct HighlightBlock: Sendable, Hashable {
    /// The language as written (`ruby`, `c++`, `docker`).
    public var language: String
    /// The code, without the newlines that open and close the block.
    public var code: String
    /// True when the tag asked for `linenos`.
    public var lineNumbers: Bool

    public init(language: String, code: String, lineNumbers: Bool) {
        self.language = language
        self.code = code
        self.lineNumbers = lineNumbers
    }
}

/// A custom tag: gets its raw markup, location and the render context; returns the text to insert.
public struct CustomTag: Sendable {
    public typealias Handler = @Sendable (CustomTagInvocation, TagContext) throws(LiquidError) -> String
    public var name: String
    public var handler: Handler

    public init(name: String, handler: @escaping Handler) {
        self.name = name
        self.handler = handler
    }
}

/// A custom filter: gets its input, its positional arguments and the render context (for
/// `page`), returns the filtered value; errors are located at the filter.
public struct CustomFilter: Sendable {
    public typealias Handler = @Sendable (_ input: Value, _ arguments: [Value], TagContext) throws(LiquidError) -> Value
    public var name: String
    /// How many positional arguments it takes.
    public var arity: ClosedRange<Int>
    public var handler: Handler

    public init(name: String, arity: ClosedRange<Int> = 0...0, handler: @escaping Handler) {
        self.name = name
        self.arity = arity
        self.handler = handler
    }
}

/// What a custom tag was written as and where.
public struct CustomTagInvocation: Sendable {
    public var name: String
    /// Everything after the tag name, with surrounding whitespace removed.
    public var markup: String
    public var file: String
    public var line: Int
    public var column: Int
}

/// The result of rendering: the text and the include files read while producing it.
public struct Rendered: Sendable, Equatable {
    public var output: String
    /// Paths (as the loaders name them) of every include read; dependencies for incremental rebuilds.
    public var includedPaths: Set<String>
}

/// Why `sassify`/`scssify` could not compile their input (libsass's message).
public struct SassFilterFailure: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
