import XCTest
@testable import Highlight

/// Rouge's markup as Jekyll 4.3 writes it (checked against `jekyll build` on this machine).
final class MarkupTests: XCTestCase {
    private let plain = Highlighter(library: nil)

    func testFencedBlockWrapper() {
        XCTAssertEqual(
            plain.codeBlockHTML(code: "a <b> & \"c\"\n", language: ""),
            "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>a &lt;b&gt; &amp; \"c\"\n</code></pre></div></div>\n"
        )
    }

    func testUnknownLanguageIsKramdownsPlainBlock() {
        let library = Highlighter.shared
        XCTAssertEqual(library.codeBlockHTML(code: "a <b>\n", language: "nosuchlang"), "<pre><code class=\"language-nosuchlang\">a &lt;b&gt;\n</code></pre>\n")
        // Rouge's lookup is case-sensitive, so kramdown leaves `Ruby` plain where `ruby` is coloured.
        XCTAssertEqual(library.codeBlockHTML(code: "puts 1\n", language: "Ruby"), "<pre><code class=\"language-Ruby\">puts 1\n</code></pre>\n")
    }

    /// Jekyll's `highlight` tag downcases its language first, so `Ruby` is coloured there.
    func testHighlightTagDowncasesItsLanguage() {
        let html = Highlighter.shared.highlightTagHTML(code: "puts 1", language: "Ruby", lineNumbers: false)
        XCTAssertEqual(html, "<figure class=\"highlight\"><pre><code class=\"language-ruby\" data-lang=\"ruby\">"
            + "<span class=\"nb\">puts</span> <span class=\"mi\">1</span></code></pre></figure>")
    }

    func testWithoutRougeCodeKeepsRougeMarkupUncoloured() {
        let missing = Highlighter(library: RougeLibrary(ruby: "strata-no-such-ruby"))
        XCTAssertEqual(
            missing.codeBlockHTML(code: "x = 1\n", language: "python"),
            "<div class=\"language-python highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x = 1\n</code></pre></div></div>\n"
        )
    }

    /// kramdown's `syntax_highlighter_opts: {block: {line_numbers: true}}` (mediumish): exactly
    /// what kramdown 2.4 with Rouge 3.30 writes for the same two blocks.
    func testFencedBlockWithLineNumbersIsRougesTable() {
        XCTAssertEqual(Highlighter.shared.codeBlockHTML(code: "puts 1\nputs 2\n", language: "ruby", lineNumbers: true),
            "<div class=\"language-ruby highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code><table class=\"rouge-table\"><tbody><tr>"
            + "<td class=\"rouge-gutter gl\"><pre class=\"lineno\">1\n2\n</pre></td><td class=\"rouge-code\"><pre><span class=\"nb\">puts</span> <span class=\"mi\">1</span>\n"
            + "<span class=\"nb\">puts</span> <span class=\"mi\">2</span>\n</pre></td></tr></tbody></table></code></pre></div></div>\n")
        XCTAssertEqual(plain.codeBlockHTML(code: "plain\n", language: "", lineNumbers: true),
            "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code><table class=\"rouge-table\"><tbody><tr>"
            + "<td class=\"rouge-gutter gl\"><pre class=\"lineno\">1\n</pre></td><td class=\"rouge-code\"><pre>plain\n</pre></td></tr></tbody></table></code></pre></div></div>\n")
    }

    func testInlineCode() {
        XCTAssertEqual(Highlighter.inlineCodeHTML("a<b"), "<code class=\"language-plaintext highlighter-rouge\">a&lt;b</code>")
    }

    func testHighlightTagWithLineNumbersIsRougesTable() {
        let html = plain.highlightTagHTML(code: "a\n\nb", language: "c++", lineNumbers: true)
        XCTAssertEqual(html, "<figure class=\"highlight\"><pre><code class=\"language-c--\" data-lang=\"c++\"><table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">1\n2\n3\n</pre></td><td class=\"code\"><pre>a\n\nb\n</pre></td></tr></tbody></table></code></pre></figure>")
    }

    func testHighlightTagKeepsBlankLines() {
        let html = plain.highlightTagHTML(code: "x = 1\n\ny = 2", language: "text", lineNumbers: false)
        XCTAssertEqual(html, "<figure class=\"highlight\"><pre><code class=\"language-text\" data-lang=\"text\">x = 1\n\ny = 2</code></pre></figure>")
    }
}
