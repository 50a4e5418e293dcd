import Foundation
import StrataTestSupport
import XCTest
@testable import Site

/// jekyll-mentions and jekyll-relative-links, with the output of the Debian gems
/// (jekyll-mentions 1.6.0 on html-pipeline 2.14, jekyll-relative-links 0.7.0) run on the
/// same sites; the fixture `text-plugins` is also compared with real Jekyll in `make test`.
final class JekyllPluginTextTests: XCTestCase {
    private func jekyllSite(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    private let layout = """
        <html><head><title>{{ page.title }} @head</title></head>
        <body><nav><a href="/">@home</a></nav>{{ content }}<script>var s = "@script";</script>
        <style>/* @style */</style></body></html>
        """

    func testMentionsLinkNamesInTheBodyOutsideCodeAndLinks() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-mentions]\n",
            "_layouts/default.html": layout,
            "index.md": """
                ---
                layout: default
                title: Home
                ---
                Thanks @octocat and @jekyll-bot, a@example.com, @mention, @Hubot. `@code`

                    @pre

                (@paren) @dots.. then @end. @a@b @trail/ @x_1
                """,
        ])
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/index.html")
        func link(_ name: String) -> String { "<a href=\"https://github.com/\(name)\" class=\"user-mention\">@\(name)</a>" }
        XCTAssertTrue(html.contains("<title>Home @head</title>"), html)
        XCTAssertTrue(html.contains("<a href=\"/\">@home</a>"), html)
        // kramdown links no bare address, and a name after a letter is no mention (as Jekyll 4.3.1).
        XCTAssertTrue(html.contains("Thanks \(link("octocat")) and \(link("jekyll-bot")), a@example.com, @mention, \(link("Hubot")). <code class=\"language-plaintext highlighter-rouge\">@code</code>"), html)
        XCTAssertTrue(html.contains("<code>@pre\n</code></pre>"), html)
        // As html-pipeline's pattern: dots may follow, a slash may not, `@a@b` links `a` only.
        XCTAssertTrue(html.contains("(\(link("paren"))) \(link("dots")).. then \(link("end")). \(link("a"))@b @trail/ \(link("x_1"))"), html)
        XCTAssertTrue(html.contains("var s = \"@script\";"), html)
        XCTAssertTrue(html.contains("/* @style */"), html)
    }

    func testMentionsBaseURLFromConfigAndFrontMatter() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-mentions]\njekyll-mentions: https://example.org/people\n",
            "a.md": "---\n---\n@ada\n",
            "b.md": "---\njekyll-mentions:\n  base_url: https://gitlab.example/users~\n---\n@ada\n",
            "c.md": "---\njekyll-mentions: false\n---\n@ada\n",
            "feed.xml": "---\n---\n<x>@ada</x>\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.html"), "<p><a href=\"https://example.org/people/ada\" class=\"user-mention\">@ada</a></p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/b.html"), "<p><a href=\"https://gitlab.example/users~ada\" class=\"user-mention\">@ada</a></p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/c.html"), "<p>@ada</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/feed.xml"), "<x>@ada</x>\n")
    }

    func testMentionsNeedThePluginListed() throws {
        let root = try jekyllSite(["a.md": "---\n---\n@ada\n"])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.html"), "<p>@ada</p>\n")
    }

    func testMentionsSettingOfTheWrongKindIsLocated() throws {
        let root = try jekyllSite(["_config.yml": "plugins: [jekyll-mentions]\n", "a.md": "---\n---\n@ada\n"])
        _ = try SiteFixture.build(root)
        let before = SiteFixture.tree(root.appendingPathComponent("_site"))
        try Data("plugins: [jekyll-mentions]\njekyll-mentions: [a, b]\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        var message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:2:1: error: `jekyll-mentions` must be a base URL"), message)
        XCTAssertTrue(message.contains("it is a list"), message)
        try Data("plugins: [jekyll-mentions]\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        try Data("---\ntitle: A\njekyll-mentions: 3\n---\n@ada\n".utf8).write(to: root.appendingPathComponent("a.md"))
        message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("a.md:3:1: error: `jekyll-mentions` must be a base URL"), message)
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), before)
    }

    func testRelativeLinksRewritePagesLinksToSourceFiles() throws {
        let root = try jekyllSite([
            "_config.yml": "baseurl: /site\nplugins: [jekyll-relative-links]\n",
            "index.md": """
                ---
                ---
                [guide](docs/guide.md) [frag](docs/guide.md#setup "T") [abs](/about.md) [img](assets/pic.png)
                [none](nothing.md) [ext](https://example.com/x.md) [top](#top) [space](docs/with%20space.md)

                [ref]: docs/guide.md
                [r2]: about.md#team

                [a][ref] [b][r2]
                """,
            "about.md": "---\n---\n[home](index.md) [dot](./index.md) [out](../outside.md)\n",
            "docs/guide.md": "---\n---\n[up](../index.md) [post](../_posts/2021-03-07-hello.md)\n",
            "docs/with space.md": "---\n---\nx\n",
            "_posts/2021-03-07-hello.md": "---\n---\n[about](../about.md)\n",
            "notes/plain.html": "---\n---\n[about](../about.md)\n",
            "assets/pic.png": "PNG",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), """
            <p><a href="/site/docs/guide.html">guide</a> <a href="/site/docs/guide.html#setup" title="T">frag</a> <a href="/site/about.html">abs</a> <a href="/site/assets/pic.png">img</a>
            <a href="nothing.md">none</a> <a href="https://example.com/x.md">ext</a> <a href="#top">top</a> <a href="/site/docs/with%20space.html">space</a></p>
            <p><a href="/site/docs/guide.html">a</a> <a href="/site/about.html#team">b</a></p>

            """)
        XCTAssertEqual(try SiteFixture.read(root, "_site/about.html"), "<p><a href=\"/site/\">home</a> <a href=\"/site/\">dot</a> <a href=\"../outside.md\">out</a></p>\n")
        // Posts and HTML pages keep their links unless `collections: true`, as in the gem.
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/guide.html"), "<p><a href=\"/site/\">up</a> <a href=\"/site/2021/03/07/hello.html\">post</a></p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2021/03/07/hello.html"), "<p><a href=\"../about.md\">about</a></p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/notes/plain.html"), "[about](../about.md)\n")
    }

    func testRelativeLinksInCollectionsAndExcluded() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-relative-links]\nrelative_links:\n  collections: true\n  exclude: [docs/skip.md]\n",
            "_posts/2021-03-07-p.md": "---\n---\n[a](../docs/a.md) [root](/docs/a.md)\n",
            "docs/a.md": "---\n---\n[p](../_posts/2021-03-07-p.md)\n",
            "docs/skip.md": "---\n---\n[p](../_posts/2021-03-07-p.md)\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/2021/03/07/p.html"), "<p><a href=\"/docs/a.html\">a</a> <a href=\"/docs/a.html\">root</a></p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/a.html"), "<p><a href=\"/2021/03/07/p.html\">p</a></p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/skip.html"), "<p><a href=\"../_posts/2021-03-07-p.md\">p</a></p>\n")

        try Data("plugins: [jekyll-relative-links]\nrelative_links:\n  enabled: false\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/a.html"), "<p><a href=\"../_posts/2021-03-07-p.md\">p</a></p>\n")
    }
}
