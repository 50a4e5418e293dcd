import XCTest
@testable import Site

final class ArchiveTests: XCTestCase {
    private let archiveLayout = "<h1>{{ page.type }}: {{ page.title }}</h1>{% for p in page.posts %}<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endfor %}"

    func testCategoryTagAndLocationPages() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "archives:\n  layout: archive\n  categories: /categories/:name/\n  tags: /t/:name.html\n  locations: /locations/:name/\n",
            "templates/_layouts/archive.html": archiveLayout,
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\ncategories: Docker General\ntags: [x]\nlocation: London, UK\nlocation-link: london\n---\na\n",
            "content/_posts/2021-02-01-b.md": "---\ntitle: B\ncategories: ops\nlocation: London, UK\nlocation-link: london\n---\nb\n",
        ], test: self)
        let result = try SiteFixture.build(root)
        XCTAssertEqual(result.pages, 0, "archives are not pages of site.pages")
        XCTAssertEqual(try SiteFixture.read(root, "_site/categories/docker/index.html"),
                       "<h1>category: Docker</h1><a href=\"/docker/general/2021/01/01/a.html\">A</a>")
        XCTAssertEqual(try SiteFixture.read(root, "_site/t/x.html"), "<h1>tag: x</h1><a href=\"/docker/general/2021/01/01/a.html\">A</a>")
        XCTAssertEqual(try SiteFixture.read(root, "_site/locations/london/index.html"),
                       "<h1>location: London, UK</h1><a href=\"/ops/2021/02/01/b.html\">B</a><a href=\"/docker/general/2021/01/01/a.html\">A</a>")
    }

    /// "Docker" and "docker" are different categories that slugify alike: a clear error.
    func testCollidingArchiveURLsAreReported() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "archives:\n  categories: /categories/:name/\n",
            "templates/_layouts/archive.html": archiveLayout,
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\ncategories: Docker\n---\na\n",
            "content/_posts/2021-02-01-b.md": "---\ntitle: B\ncategories: docker\n---\nb\n",
        ], test: self)
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("the category archive `Docker` (from content/_config.yml) and the category archive `docker` (from content/_config.yml) would both write categories/docker/index.html"), message)
    }

    func testPatternWithoutNameAndMissingLayout() throws {
        let noName = try SiteFixture.site([
            "content/_config.yml": "title: x\narchives:\n  tags: /tags/\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\ntags: t\n---\na\n",
        ], test: self)
        XCTAssertTrue(SiteFixture.failure(noName).contains("content/_config.yml:2:1: error: archives.tags must contain :name"))
        let noLayout = try SiteFixture.site([
            "content/_config.yml": "title: x\narchives:\n  tags: /tags/:name/\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\ntags: t\n---\na\n",
        ], test: self)
        XCTAssertTrue(SiteFixture.failure(noLayout).contains("content/_config.yml:2:1: error: layout `archive` does not exist"))
    }
}
