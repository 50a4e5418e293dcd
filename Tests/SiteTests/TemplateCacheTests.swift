import Foundation
import XCTest
@testable import Site

/// Layouts and includes are parsed once per build; rendering a post again parses only its
/// own body when that holds Liquid (what `StrataBench` used to print after each run).
final class TemplateCacheTests: XCTestCase {
    func testRenderingAPostAgainParsesOnlyItsBody() throws {
        let fixtures = try SiteFixture.fixturesURL().appendingPathComponent("sites/basic")
        let root = try SiteFixture.temporaryFolder(self).appendingPathComponent("basic")
        try FileManager.default.copyItem(at: fixtures, to: root)
        let site = try PreparedSite(builder: SiteBuilder(layout: .detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertEqual(site.templateParseCount, site.distinctTemplateCount, "one build parses each template once")
        let before = site.templateParseCount
        for _ in 0..<3 { _ = try site.render(documentAt: "_posts/2021-03-07-first-post.md") }
        XCTAssertEqual(site.templateParseCount - before, 3, "the post's body (it holds Liquid) and nothing else")
        for _ in 0..<3 { _ = try site.render(documentAt: "_posts/2021-04-01-second.md") }
        XCTAssertEqual(site.templateParseCount - before, 3, "a body without Liquid is never parsed")
    }
}
