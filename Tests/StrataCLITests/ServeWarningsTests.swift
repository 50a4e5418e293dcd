import Diagnostics
import Foundation
import Site
import StrataTestSupport
import XCTest
@testable import strata

/// `strata serve` tells the terminal what `strata build` warns about (a broken link, a
/// missing image), through the same `SessionBuilder` the server calls on every build.
final class ServeWarningsTests: XCTestCase {
    func testAFullRenderUnderServeReportsTheBuildsWarnings() async throws {
        let root = try SiteFiles.folder([
            "_config.yml": "title: W\ntitel: typo\n",
            "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
            "index.md": "---\nlayout: default\n---\n[gone](/nowhere.html) and ![](/missing.png)\n",
        ], test: self)
        let heard = Heard()
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root)))
        let builder = SessionBuilder(session: session) { warnings in heard.add(warnings) }

        let first = await builder.build(changed: [], fullRebuild: true)
        XCTAssertNil(first.failure)
        let built = try SiteBuilder(layout: SiteFolders.detect(root: root, destination: root.appendingPathComponent("clean"))).build()
        XCTAssertFalse(built.warnings.isEmpty)
        XCTAssertEqual(heard.all.map(\.rendered), built.warnings.map(\.rendered), "the same warnings as strata build")
        XCTAssertTrue(heard.all.contains { $0.message.contains("nowhere.html") })
    }

    func testARebuildTellsOnlyTheWarningsTheLastOneDidNotGive() async throws {
        let root = try SiteFiles.folder([
            "_config.yml": "title: W\n",
            "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
            "index.md": "---\nlayout: default\n---\n[gone](/nowhere.html)\n",
        ], test: self)
        let heard = Heard()
        let builder = SessionBuilder(session: SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root)))) { heard.add($0) }
        _ = await builder.build(changed: [], fullRebuild: true)
        XCTAssertEqual(heard.all.count, 1)

        _ = await builder.build(changed: [], fullRebuild: true)
        XCTAssertEqual(heard.all.count, 1, "an unchanged warning is not told again")

        let index = root.appendingPathComponent("index.md")
        try "---\nlayout: default\n---\n[gone](/nowhere.html) [also](/elsewhere.html)\n".write(to: index, atomically: true, encoding: .utf8)
        _ = await builder.build(changed: [index.path], fullRebuild: true)
        XCTAssertEqual(heard.all.count, 2)
        XCTAssertTrue(heard.all[1].message.contains("elsewhere.html"), heard.all[1].message)

        try "---\nlayout: default\n---\nfixed\n".write(to: index, atomically: true, encoding: .utf8)
        _ = await builder.build(changed: [index.path], fullRebuild: true)
        try "---\nlayout: default\n---\n[gone](/nowhere.html)\n".write(to: index, atomically: true, encoding: .utf8)
        _ = await builder.build(changed: [index.path], fullRebuild: true)
        XCTAssertEqual(heard.all.count, 3, "a warning fixed and made again is told again")

        // The same message for a second mistake, on another line of the same file, is new (newcomer7:
        // a second sloppy `| downcase: }}` went untold because the lax-parse message was the same).
        try "---\nlayout: default\n---\n[gone](/nowhere.html) {{ page.url | upcase: }}\n".write(to: index, atomically: true, encoding: .utf8)
        _ = await builder.build(changed: [index.path], fullRebuild: true)
        XCTAssertEqual(heard.all.count, 4, heard.all.map(\.rendered).joined(separator: "\n"))
        try "---\nlayout: default\n---\n[gone](/nowhere.html) {{ page.url | upcase: }}\n\n{{ page.url | downcase: }}\n".write(to: index, atomically: true, encoding: .utf8)
        _ = await builder.build(changed: [index.path], fullRebuild: true)
        XCTAssertEqual(heard.all.count, 5, heard.all.map(\.rendered).joined(separator: "\n"))
        XCTAssertTrue(heard.all[4].rendered.contains("downcase"), heard.all[4].rendered)
    }
}

/// What the session builder told, from whichever thread it ran on.
private final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var warnings: [Diagnostic] = []
    func add(_ more: [Diagnostic]) { lock.withLock { warnings += more } }
    var all: [Diagnostic] { lock.withLock { warnings } }
}

/// Under `serve` in development, `site.url` is the local server, as `jekyll serve` 4.3 sets
/// it, so absolute links (canonical, feed, Open Graph) stay on the preview.
final class ServeDevelopmentURLTests: XCTestCase {
    func testTheDevelopmentURLIsTheLocalServer() {
        XCTAssertEqual(ServeCommand.developmentURL(host: "127.0.0.1", port: 4000), "http://localhost:4000")
        XCTAssertEqual(ServeCommand.developmentURL(host: "0.0.0.0", port: 8080), "http://0.0.0.0:8080")
    }

    func testTheURLOverrideReplacesTheConfiguredOne() throws {
        let root = try SiteFiles.folder([
            "_config.yml": "title: U\nurl: https://example.com/\n",
            "index.html": "---\n---\n{{ site.url }}|{{ '/feed.xml' | absolute_url }}",
        ], test: self)
        var overrides = SiteConfiguration.Overrides()
        overrides.url = ServeCommand.developmentURL(host: "127.0.0.1", port: 4000)
        _ = try SiteBuilder(layout: SiteFolders.detect(root: root), overrides: overrides).build()
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("_site/index.html"), encoding: .utf8),
                       "http://localhost:4000|http://localhost:4000/feed.xml")
        _ = try SiteBuilder(layout: SiteFolders.detect(root: root)).build()
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("_site/index.html"), encoding: .utf8),
                       "https://example.com|https://example.com/feed.xml")
    }
}
