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
    }

    func testWithoutPygmentsCodeKeepsRougeMarkupUncoloured() {
        let missing = Highlighter(library: PygmentsLibrary(python: "strata-no-such-python"))
        XCTAssertEqual(
            missing.codeBlockHTML(code: "x = 1\n", language: "python"),
            "<div class=\"language-python highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>x = 1\n</code></pre></div></div>\n"
        )
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

/// Rouge marks shell options; Strata splits them out of Pygments' plain text.
final class ShellOptionTests: XCTestCase {
    func testOptionsAreMarkedAndOtherDashesAreNot() {
        let tokens = ShellOptions.mark([HighlightToken("pip install --no-cache-dir -r req.txt a-b -- x\n")])
        XCTAssertEqual(tokens.map(\.text).joined(), "pip install --no-cache-dir -r req.txt a-b -- x\n")
        XCTAssertEqual(tokens.filter { $0.className == "nt" }.map(\.text), ["--no-cache-dir", "-r"])
    }

    func testAnOptionAfterAnotherTokenInTheSameWordIsNotSplit() {
        let tokens = ShellOptions.mark([HighlightToken("$X", "nv"), HighlightToken("-y z")])
        XCTAssertFalse(tokens.contains { $0.className == "nt" }, "\(tokens)")
    }
}
