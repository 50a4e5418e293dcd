import Foundation
import StrataTestSupport
import XCTest
@testable import Site

/// jekyll-paginate-v2's edges, each expectation worked out from the gem's 3.0 sources and
/// checked against Jekyll 4.3.1 with Debian's gem (the whole object is compared with Jekyll
/// in Fixtures/jekyll/paginate-v2).
final class PaginateV2Tests: XCTestCase {
    /// Each page prints `page/total_pages/total_posts:titles,:next_page_path:trail numbers`.
    private static let template = "{{ paginator.page }}/{{ paginator.total_pages }}/{{ paginator.total_posts }}:"
        + "{% for p in paginator.posts %}{{ p.title }},{% endfor %}:{{ paginator.next_page_path }}:"
        + "{% for t in paginator.page_trail %}{{ t.num }}{% endfor %}"

    /// A plain Jekyll folder with posts P1…P`count` (P1 oldest), an `index.html` template
    /// with `settings` as its `pagination:` and `site` as the site's.
    private func site(posts count: Int, site: String = "  enabled: true\n", settings: String = "", extra: [String: String] = [:]) throws -> URL {
        var files = [
            "_config.yml": "plugins: [jekyll-paginate-v2]\npagination:\n" + site,
            "index.html": "---\npagination:\n  enabled: true\n" + settings + "---\n" + Self.template,
        ]
        for day in Swift.stride(from: 1, through: count, by: 1) {
            files[String(format: "_posts/2021-01-%02d-p%d.md", day, day)] = "---\ntitle: P\(day)\n---\nx"
        }
        files.merge(extra) { _, new in new }
        return try SiteFiles.folder(files, test: self)
    }

    private func page(_ root: URL, _ path: String = "_site/index.html") throws -> String {
        try SiteFixture.read(root, path)
    }

    func testNoMatchingPostsStillMakesOnePage() throws {
        let root = try site(posts: 3, settings: "  category: missing\n")
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/1/0:::")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/page2").path))
    }

    func testPerPageLargerThanThePostsIsOnePageWithoutTrail() throws {
        let root = try site(posts: 3, settings: "  per_page: 50\n  sort_reverse: true\n  trail: {before: 2, after: 2}\n")
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/1/3:P3,P2,P1,::")
    }

    func testLimitCutsPagesButNotTotalPosts() throws {
        let root = try site(posts: 5, settings: "  per_page: 1\n  limit: 2\n")
        _ = try SiteFixture.build(root)
        // Oldest first: the gem sorts ascending unless sort_reverse.
        XCTAssertEqual(try page(root), "1/2/5:P1,:/page2/:")
        XCTAssertEqual(try page(root, "_site/page2/index.html"), "2/2/5:P2,::")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/page3").path))
    }

    func testOffsetDropsTheNewestWhicheverWayItSorts() throws {
        let ascending = try site(posts: 4, settings: "  offset: 1\n")
        _ = try SiteFixture.build(ascending)
        XCTAssertEqual(try page(ascending), "1/1/3:P1,P2,P3,::")
        let descending = try site(posts: 4, settings: "  offset: 2\n  sort_reverse: true\n")
        _ = try SiteFixture.build(descending)
        XCTAssertEqual(try page(descending), "1/1/2:P2,P1,::")
    }

    func testSortByAFieldSomePostsLackPutsThemFirst() throws {
        let root = try site(posts: 0, settings: "  sort_field: rank\n", extra: [
            "_posts/2021-01-01-a.md": "---\ntitle: A\nrank: 2\n---\nx",
            "_posts/2021-01-02-b.md": "---\ntitle: B\n---\nx",
            "_posts/2021-01-03-c.md": "---\ntitle: C\nrank: 1\n---\nx",
            "_posts/2021-01-04-d.md": "---\ntitle: D\nrank: 10\n---\nx",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/1/4:B,C,A,D,::")
    }

    func testSortByTextIgnoresCaseAndNestedFieldsFollowColons() throws {
        let root = try site(posts: 0, settings: "  sort_field: \"meta:key\"\n  sort_reverse: true\n", extra: [
            "_posts/2021-01-01-a.md": "---\ntitle: A\nmeta: {key: banana}\n---\nx",
            "_posts/2021-01-02-b.md": "---\ntitle: B\nmeta: {key: Cherry}\n---\nx",
            "_posts/2021-01-03-c.md": "---\ntitle: C\nmeta: {key: apple}\n---\nx",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/1/3:B,A,C,::")
    }

    func testTrailKeepsItsLengthAtBothEnds() throws {
        let root = try site(posts: 5, settings: "  per_page: 1\n  trail: {before: 1, after: 1}\n")
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/5/5:P1,:/page2/:123")
        XCTAssertEqual(try page(root, "_site/page3/index.html"), "3/5/5:P3,:/page4/:234")
        XCTAssertEqual(try page(root, "_site/page5/index.html"), "5/5/5:P5,::345")
    }

    func testHiddenAndSelfPaginatingPostsAreLeftOut() throws {
        let root = try site(posts: 2, extra: [
            "_posts/2021-02-01-hidden.md": "---\ntitle: H\nhidden: true\n---\nx",
            "_posts/2021-02-02-own.md": "---\ntitle: O\npagination: {enabled: false}\n---\nx",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/1/2:P1,P2,::")
    }

    func testCategoryAndTagFiltersIntersect() throws {
        let root = try site(posts: 0, settings: "  category: News\n  tag: \"a, B\"\n", extra: [
            "_posts/2021-01-01-one.md": "---\ntitle: One\ncategory: news\ntags: [a, b]\n---\nx",
            "_posts/2021-01-02-two.md": "---\ntitle: Two\ncategory: news\ntags: [a]\n---\nx",
            "_posts/2021-01-03-three.md": "---\ntitle: Three\ncategory: other\ntags: [A, B]\n---\nx",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root, "_site/index.html"), "1/1/1:One,::")
    }

    func testNothingHappensUnlessTheSiteEnablesIt() throws {
        let root = try site(posts: 3, site: "  per_page: 1\n")
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "//:::")
    }

    func testAMarkdownTemplateIsNotConverted() throws {
        let root = try site(posts: 1, extra: ["index.html": "", "blog/index.md": "---\npagination:\n  enabled: true\n---\n*{{ paginator.total_posts }}*\n"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("index.html"))
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root, "_site/blog/index.html"), "*1*\n")
    }

    func testBadValuesAreOneLocatedError() throws {
        let perPage = SiteFixture.failure(try site(posts: 1, settings: "  per_page: 0\n"))
        XCTAssertTrue(perPage.contains("index.html:4:3: error: jekyll-paginate-v2: `pagination.per_page` must be a whole number above 0"), perPage)
        let trail = SiteFixture.failure(try site(posts: 1, site: "  enabled: true\n  trail: yes please\n"))
        XCTAssertTrue(trail.contains("_config.yml:4:3: error: jekyll-paginate-v2: `pagination.trail` must be a mapping"), trail)
        let permalink = SiteFixture.failure(try site(posts: 1, settings: "  permalink: /older/\n"))
        XCTAssertTrue(permalink.contains("`pagination.permalink` must contain `:num`"), permalink)
        let mixed = SiteFixture.failure(try site(posts: 0, settings: "  sort_field: rank\n", extra: [
            "_posts/2021-01-01-a.md": "---\nrank: 2\n---\nx", "_posts/2021-01-02-b.md": "---\nrank: two\n---\nx",
        ]))
        XCTAssertTrue(mixed.contains("index.html:4:3: error: jekyll-paginate-v2: `pagination.sort_field`: `rank` holds values that cannot be ordered together"), mixed)
        let notMapping = SiteFixture.failure(try SiteFiles.folder(["_config.yml": "plugins: [jekyll-paginate-v2]\npagination: 5\n"], test: self))
        XCTAssertTrue(notMapping.contains("_config.yml:2:1: error: jekyll-paginate-v2: `pagination:` must be a mapping"), notMapping)
    }

    func testListedBesideJekyllPaginateItIsV2ThatPaginates() throws {
        let root = try site(posts: 3, site: "  enabled: true\n  per_page: 2\n")
        try "plugins: [jekyll-paginate, jekyll-paginate-v2]\npagination:\n  enabled: true\n  per_page: 2\n"
            .write(to: root.appendingPathComponent("_config.yml"), atomically: true, encoding: .utf8)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root), "1/2/3:P1,P2,:/page2/:")
        let legacy = SiteFixture.failure(try SiteFiles.folder([
            "_config.yml": "plugins: [jekyll-paginate, jekyll-paginate-v2]\npaginate: 2\n", "index.html": "---\n---\nx",
        ], test: self))
        XCTAssertTrue(legacy.contains("_config.yml:2:1: error: jekyll-paginate-v2 no longer reads jekyll-paginate's `paginate:`"), legacy)
    }

    /// Jekyll builds a page sorted by a field nobody has, unsorted: a warning, with the field meant.
    func testASortFieldNoDocumentHasIsAWarning() throws {
        let typo = try site(posts: 0, settings: "  sort_field: wieght\n", extra: [
            "_posts/2021-01-01-a.md": "---\ntitle: A\nweight: 2\n---\nx", "_posts/2021-01-02-b.md": "---\ntitle: B\nweight: 1\n---\nx",
        ])
        let report = try SiteFixture.build(typo)
        XCTAssertEqual(try page(typo), "1/1/2:A,B,::")
        let warnings = report.warnings.map(\.rendered).joined(separator: "\n")
        XCTAssertTrue(warnings.contains("index.html:4:3: warning: jekyll-paginate-v2: `pagination.sort_field`: none of the 2 documents paginated here has `wieght`, so they are left unsorted, as Jekyll leaves them; did you mean `weight`?"), warnings)
        // The gem looks names up lower-cased, so a key with capitals is never found (its own example 03 does this).
        let capitals = try site(posts: 0, settings: "  sort_field: \"book:ISBN13\"\n", extra: ["_posts/2021-01-01-a.md": "---\nbook: {ISBN13: 5}\n---\nx"])
        let capitalWarnings = try SiteFixture.build(capitals).warnings.map(\.rendered).joined(separator: "\n")
        XCTAssertTrue(capitalWarnings.contains("has `book:ISBN13`, so they are left unsorted, as Jekyll leaves them; the gem looks each name up lower-cased (`book:isbn13`)"), capitalWarnings)
    }

    func testPluralFiltersAreNamedInAWarning() throws {
        let root = try site(posts: 2, settings: "  categories: [news]\n")
        let warnings = try SiteFixture.build(root).warnings.map(\.rendered).joined(separator: "\n")
        XCTAssertEqual(try page(root), "1/1/2:P1,P2,::")
        XCTAssertTrue(warnings.contains("index.html:4:3: warning: jekyll-paginate-v2 reads `pagination.category` (a name or a list), not `categories`"), warnings)
    }

    /// A site-wide typo reaches every autopage (one per tag); it is told once, at its line of
    /// `_config.yml`, not once per tag at the layout (found in review).
    func testASiteWideMistakeWithAutoPagesIsToldOnceWhereItIsWritten() throws {
        let root = try SiteFiles.folder([
            "_config.yml": "plugins: [jekyll-paginate-v2]\npagination:\n  enabled: true\n  sort_field: wieght\n  tags: [x]\n"
                + "autopages:\n  enabled: true\n  categories: {enabled: false}\n  collections: {enabled: false}\n",
            "_posts/2021-01-01-a.md": "---\ntags: [a, b]\nweight: 1\n---\nx\n",
            "_posts/2021-01-02-b.md": "---\ntags: [a, b]\nweight: 2\n---\nx\n",
            "_layouts/autopage_tags.html": "---\n---\n{{ paginator.page }}",
        ], test: self)
        let warnings = try SiteFixture.build(root).warnings.map { $0.rendered.components(separatedBy: "\n")[0] }
        XCTAssertEqual(warnings.filter { $0.contains("jekyll-paginate-v2") }.sorted(), [
            "_config.yml:4:3: warning: jekyll-paginate-v2: `pagination.sort_field`: none of the 2 documents paginated here has `wieght`, so they are left unsorted, as Jekyll leaves them; did you mean `weight`? [read]",
            "_config.yml:5:3: warning: jekyll-paginate-v2 reads `pagination.tag` (a name or a list), not `tags`, which filters nothing here as in Jekyll [read]",
        ], warnings.joined(separator: "\n"))
    }

    func testAutoPagesWithoutPaginationAreTheirLayoutTwice() throws {
        // Checked with Jekyll 4.3.1: the page's text is the layout's and its layout is itself.
        let root = try SiteFiles.folder([
            "_config.yml": "plugins: [jekyll-paginate-v2]\nautopages:\n  enabled: true\n  categories: {enabled: false}\n  collections: {enabled: false}\n"
                + "  tags:\n    layouts: [tagpage.html]\n    slugify: {mode: pretty, cased: true}\n    permalink: /t/:tag/\n",
            "_posts/2021-01-01-a.md": "---\ntags: [C++ Tips]\n---\nx\n",
            "_layouts/tagpage.html": "---\nfoo: bar\n---\n[{{ page.title }}|{{ page.foo }}|{{ paginator.page }}|{{ content }}]\n",
        ], test: self)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try page(root, "_site/t/c++-tips/index.html"), "[Posts tagged with c++-tips|bar||[Posts tagged with c++-tips|bar||]\n]\n")
    }

    func testAutoPagesBadSettingsAreOneLocatedError() throws {
        let missing = SiteFixture.failure(try SiteFiles.folder([
            "_config.yml": "plugins: [jekyll-paginate-v2]\npagination: {enabled: true}\nautopages:\n  enabled: true\n",
            "_posts/2021-01-01-a.md": "---\ntags: [a]\n---\nx\n",
        ], test: self))
        XCTAssertTrue(missing.contains("_config.yml:3:1: error: jekyll-paginate-v2: the tags autopages need the layout `_layouts/autopage_tags.html`"), missing)
        let notMapping = SiteFixture.failure(try SiteFiles.folder(["_config.yml": "plugins: [jekyll-paginate-v2]\nautopages: yes\n"], test: self))
        XCTAssertTrue(notMapping.contains("_config.yml:2:1: error: jekyll-paginate-v2: `autopages:` must be a mapping"), notMapping)
        // A bad site-wide pagination value is found at its own line, not at the layout inheriting it.
        let perPage = SiteFixture.failure(try SiteFiles.folder([
            "_config.yml": "plugins: [jekyll-paginate-v2]\npagination:\n  enabled: true\n  per_page: many\nautopages:\n  enabled: true\n  categories: {enabled: false}\n  collections: {enabled: false}\n",
            "_posts/2021-01-01-a.md": "---\ntags: [a]\n---\nx\n",
            "_layouts/autopage_tags.html": "---\n---\n{{ paginator.page }}",
        ], test: self))
        XCTAssertTrue(perPage.contains("_config.yml:4:3: error: jekyll-paginate-v2: `pagination.per_page` must be a whole number; it is `many`"), perPage)
    }

    /// `strata serve`: an autopage's text is its layout's, so a layout edit renders it anew,
    /// and paginated pages follow a post's edit.
    func testPreviewEditsReachAutopagesAndPaginatedPages() throws {
        let root = try SiteFiles.folder([
            "_config.yml": "plugins: [jekyll-paginate-v2]\nautopages:\n  enabled: true\n  categories: {enabled: false}\n  collections: {enabled: false}\n"
                + "  tags:\n    layouts: [tagpage.html]\n",
            "_posts/2021-01-01-a.md": "---\ntitle: A\ntags: [x]\n---\nx\n",
            "_layouts/tagpage.html": "---\n---\n[old {{ content }}]",
        ], test: self)
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        XCTAssertEqual(try page(root, "_site/tag/x/index.html"), "[old [old ]]")
        let layout = root.appendingPathComponent("_layouts/tagpage.html")
        try "---\n---\n[new {{ content }}]".write(to: layout, atomically: true, encoding: .utf8)
        XCTAssertNil(session.build(changed: ["_layouts/tagpage.html"], fullRebuild: false).failure)
        XCTAssertEqual(try page(root, "_site/tag/x/index.html"), "[new [new ]]")

        let paginated = try site(posts: 2)
        let pages = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: paginated), now: { SiteFixture.fixedNow }))
        XCTAssertNil(pages.build(changed: [], fullRebuild: true).failure)
        let post = paginated.appendingPathComponent("_posts/2021-01-01-p1.md")
        try "---\ntitle: Renamed\n---\nx".write(to: post, atomically: true, encoding: .utf8)
        XCTAssertNil(pages.build(changed: ["_posts/2021-01-01-p1.md"], fullRebuild: false).failure)
        XCTAssertEqual(try page(paginated), "1/1/2:Renamed,P2,::")
    }
}
