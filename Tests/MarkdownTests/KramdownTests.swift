import Foundation
import XCTest
@testable import Markdown

/// kramdown on cmark-gfm: one golden HTML file per feature (Fixtures/kramdown/NAME.md →
/// NAME.html, re-recorded with STRATA_RECORD=1), checked against real Jekyll by
/// scripts/compare-code-with-jekyll.py; the assertions name what each golden protects.
final class KramdownTests: XCTestCase {
    private let kramdown = MarkdownRenderer(options: MarkdownOptions(kramdown: KramdownOptions()))
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kramdown")

    private func golden(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let source = try String(contentsOf: Self.folder.appendingPathComponent(name + ".md"), encoding: .utf8)
        let html = try kramdown.render(source).html
        let goldenURL = Self.folder.appendingPathComponent(name + ".html")
        if ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" {
            try html.write(to: goldenURL, atomically: true, encoding: .utf8)
        } else {
            let expected = try String(contentsOf: goldenURL, encoding: .utf8)
            XCTAssertEqual(html, expected, "\(name).html differs (re-record with STRATA_RECORD=1 and review the diff)", file: file, line: line)
        }
        return html
    }

    func testTypography() throws {
        let html = try golden("typography")
        XCTAssertTrue(html.contains("It’s a ‘test’ – with — dashes… “quoted” and «guillemets»."), html)
        XCTAssertTrue(html.contains("<blockquote>\n<blockquote>"), "nested quote markers are not guillemets: \(html)")
        XCTAssertTrue(html.contains("&lt;&lt;stays&gt;&gt; &quot;straight&quot;"), "code keeps its text: \(html)")
    }

    func testHeadingIDs() throws {
        let html = try golden("heading-ids")
        XCTAssertTrue(html.contains("<h2 id=\"why-smart-quotes--and-dashes\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"custom-id\">Heading</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"heading\">Heading</h2>\n<h2 id=\"heading-1\">"), html)
        XCTAssertTrue(html.contains("<h3 class=\"sub\" id=\"sub-code-heading\">Sub <code>code</code> heading</h3>"), html)
    }

    func testBlockAttributeLists() throws {
        let html = try golden("block-attribute-lists")
        XCTAssertTrue(html.contains("<p class=\"message\" id=\"para\" key=\"v\">A paragraph with a class.</p>"), html)
        XCTAssertTrue(html.contains("<blockquote class=\"q\">"), html)
        XCTAssertTrue(html.contains("<ul class=\"list\">"), html)
        XCTAssertTrue(html.contains("<p class=\"next\">The list above"), html)
        XCTAssertTrue(html.contains("<div class=\"language-ruby highlighter-rouge code\">") || html.contains("<pre class=\"code\">"), html)
        XCTAssertFalse(html.contains("{:"), html)
    }

    func testSpanAttributeLists() throws {
        let html = try golden("span-attribute-lists")
        XCTAssertTrue(html.contains("<a href=\"http://x.com\" target=\"_blank\">link</a>"), html)
        XCTAssertTrue(html.contains("<img src=\"a.png\" alt=\"img\" class=\"cls\" />"), html)
        XCTAssertTrue(html.contains("<em class=\"e\">em</em>"), html)
        XCTAssertTrue(html.contains("<code class=\"c\">code</code>"), html)
        XCTAssertFalse(html.contains("{:"), html)
    }

    func testTableOfContents() throws {
        let html = try golden("table-of-contents")
        XCTAssertTrue(html.hasPrefix("<ul id=\"markdown-toc\">\n  <li><a href=\"#one\" id=\"markdown-toc-one\">One</a>    <ul>\n"), html)
        XCTAssertTrue(html.contains("<a href=\"#three\" id=\"markdown-toc-three\">Three</a>"), html)
        XCTAssertFalse(html.contains("markdown-toc-hidden"), "no_toc headings stay out: \(html)")
        XCTAssertTrue(html.contains("<h2 class=\"no_toc\" id=\"hidden\">Hidden</h2>"), html)
    }

    func testTableOfContentsLevels() throws {
        var options = KramdownOptions()
        options.tocLevels = [1, 2]
        let html = try MarkdownRenderer(options: MarkdownOptions(kramdown: options)).render("* x\n{:toc}\n\n# A\n\n### C\n").html
        XCTAssertTrue(html.contains("markdown-toc-a"), html)
        XCTAssertFalse(html.contains("markdown-toc-c"), html)
    }

    func testHTMLBlocksAreTakenWhole() throws {
        let html = try golden("html-blocks")
        XCTAssertTrue(html.contains("<ul>\n  <li>a</li>\n\n    <li>b</li>\n</ul>"), "blank lines stay inside the HTML, no code block: \(html)")
        XCTAssertFalse(html.contains("<pre>"), html)
        XCTAssertTrue(html.contains("<div>\n<p><em>inside</em> and <strong>strong</strong></p>\n</div>"), html)
    }

    func testMathKeepsItsBackslashes() throws {
        let html = try golden("math")
        XCTAssertTrue(html.hasPrefix("\\[a \\, b\\]\n"), html)
        XCTAssertTrue(html.contains("<p>Inline \\(x\\,y\\) math, and <code>$$code$$</code> untouched.</p>"), html)
        XCTAssertTrue(html.contains("\\[\\frac{1}{2} \\, x\\]"), html)
        XCTAssertTrue(html.contains("$$ in code $$"), html)
    }

    func testFootnotesInKramdownMarkup() throws {
        let html = try golden("footnotes")
        XCTAssertTrue(html.contains("<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup>"), html)
        XCTAssertTrue(html.contains("<div class=\"footnotes\" role=\"doc-endnotes\">"), html)
        XCTAssertTrue(html.contains("<li id=\"fn:note\" role=\"doc-endnote\">"), html)
        XCTAssertTrue(html.contains("Note.\u{00A0}<a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a>"), html)
    }

    func testKramdownInputMakesKramdownsOwnIDs() throws {
        var options = KramdownOptions()
        options.gfmInput = false
        let html = try MarkdownRenderer(options: MarkdownOptions(kramdown: options)).render("## 1. Getting started\n\n## !!!\n").html
        XCTAssertTrue(html.contains("<h2 id=\"getting-started\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"section\">"), html)
    }

    func testAutoIDsOffAndPrefix() throws {
        let off = try MarkdownRenderer(options: MarkdownOptions(kramdown: KramdownOptions(autoIDs: false))).render("## A\n\n## B {#b}\n").html
        XCTAssertEqual(off, "<h2>A</h2>\n<h2 id=\"b\">B</h2>\n")
        let prefixed = try MarkdownRenderer(options: MarkdownOptions(kramdown: KramdownOptions(autoIDPrefix: "p-"))).render("## A\n").html
        XCTAssertEqual(prefixed, "<h2 id=\"p-a\">A</h2>\n")
    }

    func testGFMModeLeavesKramdownSyntaxAlone() throws {
        let html = try MarkdownRenderer().render("It's -- \"x\"\n{: .c}\n\n$$a \\, b$$\n").html
        XCTAssertEqual(html, "<p>It's -- &quot;x&quot;\n{: .c}</p>\n<p>$$a , b$$</p>\n")
    }
}
