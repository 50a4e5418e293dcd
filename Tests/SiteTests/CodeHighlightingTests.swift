import XCTest
@testable import Site

/// Code in posts as Jekyll writes it, highlighted (Highlight module), through a whole build.
final class CodeHighlightingTests: XCTestCase {
    private func post(_ body: String, config: String = "title: T\n") throws -> String {
        let root = try SiteFixture.site([
            "content/_config.yml": config,
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n" + body + "\n",
        ], test: self)
        _ = try SiteFixture.build(root)
        return try SiteFixture.read(root, "_site/2021/01/01/a.html")
    }

    /// The blank-line fault: a highlight block with blank lines stayed an HTML block only
    /// up to the first blank line, and Markdown wrapped the rest in <p> inside <pre>.
    func testHighlightTagKeepsBlankLinesAndNeverGainsParagraphs() throws {
        let html = try post("Intro.\n\n{% highlight python %}\nx = 1\n\n\n    y = 2\n{% endhighlight %}\n\nAfter.")
        let figure = try XCTUnwrap(html.range(of: "<figure class=\"highlight\">").map { String(html[$0.lowerBound...]) })
        let block = String(figure[..<(figure.range(of: "</figure>")?.upperBound ?? figure.endIndex)])
        XCTAssertFalse(block.contains("<p>"), block)
        XCTAssertTrue(block.contains("<span class=\"mi\">1</span>\n\n\n    <span class=\"n\">y</span>"), block)
        XCTAssertTrue(html.contains("<p>After.</p>"), html)
    }

    func testLineNumbersAreRougesTable() throws {
        let html = try post("{% highlight ruby linenos %}\nputs 1\n\nputs 2\n{% endhighlight %}")
        XCTAssertTrue(html.contains("<table class=\"rouge-table\"><tbody><tr><td class=\"gutter gl\"><pre class=\"lineno\">1\n2\n3\n</pre>"), html)
    }

    func testFencedAndInlineCodeInRougesMarkup() throws {
        let html = try post("Run `docker build .` first.\n\n```dockerfile\nFROM alpine:3.19\nRUN echo \"$HOME\"\n```")
        XCTAssertTrue(html.contains("<code class=\"language-plaintext highlighter-rouge\">docker build .</code>"), html)
        XCTAssertTrue(html.contains("<div class=\"language-dockerfile highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code><span class=\"k\">FROM</span>"), html)
    }

    func testCommonMarkSettingKeepsGitHubProseButStillHighlights() throws {
        let html = try post("It's \"quoted\".\n{: .x}\n\n```python\nx = 1\n```", config: "title: T\nmarkdown: CommonMark\n")
        XCTAssertTrue(html.contains("<p>It's &quot;quoted&quot;.\n{: .x}</p>"), html)
        XCTAssertTrue(html.contains("<span class=\"n\">x</span>"), html)
    }

    func testKramdownSettingsFromConfig() throws {
        let html = try post("* toc\n{:toc}\n\n## A\n\n### B", config: "title: T\nkramdown:\n  toc_levels: \"2..2\"\n  auto_id_prefix: p-\n")
        XCTAssertTrue(html.contains("<a href=\"#p-a\" id=\"markdown-toc-p-a\">A</a>"), html)
        XCTAssertFalse(html.contains("markdown-toc-p-b"), html)
    }

    /// The bundled site's post: its Dockerfile blocks come out coloured.
    func testBundledSiteDockerfilesAreHighlighted() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (files, _) = try SiteBuilder(layout: SiteFolders.detect(root: repository)).render()
        let post = try XCTUnwrap(files.first { $0.path.hasSuffix("docker-images-vs-containers.html") })
        guard case .data(let data) = post.contents else { return XCTFail("the post is not rendered") }
        let html = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(html.contains("<div class=\"language-docker highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code><span class=\"k\">FROM</span> python:3.9-slim"), "")
        XCTAssertTrue(html.contains("<span class=\"k\">CMD</span> <span class=\"p\">[</span><span class=\"s2\">\"gunicorn\"</span>"), "")
        XCTAssertTrue(html.contains("highlight.css"), "the theme links its token colours")
    }
}
