import Foundation
import XCTest
@testable import Site
import StrataTestSupport

/// `liquid: error_mode:` in a Jekyll folder: `warn` (Jekyll 4.3's default) builds sloppy markup as Jekyll's lax
/// parser reads it, with one located warning per place; `lax` builds it silently; `strict` stops at the first
/// place. (What each sloppy form renders is pinned against ruby-liquid in the Liquid conformance cases, and the
/// whole pages against Jekyll in Fixtures/jekyll/lax-markup.)
final class LiquidErrorModeTests: XCTestCase {
    private let layout = """
        <title>{{ page.title | upcase: }}</title>
        {% for p in site.posts limit:1 junk %}<a href="{{ p.url | relative_url | }}">{{ p.title }}</a>{% endfor %}
        {% if page.title == 'Home' trailing %}home{% endif %}
        {{ content }}
        """

    private func site(config: String) throws -> URL {
        try SiteFiles.folder([
            "_config.yml": config,
            "_layouts/default.html": layout,
            "_posts/2024-01-02-first.md": "---\nlayout: default\ntitle: First\n---\nPost.\n",
            "index.md": "---\nlayout: default\ntitle: Home\n---\nHi {{ page.title | default: 'x' 'y' }}.\n",
        ], test: self)
    }

    func testWarnIsTheDefaultAndBuildsWithOneLocatedWarningPerPlace() throws {
        let root = try site(config: "title: T\n")
        let report = try SiteFixture.build(root)
        let warnings = report.warnings.map(\.rendered).filter { $0.contains("lax parser") }
        // Four places in the layout (parsed once, used by two pages) and one in the page.
        XCTAssertEqual(warnings.count, 5, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("_layouts/default.html:1:32: warning:") }, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("_layouts/default.html:2:32: warning: unexpected `junk`") }, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("index.md:5:33: warning:") }, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.allSatisfy { $0.contains("^") && $0.contains("error_mode: strict") }, warnings.joined(separator: "\n"))
        let home = try SiteFixture.read(root, "_site/index.html")
        XCTAssertTrue(home.contains("<title>HOME</title>"), home)
        XCTAssertTrue(home.contains("<a href=\"/2024/01/02/first.html\">First</a>"), home)
        XCTAssertTrue(home.contains("home"), home)
        XCTAssertTrue(home.contains("Hi Home."), home)
    }

    func testLaxBuildsTheSamePagesWithoutWarnings() throws {
        let warn = try site(config: "title: T\n")
        let lax = try site(config: "title: T\nliquid:\n  error_mode: lax\n")
        _ = try SiteFixture.build(warn)
        let report = try SiteFixture.build(lax)
        XCTAssertFalse(report.warnings.contains { $0.rendered.contains("lax parser") })
        XCTAssertEqual(try SiteFixture.read(lax, "_site/index.html"), try SiteFixture.read(warn, "_site/index.html"))
    }

    func testStrictStopsAtTheFirstPlaceAndWritesNothing() throws {
        let root = try site(config: "title: T\nliquid:\n  error_mode: strict\n")
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_layouts/default.html:1:32: error:"), message)
        XCTAssertFalse(message.contains("lax parser"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/index.html").path))
    }

    func testAnUnknownErrorModeIsALocatedConfigurationError() throws {
        let root = try site(config: "title: T\nliquid:\n  strict_filters: false\n  error_mode: loose\n")
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:4:3: error: `liquid: error_mode` must be `warn` (Jekyll's default), `lax` or `strict`, not `loose`"), message)
    }
}
