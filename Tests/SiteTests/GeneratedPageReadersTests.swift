import Foundation
import StrataTestSupport
import XCTest
@testable import Site

/// The feed and the sitemap are written by Swift (`FeedWriter`, `SitemapWriter`), so no
/// template text shows what they read. An edit to a post's text must still reach the feed
/// that shows it, in the preview and in a cached build, as a clean build writes it.
final class GeneratedPageReadersTests: XCTestCase {
    private static let post = "_posts/2021-03-02-second.md"

    private func site() throws -> URL {
        try SiteFiles.folder([
            "_config.yml": "title: Readers\nurl: https://example.org\ntimezone: UTC\nplugins: [jekyll-feed, jekyll-sitemap]\n",
            "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
            "_posts/2021-03-01-first.md": "---\nlayout: default\ntitle: First\n---\nThe first post.\n",
            Self.post: "---\nlayout: default\ntitle: Second\n---\nIts excerpt.\n\nIts body text.\n",
            "index.html": "---\nlayout: default\n---\n{% for post in site.posts %}<a href=\"{{ post.url }}\">{{ post.title }}</a>{% endfor %}\n",
        ], test: self)
    }

    private func editPost(_ root: URL) throws {
        let url = root.appendingPathComponent(Self.post)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Its body text.", with: "Its edited body text.").utf8).write(to: url, options: .atomic)
    }

    private func cleanBuild(of root: URL) throws -> [String: Data] {
        let clean = root.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(layout: SiteFolders.detect(root: root, destination: clean), now: { SiteFixture.fixedNow }).build()
        return SiteFiles.tree(clean)
    }

    private func assertSame(_ actual: [String: Data], _ expected: [String: Data], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), file: file, line: line)
        for (path, data) in expected where actual[path] != data {
            XCTFail("\(path) differs from a clean build", file: file, line: line)
        }
    }

    func testAPostEditReachesTheFeedInTheCachedBuild() throws {
        let root = try site()
        let build = { try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })).build() }
        _ = try build()
        try editPost(root)
        _ = try build()
        let built = SiteFiles.tree(root.appendingPathComponent("_site"))
        XCTAssertTrue(String(decoding: built["feed.xml"] ?? Data(), as: UTF8.self).contains("Its edited body text."))
        assertSame(built, try cleanBuild(of: root))
    }

    func testAPostEditReachesTheFeedInThePreview() throws {
        let root = try site()
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        try editPost(root)
        XCTAssertNil(session.build(changed: [Self.post], fullRebuild: false).failure)
        let built = SiteFiles.tree(root.appendingPathComponent("_site"))
        XCTAssertTrue(String(decoding: built["feed.xml"] ?? Data(), as: UTF8.self).contains("Its edited body text."))
        assertSame(built, try cleanBuild(of: root))
    }
}
