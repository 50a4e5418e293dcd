import Diagnostics

/// Turns code into Rouge's HTML, so Jekyll themes' stylesheets colour it as they colour
/// Jekyll's: Dockerfiles from Strata's own parser, other languages through Rouge itself
/// (`RougeLibrary`), plain text when neither knows the language.
public struct Highlighter: Sendable {
    /// The library for every language but Dockerfiles; nil writes them as plain text.
    public let library: RougeLibrary?

    /// Finished tokens by language and code: the same block on many pages, or a page
    /// rendered again in preview, is highlighted once.
    private let cache = TokenCache()

    public init(library: RougeLibrary?) {
        self.library = library
    }

    /// A highlighter whose Rouge workers are shared by every build in the process, so
    /// preview rebuilds do not pay Ruby's start-up again.
    public static let shared = Highlighter(library: RougeLibrary())

    /// The tokens of `code` as Rouge's HTML formatter gets them, or nil when Rouge knows no
    /// lexer by the name `language` (as written: Rouge's lookup is case-sensitive, as in
    /// Jekyll). `plaintext` and `text` give one plain token without asking Rouge (its plain
    /// lexer answers the same), and so does every language when Rouge cannot run (the
    /// page keeps Rouge's markup, without colours).
    public func tokens(code: String, language: String) -> [HighlightToken]? {
        if Language.isPlainText(language) { return [HighlightToken(code)] }
        if Language.isDockerfile(language) {
            let name = language.lowercased()
            if let known = cache.tokens(code: code, language: name) { return known }
            let tokens = DockerfileHighlighter(shell: shellTokens).tokens(code)
            cache.store(tokens, code: code, language: name)
            return tokens
        }
        switch library?.highlight(code: code, language: language) ?? .unavailable {
        case .highlighted(let tokens): return tokens
        case .unknownLanguage: return nil
        case .unavailable: return [HighlightToken(code)]
        }
    }

    /// Whether a block in `language` came out plain only because Rouge cannot run here:
    /// a language other than Dockerfile and plain text, and a library that failed to start.
    /// False without a library (plain text by choice, not for want of Rouge).
    public func missedRouge(language: String) -> Bool {
        let name = language.isEmpty ? "plaintext" : language
        guard !Language.isPlainText(name), !Language.isDockerfile(name) else { return false }
        return library?.hasFailedToStart ?? false
    }

    /// Shell code from Dockerfiles' RUN instructions: Rouge's shell lexer, or plain text.
    private var shellTokens: @Sendable (String) -> [HighlightToken] {
        let library = library
        return { code in
            if case .highlighted(let tokens)? = library?.highlight(code: code, language: "shell") { return tokens }
            return [HighlightToken(code)]
        }
    }

    /// A fenced or indented Markdown code block as kramdown with Rouge writes it:
    /// `<div class="language-X highlighter-rouge"><div class="highlight"><pre class="highlight"><code>…`.
    /// `language` is the info string's first word (empty: `plaintext`); a language no
    /// highlighter knows gives kramdown's plain `<pre><code class="language-X">`.
    /// With `lineNumbers` (kramdown's `syntax_highlighter_opts: {block: {line_numbers: true}}`),
    /// the code sits in Rouge 3's `HTMLTable`, as kramdown's `HTMLLegacy` formatter writes it:
    /// `<table class="rouge-table">` with a `rouge-gutter gl` cell of numbers, one per line
    /// (one more when the code does not end in a newline), and a `rouge-code` cell.
    public func codeBlockHTML(code: String, language: String, lineNumbers: Bool = false) -> String {
        let language = language.isEmpty ? "plaintext" : language
        let className = HTMLEscaping.escape(language)
        guard let tokens = tokens(code: code, language: language) else {
            return "<pre><code class=\"language-\(className)\">\(HTMLEscaping.escapeText(code))</code></pre>\n"
        }
        var body = tokens.html
        if lineNumbers {
            var lines = code.utf8.filter { $0 == UInt8(ascii: "\n") }.count
            if let last = code.utf8.last, last != UInt8(ascii: "\n") { lines += 1 }
            let numbers = lines == 0 ? "\n" : (1...lines).map(String.init).joined(separator: "\n") + "\n"
            body = "<table class=\"rouge-table\"><tbody><tr><td class=\"rouge-gutter gl\"><pre class=\"lineno\">" + numbers
                + "</pre></td><td class=\"rouge-code\"><pre>" + body + "</pre></td></tr></tbody></table>"
        }
        return "<div class=\"language-\(className) highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>"
            + body + "</code></pre></div></div>\n"
    }

    /// Inline code as Jekyll writes it: `<code class="language-plaintext highlighter-rouge">`.
    public static func inlineCodeHTML(_ code: String) -> String {
        "<code class=\"language-plaintext highlighter-rouge\">\(HTMLEscaping.escapeText(code))</code>"
    }

    /// Jekyll's `{% highlight lang %}`: `<figure class="highlight"><pre><code class="language-X" data-lang="X">`,
    /// with `linenos` Rouge's table (`rouge-table`, a `gutter gl` cell of numbers, a `code` cell).
    /// `code` is the block without its opening and closing newlines.
    public func highlightTagHTML(code: String, language: String, lineNumbers: Bool) -> String {
        // Jekyll's tag downcases the name before anything else (Rouge's lookup is case-sensitive).
        let language = language.lowercased()
        // Jekyll's tag swaps `+` for `-` in the class (`c++` → `language-c--`), not in data-lang.
        let className = HTMLEscaping.escape(language.replacingOccurrences(of: "+", with: "-"))
        let open = "<figure class=\"highlight\"><pre><code class=\"language-\(className)\" data-lang=\"\(HTMLEscaping.escape(language))\">"
        let tokens = tokens(code: code, language: language) ?? [HighlightToken(code)]
        guard lineNumbers else { return open + tokens.html + "</code></pre></figure>" }
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).count
        let numbers = (1...max(lines, 1)).map { "\($0)\n" }.joined()
        return open + "<table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">" + numbers
            + "</pre></td><td class=\"code\"><pre>" + tokens.html + "\n</pre></td></tr></tbody></table></code></pre></figure>"
    }
}
