import Diagnostics
import Foundation
import Highlight
import Liquid
import Markdown

/// Markdown's code written by the highlighter, in Rouge's markup as Jekyll writes it.
struct HighlightedCode: CodeRendering {
    let highlighter: Highlighter
    /// The blocks of this render left plain because Rouge cannot run, for the build's one warning.
    let missedRouge = BlockCount()
    /// False when kramdown would write code uncoloured (`highlighter: pygments`, see
    /// `SiteConfiguration.kramdownColoursCode`): `<pre><code class="language-X">` and `<code>`.
    var colours = true
    /// kramdown's `line_numbers` for blocks (`SiteConfiguration.kramdownBlockLineNumbers`).
    var lineNumbers = false

    /// Fences or the highlight tag: the body will want Rouge.
    static func mayHaveCode(_ body: String) -> Bool {
        TextSearch.contains(body, "```") || TextSearch.contains(body, "~~~") || TextSearch.contains(body, "{% highlight")
    }

    func codeBlockHTML(code: String, language: String) -> String {
        guard colours else {
            let attribute = language.isEmpty ? "" : " class=\"language-\(HTMLEscaping.escape(language))\""
            return "<pre><code\(attribute)>\(HTMLEscaping.escapeText(code))</code></pre>\n"
        }
        defer { if highlighter.missedRouge(language: language) { missedRouge.add() } }
        return highlighter.codeBlockHTML(code: code, language: language, lineNumbers: lineNumbers)
    }

    func inlineCodeHTML(code: String) -> String {
        colours ? Highlighter.inlineCodeHTML(code) : "<code>\(HTMLEscaping.escapeText(code))</code>"
    }

    /// `{% highlight %}`'s HTML behind an embed marker: the marker is one HTML comment,
    /// so Markdown can neither end the block at a blank line inside the code nor wrap
    /// its lines in `<p>`.
    func liquidHighlighter(embeds: EmbeddedHTML) -> @Sendable (HighlightBlock) -> String {
        let highlighter = highlighter
        let missed = missedRouge
        return { block in
            defer { if highlighter.missedRouge(language: block.language) { missed.add() } }
            return embeds.marker(for: highlighter.highlightTagHTML(code: block.code, language: block.language, lineNumbers: block.lineNumbers))
        }
    }

    /// The build's warning when code came out plain for want of Rouge: one per build, not
    /// one per block, saying why the code is grey and how to get colours.
    func missingRougeWarning() -> Diagnostic? {
        let count = missedRouge.value
        guard count > 0 else { return nil }
        let blocks = count == 1 ? "1 code block" : "\(count) code blocks"
        return Diagnostic(.warning, location: nil, message: "\(blocks) left without colours: Rouge, which highlights "
            + "every language but Dockerfile as Jekyll does, cannot run here (`ruby -e 'require \"rouge\"'` fails); install "
            + "Debian's `ruby-rouge` or run `gem install rouge`")
    }
}

/// A count shared by the renders of one build, whichever threads they run on.
final class BlockCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
