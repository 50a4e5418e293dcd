import Foundation
import Liquid
import XCTest
@testable import Site

final class SiteBuildTests: XCTestCase {
    func testFutureAndDraftsAreOptIn() throws {
        let root = try SiteFixture.site([
            "templates/_layouts/post.html": "{{ content }}",
            "content/_posts/2099-01-01-later.md": "---\ntitle: Later\n---\nx\n",
            "content/_drafts/idea.md": "---\ntitle: Idea\ndate: 2020-01-01\n---\ny\n",
        ], test: self)
        let plain = try SiteFixture.build(root)
        XCTAssertEqual(plain.posts, 0)
        let all = try SiteFixture.build(root, overrides: .init(drafts: true, future: true))
        XCTAssertEqual(all.posts, 2)
        XCTAssertNoThrow(try SiteFixture.read(root, "_site/2099/01/01/later.html"))
        XCTAssertNoThrow(try SiteFixture.read(root, "_site/2020/01/01/idea.html"))
    }

    /// Jekyll 4.3 publishes 2021-02-30-x.md at /2021/03/02/x.html (Ruby's Time.parse rolls the day over);
    /// Strata dropped it with a warning that blamed the name.
    func testADayPastTheMonthsEndRollsOverAsJekyllPublishesIt() throws {
        let root = try SiteFixture.site([
            "templates/_layouts/post.html": "{{ content }}",
            "content/_posts/2021-02-30-x.md": "---\ntitle: X\n---\nx\n",
        ], test: self)
        let result = try SiteFixture.build(root)
        XCTAssertEqual(result.posts, 1)
        XCTAssertNoThrow(try SiteFixture.read(root, "_site/2021/03/02/x.html"))
    }

    /// A post dated today, earlier in the day in the site's zone, is not "in the future".
    func testPostDatedTodayIsPublished() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "timezone: Pacific/Kiritimati\n",
            "content/_posts/2025-11-24-today.md": "---\ntitle: Today\n---\nx\n",
        ], test: self)
        XCTAssertEqual(try SiteFixture.build(root).posts, 1)
    }

    func testTableOfContentsListsRenderedHeadings() throws {
        let root = try SiteFixture.site([
            "templates/_includes/toc.html": "<ol>{% for h in page.toc %}<li data-level=\"{{ h.level }}\"><a href=\"#{{ h.id }}\">{{ h.text }}</a></li>{% endfor %}</ol>",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n{% include toc.html %}\n\n## One\n\n### Two\n\n## One\n",
        ], test: self)
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/2021/01/01/a.html")
        XCTAssertTrue(html.contains("<ol><li data-level=\"2\"><a href=\"#one\">One</a></li><li data-level=\"3\"><a href=\"#two\">Two</a></li><li data-level=\"2\"><a href=\"#one-1\">One</a></li></ol>"), html)
        XCTAssertTrue(html.contains("<h2 id=\"one-1\">One</h2>"), html)
    }

    func testTableOfContentsMarkerHandlesSpacingAndTrimming() {
        XCTAssertEqual(TableOfContents.markIncludes(in: "a {%- include   toc.html -%} b {% include other.html %}").body,
                       "a <!--strata:toc--> b {% include other.html %}")
        XCTAssertFalse(TableOfContents.markIncludes(in: "{% include toc.html.bak %}").found)
    }

    func testExcerpts() {
        XCTAssertEqual(Excerpt.extract(from: "<p>One</p>\n<p>Two</p>\n", separator: "\n\n"), "<p>One</p>")
        XCTAssertEqual(Excerpt.extract(from: "<p>One</p>\n<p>Two</p>\n<!--more-->\n<p>Three</p>\n", separator: "<!--more-->"), "<p>One</p>\n<p>Two</p>")
        // Jekyll partitions the source: a separator the post lacks leaves the whole post; an empty one, no excerpt.
        XCTAssertEqual(Excerpt.extract(from: "<p>One</p>\n<p>Two</p>\n", separator: "<!--more-->"), "<p>One</p>\n<p>Two</p>")
        XCTAssertEqual(Excerpt.extract(from: "<p>One</p>\n", separator: ""), "")
    }

    /// Builds a Strata site from `files` and returns its `_site/index.html`.
    private func builtIndex(_ files: [String: String]) throws -> String {
        let root = try SiteFixture.site(files, test: self)
        _ = try SiteFixture.build(root)
        return try SiteFixture.read(root, "_site/index.html")
    }

    /// A post's own `excerpt_separator` wins over the site's (Jekyll's `Excerptible#excerpt_separator`).
    func testAPostsOwnExcerptSeparatorWins() throws {
        XCTAssertEqual(try builtIndex([
            "content/_config.yml": "excerpt_separator: \"<!--more-->\"\n",
            "content/index.html": "---\n---\n{% for post in site.posts %}[{{ post.excerpt }}]{% endfor %}",
            "content/_posts/2021-01-01-a.md": "---\nexcerpt_separator: <!--cut-->\n---\nOne\n\nTwo\n\n<!--cut-->\n\nThree <!--more-->\n",
        ]),
                       "[<p>One</p>\n<p>Two</p>]")
    }

    /// `site.categories` and `site.tags` list names in the order of their oldest post, each
    /// with its posts newest first (jekyll 4.3.1 printed exactly this for the same site).
    func testSiteCategoriesAndTagsComeInTheOrderOfTheirOldestPost() throws {
        XCTAssertEqual(try builtIndex([
            "content/index.html": "---\n---\n{% for c in site.categories %}{{ c[0] }}:{% for p in c[1] %}{{ p.title }},{% endfor %} {% endfor %}|{% for t in site.tags %}{{ t[0] }} {% endfor %}",
            "content/_posts/2021-01-01-old.md": "---\ntitle: Old\ncategories: [zebra, apple]\ntags: [t2, t1]\n---\nx\n",
            "content/_posts/2021-02-01-new.md": "---\ntitle: New\ncategories: [mango, apple]\ntags: [t3, t1]\n---\ny\n",
        ]),
                       "zebra:Old, apple:New,Old, mango:New, |t2 t1 t3 ")
    }

    /// Jekyll appends the post's `[^x]:` definitions to the excerpt's source, so kramdown renders
    /// the excerpt's footnotes with it (checked with jekyll 4.3.1 on the `basic` fixture).
    func testAnExcerptKeepsTheFootnotesItRefersTo() throws {
        let index = try builtIndex([
            "content/_config.yml": "title: T\n",
            "templates/_layouts/post.html": "{{ content }}",
            "content/index.html": "---\n---\n{% for post in site.posts %}{{ post.excerpt }}{% endfor %}",
            "content/_posts/2021-01-01-a.md": "---\nlayout: post\n---\nFirst[^one] and[^two].\n\nLater[^three].\n\n[^one]: One.\n[^two]: Two.\n[^three]: Three.\n",
        ])
        XCTAssertTrue(index.hasPrefix("<p>First<sup id=\"fnref:one\" role=\"doc-noteref\"><a href=\"#fn:one\" class=\"footnote\" rel=\"footnote\">1</a></sup>"), index)
        XCTAssertTrue(index.contains("<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:one\" role=\"doc-endnote\">"), index)
        XCTAssertTrue(index.contains("<li id=\"fn:two\""), index)
        XCTAssertFalse(index.contains("fn:three"), "a note only the rest of the post refers to stays out: \(index)")
        XCTAssertTrue(index.hasSuffix("  </ol>\n</div>"), index)
    }

    func testLiquidInPostsSeesSiteAndPage() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "title: Ünï & co\nbaseurl: /blog\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\nlocation-link: london\n---\n{{ site.title }} {{ page.location-link }} {{ page.url | relative_url }} {{ site.posts.size }}\n",
        ], test: self)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/2021/01/01/a.html"), "<p>Ünï &amp; co london /blog/2021/01/01/a.html 1</p>\n")
    }
}
