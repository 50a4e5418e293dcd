import Diagnostics
import Highlight
import Liquid
import Markdown

/// Markdown's code written by the highlighter, in Rouge's markup as Jekyll writes it.
struct HighlightedCode: CodeRendering {
    let highlighter: Highlighter
    /// False when kramdown would write code uncoloured (`highlighter: pygments`, see
    /// `SiteConfiguration.kramdownColoursCode`): `<pre><code class="language-X">` and `<code>`.
    var colours = true

    /// Fences or the highlight tag: the body will want Pygments.
    static func mayHaveCode(_ body: String) -> Bool {
        TextSearch.contains(body, "```") || TextSearch.contains(body, "~~~") || TextSearch.contains(body, "{% highlight")
    }

    func codeBlockHTML(code: String, language: String) -> String {
        guard colours else {
            let attribute = language.isEmpty ? "" : " class=\"language-\(HTMLEscaping.escape(language))\""
            return "<pre><code\(attribute)>\(HTMLEscaping.escapeText(code))</code></pre>\n"
        }
        return highlighter.codeBlockHTML(code: code, language: language)
    }

    func inlineCodeHTML(code: String) -> String {
        colours ? Highlighter.inlineCodeHTML(code) : "<code>\(HTMLEscaping.escapeText(code))</code>"
    }

    /// `{% highlight %}`'s HTML behind an embed marker: the marker is one HTML comment,
    /// so Markdown can neither end the block at a blank line inside the code nor wrap
    /// its lines in `<p>`.
    func liquidHighlighter(embeds: EmbeddedHTML) -> @Sendable (HighlightBlock) -> String {
        let highlighter = highlighter
        return { block in
            embeds.marker(for: highlighter.highlightTagHTML(code: block.code, language: block.language, lineNumbers: block.lineNumbers))
        }
    }
}
