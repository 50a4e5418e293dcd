import Foundation
import XCTest
@testable import Markdown

/// The shortcut for text that kramdown mode returns as written (`LiteralHTML`) against the
/// full render: the same HTML for every input, and the shortcut taken where it should be.
final class LiteralHTMLTests: XCTestCase {
    private let kramdown = MarkdownRenderer(options: MarkdownOptions(kramdown: KramdownOptions()))

    /// A rendered excerpt as the benchmark's posts have it, and other one-line elements.
    private let taken = [
        "<p>I used Docker and containers recently. I’d seen it “lying around” on the web.</p>\n<p>I’ve since dedicated time -- really... to it?</p>\n<p><img src=\"https://pbs.twimg.com/a_400x400.png\" alt=\"Docker logo\" class=\"align-center\" /></p>",
        "<p>One paragraph &amp; an entity, *not emphasis*, www.example.com and `no code`.</p>\n",
        "<p>a</p><p>b</p>",
        "<P>Upper case tags</P>",
        "<div class=\"note\"><div>nested <em>same</em> element</div></div>",
        "<ul><li>item</li></ul>\n<table><tr><td>cell</td></tr></table>",
        "<p>x</p>\n<div>y <a href=\"#top\">top</a></div>\n<blockquote>z</blockquote>",
        "<p>a <code>&lt;b&gt;</code> [link](/url) ![image](/i.png) | table | row |</p>",
        "<p>Tabs\tinside and trailing spaces   </p>",
        "<p>Emoji 😕 and combining e\u{301}</p>",
    ]

    /// Text the shortcut must leave to the full render.
    private let refused = [
        "<p>a</p>\n\n<p>b</p>",
        "<p>a</p>\n\n",
        "<p>$$x^2$$</p>",
        "<p>a << b >> c</p>",
        "<p>a</p>\n{: .class}",
        "<p>{::comment}x{:/comment}</p>",
        "<p>*[HTML]: Hyper</p>",
        "<div markdown=\"1\">*a*</div>",
        "<p><script>alert(1)</script></p>",
        "<p><TITLE>t</TITLE></p>",
        "<div>\n<p>a</p>\n</div>",
        "<p>a</p> trailing *emphasis*",
        "<p>a</p>\n    <p>indented</p>",
        "<p>a\r\n</p>",
        "<p>nul \u{0}</p>",
        "<pre>code\n  x</pre>",
        "<span>inline element</span>",
        "<p/>",
        "<bloc\u{212A}quote>Kelvin</blockquote>",
        "<p>a <p>b</p>",
        "<!--strata:kramdown:0:0-->",
        "<p>x</p>\n*emphasis*",
        "Plain *text*",
    ]

    func testShortcutEqualsTheFullRender() throws {
        for text in taken + refused {
            XCTAssertEqual(try kramdown.render(text).html, try kramdown.renderInFull(text).html, text)
        }
    }

    func testShortcutIsTakenOnlyForWholeElements() {
        for text in taken { XCTAssertNotNil(LiteralHTML.rendered(text, options: KramdownOptions()), text) }
        for text in refused { XCTAssertNil(LiteralHTML.rendered(text, options: KramdownOptions()), text) }
    }

    func testCustomSmartQuotesTakeTheFullRender() throws {
        var options = KramdownOptions()
        options.smartQuotes = try XCTUnwrap(SmartQuotes(option: "apos,apos,quot,quot"))
        XCTAssertNil(LiteralHTML.rendered(taken[0], options: options))
    }
}
