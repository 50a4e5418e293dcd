/// Writes code as HTML in place of cmark-gfm's `<pre><code>`: Site plugs its highlighter
/// in here, so Markdown stays free of highlighting and its processes.
public protocol CodeRendering: Sendable {
    /// HTML for a fenced or indented code block. `language` is the first word of the
    /// info string (empty for none); `code` ends with its last newline.
    func codeBlockHTML(code: String, language: String) -> String
    /// HTML for inline code (`` `x` ``), whose text cmark-gfm has already unwrapped.
    func inlineCodeHTML(code: String) -> String
}
