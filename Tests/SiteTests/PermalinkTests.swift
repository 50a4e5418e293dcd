import XCTest
@testable import Site

final class PermalinkTests: XCTestCase {
    private func inputs(categories: [String] = ["General", "Docker", "general"]) throws -> Permalink.Inputs {
        let date = try XCTUnwrap(DateParsing.parse("2021-03-07 09:05:02", timeZone: TimeZone(identifier: "UTC")!))
        return Permalink.Inputs(date: date, timeZone: TimeZone(identifier: "UTC")!, title: "docker images", slug: "docker-images",
                                categories: categories, outputExtension: ".html", path: "_posts/2021-03-07-docker-images", basename: "2021-03-07-docker-images")
    }

    func testStyles() throws {
        let values = try inputs()
        XCTAssertEqual(Permalink("date").expand(values), "/general/docker/2021/03/07/docker-images.html")
        XCTAssertEqual(Permalink("pretty").expand(values), "/general/docker/2021/03/07/docker-images/")
        XCTAssertEqual(Permalink("ordinal").expand(values), "/general/docker/2021/066/docker-images.html")
        XCTAssertEqual(Permalink("none").expand(values), "/general/docker/docker-images.html")
    }

    func testNoCategoriesCollapsesSlashes() throws {
        XCTAssertEqual(Permalink("date").expand(try inputs(categories: [])), "/2021/03/07/docker-images.html")
    }

    func testCustomPattern() throws {
        let values = try inputs()
        XCTAssertEqual(Permalink("/blog/:year/:i_month/:i_day/:hour:minute:second-:slug").expand(values), "/blog/2021/3/7/090502-docker-images")
        XCTAssertEqual(Permalink("/:short_year/:short_month/:long_month/:title/").expand(values), "/21/Mar/March/docker-images/")
    }

    func testUnknownPlaceholderIsRejected() {
        XCTAssertThrowsError(try Permalink("/:year/:nonsense/").validate()) { error in
            XCTAssertEqual((error as? Permalink.UnknownPlaceholder)?.name, "nonsense")
        }
        XCTAssertNoThrow(try Permalink("/:categories/:title:output_ext").validate())
    }

    func testOutputPaths() {
        XCTAssertEqual(URLPath.outputPath(for: "/"), "index.html")
        XCTAssertEqual(URLPath.outputPath(for: "/a/b/"), "a/b/index.html")
        XCTAssertEqual(URLPath.outputPath(for: "/a/b.html"), "a/b.html")
        XCTAssertEqual(URLPath.outputPath(for: "/caf%C3%A9/"), "café/index.html")
        // Jekyll's destination adds the output extension a permalink lacks.
        XCTAssertEqual(URLPath.outputPath(for: "/foo"), "foo.html")
        XCTAssertEqual(URLPath.outputPath(for: "/feed/", outputExtension: ".xml"), "feed/index.xml")
        XCTAssertEqual(URLPath.outputPath(for: "/CNAME", outputExtension: ""), "CNAME")
    }

    func testPostFileNames() {
        XCTAssertEqual(PostFileName("2021-03-07-docker-images")?.slug, "docker-images")
        XCTAssertEqual(PostFileName("2021-03-07-docker-images")?.date, "2021-03-07")
        // Jekyll's DATE_FILENAME_MATCHER takes one-digit months and days.
        XCTAssertEqual(PostFileName("2021-3-7-x")?.date, "2021-03-07")
        XCTAssertEqual(PostFileName("2021-03-07-trailing...")?.slug, "trailing")
        XCTAssertNil(PostFileName("2021-03-x"))
        XCTAssertNil(PostFileName("notes"))
    }

    func testBaseurlNormalisation() {
        XCTAssertEqual(SiteConfiguration.normaliseBaseurl("/"), "")
        XCTAssertEqual(SiteConfiguration.normaliseBaseurl("blog/"), "/blog")
        XCTAssertEqual(SiteConfiguration.normaliseBaseurl("/sub/"), "/sub")
    }
}
