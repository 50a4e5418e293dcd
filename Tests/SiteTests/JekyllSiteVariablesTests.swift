import Foundation
import XCTest
@testable import Site

/// `site.baseurl`, `site.url` and `page.title` as templates see them, with the values
/// Debian's Jekyll 4.3.1 gives for the same site (checked by hand with `jekyll build`).
final class JekyllSiteVariablesTests: XCTestCase {
    private let probe = """
        ---
        ---
        [{{ site.baseurl }}]{{ "/x" | relative_url }}|{% if site.url %}url{% else %}nourl{% endif %}|{% if page.title %}t{% else %}not{% endif %}|{{ "/y" | absolute_url }}
        """

    private func render(config: String) throws -> String {
        let root = try SiteFixture.temporaryFolder(self)
        try Data(config.utf8).write(to: root.appendingPathComponent("_config.yml"))
        try Data(probe.utf8).write(to: root.appendingPathComponent("index.html"))
        _ = try SiteFixture.build(root)
        return try SiteFixture.read(root, "_site/index.html")
    }

    func testBaseurlSlashIsKeptAsWrittenAndFiltersDropIt() throws {
        XCTAssertEqual(try render(config: "baseurl: /\n"), "[/]/x|nourl|not|/y")
        XCTAssertEqual(try render(config: "baseurl: blog/\n"), "[blog/]/blog/x|nourl|not|/blog/y")
    }

    func testUnsetURLIsFalseButAnEmptyOneIsTrue() throws {
        // Jekyll's `site.url` is nil unless set; an empty string is still truthy in Liquid.
        XCTAssertEqual(try render(config: "title: x\n"), "[]/x|nourl|not|/y")
        XCTAssertEqual(try render(config: "baseurl: \"\"\nurl: \"\"\n"), "[]/x|url|not|/y")
    }

    func testPagesWithoutTitleHaveNoneButPostsTakeTheirFileName() throws {
        let root = try SiteFixture.temporaryFolder(self)
        let files = [
            "index.html": "---\n---\n{% for p in site.pages %}{{ p.path }}={% if p.title %}{{ p.title }}{% else %}nil{% endif %};{% endfor %}{{ site.posts[0].title }}",
            "about.md": "---\ntitle: About\n---\nx",
            "_posts/2021-03-07-hello-there.md": "---\n---\nx",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "about.md=About;index.html=nil;Hello There")
    }
}
