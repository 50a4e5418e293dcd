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
        // A quote right after code is decided by what follows it alone, as kramdown does.
        XCTAssertTrue(html.contains("<code>to_liquid</code>‘d, the <code>site</code>’s own, <code>a</code>’80s"), html)
        XCTAssertTrue(html.contains("It’s a ‘test’ – with — dashes… “quoted” and «guillemets»."), html)
        XCTAssertTrue(html.contains("<blockquote>\n<blockquote>"), "nested quote markers are not guillemets: \(html)")
        XCTAssertTrue(html.contains("&lt;&lt;stays&gt;&gt; &quot;straight&quot;"), "code keeps its text: \(html)")
    }

    /// kramdown links no bare address and disarms no tag (checked with Jekyll 4.3.1 in
    /// the `kramdown-raw-html` page of compare-code-with-jekyll.py); GFM mode keeps GitHub's
    /// `autolink` and `tagfilter`.
    func testBareAddressesAndFilteredTagsFollowTheEngine() throws {
        let text = "See https://example.com and www.example.com.\n\n<iframe src=\"v\"></iframe>\n"
        XCTAssertEqual(try kramdown.render(text).html,
                       "<p>See https://example.com and www.example.com.</p>\n<iframe src=\"v\"></iframe>\n")
        let gfm = try MarkdownRenderer(options: MarkdownOptions()).render(text).html
        XCTAssertTrue(gfm.contains("<a href=\"https://example.com\">https://example.com</a>"), gfm)
        XCTAssertTrue(gfm.contains("&lt;iframe src=\"v\">"), gfm)
    }

    /// Raw-content elements keep their text as typed; other elements and Markdown code spans
    /// are as before, and a typographic character typed in the document is left as typed.
    func testNoTypographyInsideRawContentElements() throws {
        let html = try kramdown.render("Run <code>a --b \"c\" d's...</code>, <kbd>x---y</kbd> and <span>e -- f</span>; after -- it.\n").html
        XCTAssertEqual(html, "<p>Run <code>a --b \"c\" d's...</code>, <kbd>x---y</kbd> and <span>e – f</span>; after – it.</p>\n")
        let typed = try kramdown.render("Typed <code>a – b ... c</code>.\n").html
        XCTAssertEqual(typed, "<p>Typed <code>a – b ... c</code>.</p>\n")
        let unclosed = try kramdown.render("<kbd>a--b</kbd>\n\nnext -- para <code>x</code> y -- z\n").html
        XCTAssertTrue(unclosed.hasSuffix("<p>next – para <code>x</code> y – z</p>\n"), unclosed)
    }

    /// A list of the other kind right after an item, indented less than the item's text, is
    /// nested in the item as kramdown 2.4 nests it (minima's demo post); a list of the same
    /// kind, one after a blank line and one after a nested list are left as they were.
    func testAListOfTheOtherKindNestsInTheItemBeforeIt() throws {
        let html = try golden("lists")
        XCTAssertTrue(html.contains("<li>Fifth item, nested!\n<ul>\n<li>So la ti do</li>"), html)
        XCTAssertTrue(html.contains("<li>First\n<ul>\n<li>a bullet at the margin</li>"), html)
        XCTAssertTrue(html.contains("<li>A bullet\n<ol>\n<li>a number at the margin</li>"), html)
        XCTAssertTrue(html.contains("<li>Same kind</li>\n<li>stays a sibling</li>"), html)
        XCTAssertTrue(html.contains("<li>Blank line first</li>\n</ol>\n<ul>\n<li>a list of its own</li>"), html)
        XCTAssertTrue(html.contains("<pre><code>- not a list\n</code></pre>"), html)
        XCTAssertFalse(html.contains("<ol start=\"5\">"), "kramdown numbers a list from 1: \(html)")
        XCTAssertTrue(html.contains("<ol start=\"3\">\n<li>Numbered from three by an attribute list"), html)
    }

    /// kramdown parses raw HTML and writes it with its own serialiser; the golden is
    /// kramdown 2.4's output (blank lines and indentation between tags aside), and the same
    /// page is compared whole with Jekyll (`kramdown-html-attributes`).
    func testRawHTMLIsWrittenAsKramdownWritesIt() throws {
        let html = try golden("html-attributes")
        XCTAssertTrue(html.contains(#"<div data-x="" class="note" id="main" title="Q &amp; a" x="say &quot;hi&quot;" y="a &lt; b &gt; c &amp; d" z="&copy; &#169; &#xA9; &amp;c">"#), html)
        XCTAssertTrue(html.contains("Text with a &lt; b &amp; c &gt; d, &amp; and &nbsp; kept, \"quotes\" and 'apostrophes' as typed."), html)
        XCTAssertTrue(html.contains(#"<details open="">"#), html)
        XCTAssertTrue(html.contains(#"<div class="up" data-y="1">Upper-case tags</div>"#), html)
        XCTAssertTrue(html.contains(#"<div class="">An empty id is dropped.</div>"#), html)
        XCTAssertTrue(html.contains(#"<div a="2" b="">A repeated"#), html)
        XCTAssertTrue(html.contains(#"<img src="a.png" alt="An image" />"#) && html.contains("<br />\n  <hr />"), html)
        XCTAssertTrue(html.contains(#"<input type="checkbox" checked="" disabled="" />"#), html)
        XCTAssertTrue(html.contains(#"<i class="fa fa-x" />"#) && html.contains(#"<path D="M0" />"#), html)
        XCTAssertTrue(html.contains(#"<My-Widget Foo="1" BAR="">Custom elements keep their case.</My-Widget>"#), html)
        XCTAssertTrue(html.contains("<pre class=\"shell\"><code>$ a &lt; b &amp;&amp; c\n<b title=\"x\">bold</b></code></pre>"), html)
        XCTAssertTrue(html.contains(#"<script src="x.js" async="">if (a < b && c > 'd') {}</script>"#), html)
        XCTAssertTrue(html.contains(#"<style media="print">a[title='x'] > b { color: red }</style>"#), html)
        XCTAssertTrue(html.contains("<!-- a comment <b x='1'> stays as typed -->"), html)
        XCTAssertTrue(html.contains(#"<span data-y="" class="s">a span</span>, <br /> a break, <img src="x.png" />, <i class="fa"></i> and <a href="https://x.org/?a=1&amp;b=2" title="it&#39;s">"#), html)
        XCTAssertTrue(html.contains(#"<div class="a b">"#), "an attribute list joins the typed class: \(html)")
        XCTAssertTrue(html.contains(#"<div class="md" data-q="">"#) && html.contains(#"<p class="inner">Nested <em>Markdown</em>.</p>"#), html)
        XCTAssertTrue(html.contains(#"<p data-z="">Raw.</p>"#), html)
    }

    /// A tag kramdown's pattern cannot read kramdown writes as text (`&lt;a href=/x&gt;`),
    /// breaking the page; Strata keeps it as typed (docs/markdown.md). Written twice, raw
    /// HTML comes out the same (rendered excerpts go through `markdownify` again).
    func testRawHTMLRewritingKeepsUnreadableTagsAndIsStable() throws {
        let html = try kramdown.render("<p><a href=/path>typed</a> and <img src=a.png></p>\n\nText <a href=/x>y</a>.\n").html
        XCTAssertEqual(html, "<p><a href=/path>typed</a> and <img src=a.png></p>\n<p>Text <a href=/x>y</a>.</p>\n")
        // `markdown="1"` goes even from a tag kept as typed.
        let unreadable = try kramdown.render("<div markdown=\"1\" data-n=1.5>\n*x*\n</div>\n").html
        XCTAssertEqual(unreadable, "<div data-n=1.5>\n<p><em>x</em></p>\n</div>\n")
        let once = try golden("html-attributes")
        XCTAssertEqual(KramdownRawHTML.rewrite(once, in: .block), once)
        for tag in [#"<a href="x" title="&amp;">"#, "</a>", "<br />", "<i></i>", "<!-- <b x='1'> -->"] {
            XCTAssertEqual(KramdownRawHTML.rewrite(tag, in: .span), tag)
        }
    }

    /// jekyll-toc's include writes `- {:.} [Heading](#id)` when no item class is given;
    /// kramdown 2.4 reads `{:.}` as an attribute list with no class and drops it.
    func testAnEmptyClassListIsDropped() throws {
        XCTAssertEqual(try kramdown.render("- {:.} [A](#a)\n- {:.x} [B](#b)\n\n{:.}\npara\n").html,
                       "<ul>\n<li><a href=\"#a\">A</a></li>\n<li class=\"x\"><a href=\"#b\">B</a></li>\n</ul>\n<p>para</p>\n")
    }

    func testHeadingIDs() throws {
        let html = try golden("heading-ids")
        XCTAssertTrue(html.contains("<h2 id=\"why-smart-quotes--and-dashes\">"), html)
        XCTAssertTrue(html.contains("<h2 id=\"custom-id\">Heading</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"heading\">Heading</h2>\n<h2 id=\"heading-1\">"), html)
        // kramdown reads only `{#id}` on the heading's line; anything else there is text.
        XCTAssertTrue(html.contains("<h3 id=\"sub-code-heading--sub\">Sub <code>code</code> heading {: .sub}</h3>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"a-x-cls\">A {#x .cls}</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"b-1bad\">B {#1bad}</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"ok-1:z\">C</h2>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"dnospace\">D{#nospace}</h2>"), html)
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

    /// Checked against kramdown 2.4 (Jekyll 4.3's options): in running text a block
    /// element's tag, and a closing tag that closes nothing, are text (`parse_span_html`);
    /// span elements stay HTML (no-style-please's `## Thematic breaks (<hr>)`).
    func testBlockTagsInRunningTextAreText() throws {
        let html = try golden("span-block-tags")
        XCTAssertTrue(html.contains("<h2 id=\"thematic-breaks-hr\">Thematic breaks (&lt;hr&gt;)</h2>"), html)
        XCTAssertTrue(html.contains("A rule &lt;hr&gt; in running text, a &lt;div class=\"note\"&gt;box&lt;/div&gt; and a &lt;p&gt;paragraph&lt;/p&gt; tag."), html)
        XCTAssertTrue(html.contains("<span class=\"x\">kept</span>, <em>kept</em>, <br"), html)
        XCTAssertTrue(html.contains("A stray closing tag&lt;/div&gt; is text, a matched one is not: <b>bold</b>."), html)
        XCTAssertTrue(html.contains("<td>&lt;ul&gt;&lt;li&gt;a&lt;/li&gt;&lt;/ul&gt;</td>"), html)
        XCTAssertTrue(html.contains("Nested <span>a <abbr title=\"b\">b</abbr> c</span> and <span>upper</span>."), "kramdown lower-cases the tags it knows: \(html)")
    }

    /// Checked against kramdown 2.4: a heading element is a block as a `<div>` is, so poole's
    /// archive (`<h2>` then an indented `<ul>` with whitespace-only lines) keeps its list
    /// items as HTML instead of code (the elements indented, with no tag at a line's very
    /// start anywhere), and a `<h3>` line ends the paragraph before it.
    func testHeadingElementsAreBlocks() throws {
        let html = try golden("html-heading-lines")
        XCTAssertFalse(html.contains("<pre>"), html)
        XCTAssertTrue(html.contains("      <li><a href=\"/2020/04/04/introduction/\">Introduction</a></li>"), html)
        let paragraph = try golden("html-heading-paragraph")
        XCTAssertTrue(paragraph.contains("<p>A paragraph line</p>\n<h3>ends at a heading</h3>"), paragraph)
        XCTAssertTrue(paragraph.contains("<p>and <em>Markdown</em> after it.</p>"), paragraph)
    }

    func testHTMLBlocksAreTakenWhole() throws {
        let html = try golden("html-blocks")
        XCTAssertTrue(html.contains("<ul>\n  <li>a</li>\n\n    <li>b</li>\n</ul>"), "blank lines stay inside the HTML, no code block: \(html)")
        XCTAssertFalse(html.contains("<pre>"), html)
        XCTAssertTrue(html.contains("<div>\n<p><em>inside</em> and <strong>strong</strong></p>\n</div>"), html)
    }

    /// Checked against kramdown 2.4 (Jekyll 4.3's, GFM input): a block element right after a
    /// paragraph line still takes its blank lines, and a span element alone on its line opens
    /// a paragraph whose Markdown is parsed (CommonMark keeps both raw to the blank line).
    func testHTMLLinesReadAsKramdownReadsThem() throws {
        let html = try golden("html-lines")
        XCTAssertTrue(html.contains("<p><strong>Result</strong></p>\n<div class=\"result\">"), html)
        XCTAssertTrue(html.contains("\n\n    <h3>Group 2</h3>\n"), "the indented lines stay HTML, no code block: \(html)")
        XCTAssertFalse(html.contains("<pre>"), html)
        XCTAssertTrue(html.contains("<p><em>"), html)
        XCTAssertTrue(html.contains("doesn’t apply to <a href=\"https://jekyllrb.com/docs/posts/\">posts</a>, <em>really</em>."), html)
        XCTAssertTrue(html.contains("<p><span class=\"hint\">"), html)
        XCTAssertTrue(html.contains("Markdown <code>inside</code> a span, <strong>too</strong>."), html)
        XCTAssertFalse(html.contains("strata:kramdown"), "no placeholder is left: \(html)")
        // `markdown="1"` on elements inside a raw HTML block: their content is parsed, the
        // attribute dropped; a sibling without it stays as written.
        XCTAssertTrue(html.contains("<h5>Absolute permalinks will be <em>required</em></h5>"), html)
        XCTAssertTrue(html.contains("use <code>jekyll serve</code> in the site’s"), html)
        XCTAssertTrue(html.contains("<p>Left *as written*.</p>"), html)
        XCTAssertFalse(html.contains("markdown=\"1\""), html)
    }

    /// Inside an HTML block that cmark-gfm keeps raw (no blank line in it), a nested
    /// `<p markdown="1">` is not taken as a block of its own: its indented text would become
    /// code (Jekyll's docs, upgrading/0-to-2). kramdown writes the text as text (the nested
    /// `markdown="1"` itself is in the `html-lines` golden).
    func testNestedElementsOfARawHTMLBlockStayInIt() throws {
        let source = "Text.\n\n<div class=\"note\">\n  <h5>Title</h5>\n  <p markdown=\"1\">\n    Starting with v3.0, they are gone.\n  </p>\n</div>\n\nAfter.\n"
        let html = try kramdown.render(source).html
        XCTAssertFalse(html.contains("<pre>") || html.contains("<code>"), html)
        XCTAssertTrue(html.contains("<p>\n    Starting with v3.0, they are gone.\n  </p>"), html)
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

    func testAttributeListDefinitions() throws {
        let html = try golden("attribute-list-definitions")
        XCTAssertTrue(html.contains("<p class=\"notice--info\" title=\"A note\">Para with a definition.</p>"), html)
        XCTAssertTrue(html.contains("<p class=\"notice--info wide own\" title=\"A note\" id=\"wide-para\">"), "references first, then the list's own: \(html)")
        XCTAssertTrue(html.contains("<em class=\"notice--info\" title=\"A note\">text</em>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.com\" class=\"notice--info\" title=\"A note\" target=\"_blank\">"), html)
        XCTAssertTrue(html.contains("<p class=\"x\">A cycle stops.</p>"), html)
        XCTAssertFalse(html.contains("{:"), html)
    }

    func testExtensions() throws {
        let html = try golden("extensions")
        XCTAssertTrue(html.contains("Some <!-- hidden --> text, <b>raw *x*</b> and ."), "span comment, raw nomarkdown, latex-only dropped: \(html)")
        XCTAssertTrue(html.contains("<!-- a block comment -->\n"), html)
        XCTAssertTrue(html.contains("<div class=\"raw\">*not Markdown*</div>\n"), html)
        XCTAssertTrue(html.contains("<p>{::unknown}\nstays as text\n{:/unknown}</p>"), "an unknown extension stays text: \(html)")
        XCTAssertTrue(html.contains("<p>A paragraph\n<!-- \nwith a comment over lines\n -->\nthat goes on.</p>"), html)
    }

    func testOptionsExtension() throws {
        let html = try golden("options")
        XCTAssertTrue(html.contains("<p>„Double“ and ‚single‘ – it‘s… «x» and typed “curly” ‘ones’ stay."), "quotes from smart_quotes, typed ones kept: \(html)")
        XCTAssertTrue(html.contains("<h2 id=\"p-quoted-heading\">„Quoted“ heading</h2>"), "auto_id_prefix: \(html)")
        XCTAssertFalse(html.contains("markdown-toc-p-not-listed"), "toc_levels 2..3: \(html)")
        XCTAssertFalse(html.contains("markdown-toc-p-fourth"), html)
        XCTAssertTrue(html.contains("markdown-toc-p-its-third"), html)
        let off = try kramdown.render("{::options auto_ids=\"false\" /}\n\n## A\n").html
        XCTAssertEqual(off, "<h2>A</h2>\n")
    }

    func testSmartQuotesSetting() throws {
        let straight = try XCTUnwrap(SmartQuotes(option: "apos, apos, quot, quot"))
        let renderer = MarkdownRenderer(options: MarkdownOptions(kramdown: KramdownOptions(smartQuotes: straight)))
        XCTAssertEqual(try renderer.render("\"Double\" and 'single' -- it's...\n").html, "<p>\"Double\" and 'single' – it's…</p>\n",
                       "straight quotes, typography kept, quotes unescaped as kramdown writes them")
        XCTAssertEqual(SmartQuotes(option: "sbquo,lsquo,bdquo,ldquo")?.characters, ["‚", "‘", "„", "“"])
        XCTAssertEqual(SmartQuotes(option: "8222,8220,171,187")?.characters, ["„", "“", "«", "»"])
        XCTAssertNil(SmartQuotes(option: "foo,bar,baz,qux"))
        XCTAssertNil(SmartQuotes(option: "lsquo,rsquo"))
    }

    func testDefinitionLists() throws {
        let html = try golden("definition-lists")
        XCTAssertTrue(html.contains("<dl class=\"deflist\">\n  <dt>Apple</dt>\n  <dd>Pomaceous fruit of plants of the genus Malus in\nthe family Rosaceae.</dd>\n  <dd>A company.</dd>"), html)
        XCTAssertTrue(html.contains("  <dt>Orange</dt>\n  <dt>Mandarin</dt>\n  <dd>Citrus fruits.</dd>"), "one list across blank lines: \(html)")
        XCTAssertTrue(html.contains("<dd>\n<p>First definition, a paragraph"), html)
        XCTAssertTrue(html.contains("<dt>Term <strong>bold</strong> <code class=\"language-plaintext highlighter-rouge\">code</code></dt>")
                      || html.contains("<dt>Term <strong>bold</strong> <code>code</code></dt>"), html)
        XCTAssertTrue(html.contains("<dl class=\"deflist\">"), "the list after the last definition: \(html)")
        XCTAssertEqual(html.components(separatedBy: "<dl").count, 2, "one list: \(html)")
        XCTAssertTrue(html.contains("<p>After the list.</p>"), html)
    }

    func testAbbreviations() throws {
        let html = try golden("abbreviations")
        let api = "<abbr title=\"Application Programming Interface\">API</abbr>"
        XCTAssertTrue(html.contains("Use the <abbr title=\"Cascading Style Sheets\">CSS</abbr> \(api). CSSAPI is no abbreviation, (\(api)) is, \(api)-first is, <em>\(api)</em> is"), html)
        XCTAssertTrue(html.contains("<abbr title=\"A &quot;quoted&quot; &amp; thing\">AT&T</abbr> and <abbr>W3C</abbr>"), html)
        XCTAssertTrue(html.contains("<code>API</code> in code"), html)
        XCTAssertTrue(html.contains("<td>\(api)</td>"), html)
        XCTAssertTrue(html.contains("<table class=\"table table-striped\">"), "the list under a table is not a row: \(html)")
        XCTAssertFalse(html.contains("*["), html)
    }

    func testHabitsOfJekyllPosts() throws {
        let html = try golden("jekyll-habits")
        XCTAssertTrue(html.contains("<p class=\"notice--warning\">"), "dashes in an attribute list stay dashes: \(html)")
        XCTAssertTrue(html.contains("<summary class=\"text-delta\">Just the Docs' contents</summary>"), html)
        XCTAssertTrue(html.contains("<div class=\"x\">An element closed on its line.</div>\n<p>Markdown <em>again</em>.</p>"), html)
        XCTAssertTrue(html.contains("<div class=\"box outer\">"), html)
        XCTAssertTrue(html.contains("<p class=\"x y\">raw p</p>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.com\" target=\"_blank\" rel=\"noopener\">the docs</a>"), html)
        XCTAssertEqual(html.components(separatedBy: "id=\"markdown-toc\"").count, 2, "only the first {:toc} is a table of contents: \(html)")
        XCTAssertTrue(html.contains("<h3 data-toc-skip=\"\" class=\"mt-4\" id=\"chirpy-just-the-docs-minimal-mistakes-beautiful-jekyll\">"), "kramdown's attribute order: \(html)")
        XCTAssertTrue(html.contains("<li class=\"first\">item one</li>"), html)
        XCTAssertTrue(html.contains("<blockquote class=\"prompt-tip\">"), html)
        XCTAssertTrue(html.contains("<p class=\"notice--success\"><strong>Success:</strong> done.</p>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.com\" target=\"_blank\">link</a>"), html)
        XCTAssertFalse(html.contains("{:"), html)
    }

    func testTableAttributeList() throws {
        let html = try kramdown.render("| a | b |\n|---|---|\n| 1 | 2 |\n{: .table .table-striped}\n").html
        XCTAssertTrue(html.hasPrefix("<table class=\"table table-striped\">"), html)
        XCTAssertFalse(html.contains("{:"), html)
    }

    func testTableOfContentsInsideDetails() throws {
        let html = try kramdown.render("<details markdown=\"1\">\n<summary>x</summary>\n\n1. toc\n{:toc}\n\n</details>\n\n## A\n").html
        XCTAssertEqual(html, "<details>\n<summary>x</summary>\n<ol id=\"markdown-toc\">\n  <li><a href=\"#a\" id=\"markdown-toc-a\">A</a></li>\n</ol>\n</details>\n<h2 id=\"a\">A</h2>\n")
    }

    func testHostileNestingStopsRenderingApart() throws {
        let source = String(repeating: "<div markdown=\"1\">\n", count: 40) + "*x*\n" + String(repeating: "</div>\n", count: 40)
        let html = try kramdown.render(source).html
        XCTAssertEqual(html.components(separatedBy: "<div>\n").count - 1, KramdownSource.maxDepth, "one level rendered apart per depth: \(html)")
        XCTAssertTrue(html.contains("<div markdown=\"1\">\n*x*"), "deeper, the HTML stays as written: \(html)")
        let unclosed = try kramdown.render(String(repeating: "{::comment ", count: 2000) + "\n").html
        XCTAssertTrue(unclosed.hasPrefix("<p>{::comment {::comment"), "unclosed tags stay text")
    }
}
