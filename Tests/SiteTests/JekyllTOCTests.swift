import Foundation
import Diagnostics
import Liquid
import StrataTestSupport
import XCTest
@testable import Site

/// jekyll-toc: the expected markup is what the Debian gem (0.18.0, on Nokogiri) gives for the
/// same HTML (`Jekyll::TableOfContents::Parser.new(html, options).build_toc`); the fixture
/// `toc` is also compared with real Jekyll in `make test`.
final class JekyllTOCTests: XCTestCase {
    private func site(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    private let headings = """
        <h1 id="intro">Intro &amp; "more"</h1>
        <p>x</p>
        <h2 id="intro">Again</h2>
        <h2>Ünïcode Heading! ok_yes</h2>
        <h2>Ünïcode Heading! ok_yes</h2>
        <div class="no_toc_section"><h3>Hidden</h3></div>
        <h3 class="no_toc">Skip</h3>
        <h4>Deep <em>em</em></h4>
        <h2></h2>
        <h2>Back<br/>x</h2>
        <h5>Five</h5><h1>One 'q'</h1>
        """

    func testTheListIsTheGemsMarkup() throws {
        let list = try XCTUnwrap(JekyllTOCPlugin.load(config(plugins: ["jekyll-toc"]))).list(headings)
        XCTAssertEqual(list, """
            <ul id="toc" class="section-nav">
            <li class="toc-entry toc-h1"><a href="#intro">Intro &amp; &quot;more&quot;</a>
            <ul>
            <li class="toc-entry toc-h2"><a href="#intro">Again</a></li>
            <li class="toc-entry toc-h2"><a href="#%C3%BCn%C3%AFcode-heading-ok_yes">Ünïcode Heading! ok_yes</a></li>
            <li class="toc-entry toc-h2"><a href="#%C3%BCn%C3%AFcode-heading-ok_yes-1">Ünïcode Heading! ok_yes</a>
            <ul>
            <li class="toc-entry toc-h4"><a href="#deep-em">Deep em</a></li>
            </ul>
            </li>
            <li class="toc-entry toc-h2"><a href="#"></a></li>
            <li class="toc-entry toc-h2"><a href="#backx">Backx</a>
            <ul>
            <li class="toc-entry toc-h5"><a href="#five">Five</a></li>
            </ul>
            </li>
            </ul>
            </li>
            <li class="toc-entry toc-h1"><a href="#one-q">One &#39;q&#39;</a></li>
            </ul>
            """)
    }

    func testAnchorsGoBeforeEachHeadingsContent() throws {
        let plugin = try XCTUnwrap(JekyllTOCPlugin.load(config(plugins: ["jekyll-toc"])))
        func anchor(_ id: String) -> String {
            "<a class=\"anchor\" href=\"#\(id)\" aria-hidden=\"true\"><span class=\"octicon octicon-link\"></span></a>"
        }
        // The gem's output but for Nokogiri's `<br>` for `<br/>`; the empty heading (where the
        // gem fails) is left without an anchor.
        XCTAssertEqual(plugin.injectAnchors(headings), """
            <h1 id="intro">
            \(anchor("intro"))Intro &amp; "more"</h1>
            <p>x</p>
            <h2 id="intro">
            \(anchor("intro"))Again</h2>
            <h2>
            \(anchor("%C3%BCn%C3%AFcode-heading-ok_yes"))Ünïcode Heading! ok_yes</h2>
            <h2>
            \(anchor("%C3%BCn%C3%AFcode-heading-ok_yes-1"))Ünïcode Heading! ok_yes</h2>
            <div class="no_toc_section"><h3>Hidden</h3></div>
            <h3 class="no_toc">Skip</h3>
            <h4>
            \(anchor("deep-em"))Deep <em>em</em>
            </h4>
            <h2></h2>
            <h2>
            \(anchor("backx"))Back<br/>x</h2>
            <h5>
            \(anchor("five"))Five</h5><h1>
            \(anchor("one-q"))One 'q'</h1>
            """)
        XCTAssertEqual(plugin.injectAnchors("<p>no headings</p>"), "<p>no headings</p>")
    }

    func testSettingsChangeLevelsListsAndClasses() throws {
        let settings = "toc: {ordered_list: true, sublist_class: sub, min_level: 2, max_level: 3, list_id: contents, list_class: 'a\"b', item_class: i, item_prefix: p-}"
        let plugin = try XCTUnwrap(JekyllTOCPlugin.load(config(plugins: ["jekyll-toc"], extra: settings)))
        XCTAssertEqual(plugin.list("<h3>a</h3><h2>b</h2><h4>c</h4><h3>d</h3><h1>e</h1>"), """
            <ol id="contents" class="a&quot;b">
            <li class="i p-h3"><a href="#a">a</a></li>
            <li class="i p-h2"><a href="#b">b</a>
            <ol class="sub">
            <li class="i p-h3"><a href="#d">d</a></li>
            </ol>
            </li>
            </ol>
            """)
        XCTAssertEqual(plugin.list("<p>none</p>"), "<ol id=\"contents\" class=\"a&quot;b\">\n</ol>")
        // A `toc:` that is not a mapping leaves the defaults, as the gem's TypeError rescue does.
        XCTAssertEqual(try XCTUnwrap(JekyllTOCPlugin.load(config(plugins: ["jekyll-toc"], extra: "toc: true"))).levels, 1..<7)
        XCTAssertNil(try JekyllTOCPlugin.load(try config(plugins: [])))
    }

    /// A `min_level` above `max_level` lists nothing, as Ruby's empty range does (Strata
    /// trapped on the Swift range it made; found in review).
    func testLevelsTheWrongWayRoundListNothing() throws {
        let plugin = try XCTUnwrap(JekyllTOCPlugin.load(config(plugins: ["jekyll-toc"], extra: "toc: {min_level: 4, max_level: 2}")))
        XCTAssertTrue(plugin.levels.isEmpty)
        XCTAssertEqual(plugin.list("<h2>a</h2><h3>b</h3><h4>c</h4>"), "<ul id=\"toc\" class=\"section-nav\">\n</ul>")
    }

    /// The gem makes a Ruby range of the two levels and stops the build on a word there
    /// ("bad value for range"); Strata stopped nowhere and listed from level 1 (newcomer).
    func testALevelThatIsNotANumberIsAnErrorAtItsLine() throws {
        let settings = "toc:\n  min_level: two\n  max_level: 3"
        XCTAssertThrowsError(try JekyllTOCPlugin.load(config(plugins: ["jekyll-toc"], extra: settings))) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.location?.line, 3, diagnostic?.rendered ?? "\(error)")
            XCTAssertEqual(diagnostic?.location?.column, 14, "at the value")
            XCTAssertTrue(diagnostic?.message.contains("`toc.min_level` must be a whole number") == true, diagnostic?.message ?? "")
        }
    }

    func testHeadingsInsideCommentsScriptsAndSectionsAreNotListed() {
        let html = """
            <!-- <h2>commented</h2> --><script>"<h2>"</script><div class="a skip"><section><h2>in</h2></section></div>
            <h2 class="x no_toc">classed</h2><h2 id='single'>single quotes</h2><H2 ID=bare>Upper</H2>
            """
        var plugin = JekyllTOCPlugin()
        plugin.noTOCSectionClasses = ["skip"]
        XCTAssertEqual(plugin.entries(in: html).map(\.id), ["single", "bare"])
        XCTAssertEqual(plugin.entries(in: html).map(\.text), ["single quotes", "Upper"])
    }

    func testGeneratedIDsAsTheGemMakesThem() {
        XCTAssertEqual(JekyllTOCPlugin.generatedID("Hello, World! 2"), "hello-world-2")
        XCTAssertEqual(JekyllTOCPlugin.generatedID("a – b"), "a--b")
        XCTAssertEqual(JekyllTOCPlugin.generatedID("Ça va?"), "%C3%A7a-va")
        // The gem's `generate_toc_id` under Debian's Ruby 3.1: a letter number stays, a zero-width joiner goes.
        XCTAssertEqual(JekyllTOCPlugin.generatedID("Chapter Ⅻ a\u{200D}b"), "chapter-%E2%85%BB-ab")
        XCTAssertEqual(JekyllTOCPlugin.generatedID("snake_case-and-dash"), "snake_case-and-dash")
    }

    func testFiltersNeedTocTrueAndTheTagAnyValue() throws {
        let layout = "[{{ content | toc_only }}][{% toc %}]\n{{ content | toc }}"
        let root = try site([
            "_config.yml": "plugins: [jekyll-toc]\n",
            "_layouts/default.html": layout,
            "_posts/2020-01-01-on.md": "---\nlayout: default\ntoc: true\n---\n## One\n",
            "_posts/2020-01-02-text.md": "---\nlayout: default\ntoc: \"yes\"\n---\n## Two\n",
            "_posts/2020-01-03-off.md": "---\nlayout: default\n---\n## Three\n",
        ])
        _ = try SiteFixture.build(root)
        let list = { (id: String, text: String) in "<ul id=\"toc\" class=\"section-nav\">\n<li class=\"toc-entry toc-h2\"><a href=\"#\(id)\">\(text)</a></li>\n</ul>" }
        let anchored = { (id: String, text: String) in
            "<h2 id=\"\(id)\">\n<a class=\"anchor\" href=\"#\(id)\" aria-hidden=\"true\"><span class=\"octicon octicon-link\"></span></a>\(text)</h2>\n"
        }
        XCTAssertEqual(try SiteFixture.read(root, "_site/2020/01/01/on.html"), "[\(list("one", "One"))][\(list("one", "One"))]\n\(list("one", "One"))\(anchored("one", "One"))")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2020/01/02/text.html"), "[][\(list("two", "Two"))]\n<h2 id=\"two\">Two</h2>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2020/01/03/off.html"), "[][]\n<h2 id=\"three\">Three</h2>\n")
    }

    func testWithoutThePluginTheFiltersPassAndTheTagNamesIt() throws {
        let root = try site([
            "_layouts/default.html": "{{ content | toc }}",
            "a.md": "---\nlayout: default\ntoc: true\n---\n## A\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.html"), "<h2 id=\"a\">A</h2>\n")
        try Data("---\n---\n{% toc %}\n".utf8).write(to: root.appendingPathComponent("b.md"))
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("b.md:3:1"), message)
        XCTAssertTrue(message.contains("add `- jekyll-toc` under `plugins:`"), message)
    }

    private func config(plugins: [String], extra: String = "") throws -> SiteConfiguration {
        let root = try site(["_config.yml": "plugins: [\(plugins.joined(separator: ", "))]\n\(extra)\n"])
        var config = try SiteConfiguration.load(layout: SiteFolders.detect(root: root), overrides: .init())
        config.pluginList = try PluginList.load(config)
        return config
    }
}
