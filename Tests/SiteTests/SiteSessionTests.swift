import Foundation
import XCTest
@testable import Site

/// The preview session's incremental builds must always equal a clean build.
final class SiteSessionTests: XCTestCase {
    private var root: URL!
    private var session: SiteSession!

    override func setUpWithError() throws {
        let fixtures = try SiteFixture.fixturesURL().appendingPathComponent("sites/basic")
        root = try SiteFixture.temporaryFolder(self).appendingPathComponent("site")
        try FileManager.default.copyItem(at: fixtures, to: root)
        session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        let first = session.build(changed: [], fullRebuild: true)
        XCTAssertNil(first.failure)
    }

    private func edit(_ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
    }

    private func assertEqualsCleanBuild(file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = root.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(layout: SiteFolders.detect(root: root, destination: clean), now: { SiteFixture.fixedNow }).build()
        let expected = SiteFixture.tree(clean)
        let actual = SiteFixture.tree(root.appendingPathComponent("_site"))
        XCTAssertEqual(Set(actual.keys), Set(expected.keys), file: file, line: line)
        for (path, data) in expected where actual[path] != data {
            XCTFail("\(path) differs from a clean build", file: file, line: line)
        }
    }

    func testEditingPostTextRendersOnlyThatPost() throws {
        try edit("content/_posts/2021-03-07-first-post.md") { $0.replacingOccurrences(of: "Text with `code`.", with: "Changed text.") }
        let outcome = session.build(changed: ["content/_posts/2021-03-07-first-post.md"], fullRebuild: false)
        XCTAssertNil(outcome.failure)
        XCTAssertFalse(outcome.fullRender)
        XCTAssertEqual(outcome.renderedDocuments, 1, "lists show titles and excerpts, which did not change")
        XCTAssertEqual(outcome.changedOutputs, ["general/docker/2021/03/07/first-post.html"], "unchanged outputs are not rewritten")
        try assertEqualsCleanBuild()
    }

    /// A page that shows posts' full content (a full-text feed) is re-rendered with the post.
    func testPagesReadingPostContentFollowTextEdits() throws {
        try Data("---\nlayout: null\n---\n{% for post in site.posts %}{{ post.content | xml_escape }}{% endfor %}\n".utf8)
            .write(to: root.appendingPathComponent("content/full.xml"))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        try edit("content/_posts/2021-03-07-first-post.md") { $0.replacingOccurrences(of: "Text with `code`.", with: "Changed text.") }
        let outcome = session.build(changed: ["content/_posts/2021-03-07-first-post.md"], fullRebuild: false)
        XCTAssertFalse(outcome.fullRender)
        XCTAssertEqual(outcome.renderedDocuments, 2)
        XCTAssertTrue(try SiteFixture.read(root, "_site/full.xml").contains("Changed text."))
        try assertEqualsCleanBuild()
    }

    /// When posts' own layouts show other posts' content, a text edit touches every post.
    func testPostLayoutsReadingPostContentTakeTheFullPath() throws {
        try edit("templates/_layouts/post.html") { $0 + "{% for p in site.posts %}{{ p.content | size }}{% endfor %}" }
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        try edit("content/_posts/2021-03-07-first-post.md") { $0.replacingOccurrences(of: "Text with `code`.", with: "Changed text.") }
        let outcome = session.build(changed: ["content/_posts/2021-03-07-first-post.md"], fullRebuild: false)
        XCTAssertTrue(outcome.fullRender)
        try assertEqualsCleanBuild()
    }

    func testContentUsageScan() {
        XCTAssertTrue(PostContentUsage.mentionsPostContent("{{ post.content }}"))
        XCTAssertTrue(PostContentUsage.mentionsPostContent("{{ site.posts[0].content | strip_html }}"))
        XCTAssertFalse(PostContentUsage.mentionsPostContent("{{ page.content }} {{ content }} {{ post.contents }} {{ layout.content }}"))
    }

    func testSavingWithoutChangesRendersNothing() throws {
        try edit("content/_posts/2021-04-01-second.md") { $0 }
        let outcome = session.build(changed: ["content/_posts/2021-04-01-second.md"], fullRebuild: false)
        XCTAssertEqual(outcome.renderedDocuments, 0)
        XCTAssertEqual(outcome.changedOutputs, [])
    }

    func testChangingTheExcerptUpdatesTheIndex() throws {
        try edit("content/_posts/2021-03-07-first-post.md") { $0.replacingOccurrences(of: "Intro with", with: "Opening with") }
        let outcome = session.build(changed: ["content/_posts/2021-03-07-first-post.md"], fullRebuild: false)
        XCTAssertFalse(outcome.fullRender, "an excerpt edit re-renders the lists, not everything")
        XCTAssertTrue(outcome.changedOutputs.contains("index.html"), "\(outcome.changedOutputs)")
        try assertEqualsCleanBuild()
    }

    func testChangingATitleRebuildsListsAndNeighbours() throws {
        try edit("content/_posts/2021-03-07-first-post.md") { $0.replacingOccurrences(of: "First <Post>", with: "Renamed") }
        let outcome = session.build(changed: ["content/_posts/2021-03-07-first-post.md"], fullRebuild: false)
        XCTAssertTrue(outcome.fullRender)
        XCTAssertTrue(outcome.changedOutputs.contains("index.html"))
        try assertEqualsCleanBuild()
    }

    func testDeletingAPostRemovesItsOutput() throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/_posts/2021-04-01-second.md"))
        let outcome = session.build(changed: ["content/_posts/2021-04-01-second.md"], fullRebuild: false)
        XCTAssertTrue(outcome.changedOutputs.contains("notes/second/index.html"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/notes/second/index.html").path))
        try assertEqualsCleanBuild()
    }

    func testLayoutAndIncludeEdits() throws {
        try edit("templates/_includes/nav.html") { $0.replacingOccurrences(of: "Home", with: "Start") }
        XCTAssertNil(session.build(changed: ["templates/_includes/nav.html"], fullRebuild: false).failure)
        XCTAssertTrue(try SiteFixture.read(root, "_site/about/index.html").contains("Start"))
        try edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "<article", with: "<article class=\"x\"") }
        let layoutEdit = session.build(changed: ["templates/_layouts/post.html"], fullRebuild: false)
        XCTAssertNil(layoutEdit.failure)
        XCTAssertFalse(layoutEdit.fullRender)
        XCTAssertEqual(layoutEdit.renderedDocuments, 2, "the two posts; pages use other layouts")
        try assertEqualsCleanBuild()
        try edit("templates/_layouts/default.html") { $0.replacingOccurrences(of: "<body>", with: "<body class=\"y\">") }
        XCTAssertEqual(session.build(changed: ["templates/_layouts/default.html"], fullRebuild: false).renderedDocuments, 4)
        try assertEqualsCleanBuild()
        try edit("templates/_layouts/default.html") { $0 + "{% if %}" }
        XCTAssertTrue(session.build(changed: ["templates/_layouts/default.html"], fullRebuild: false).failure?.description.contains("templates/_layouts/default.html:") ?? false)
    }

    /// A layout edit parses that layout and nothing else: the engine, with the includes it
    /// parsed, is kept (an include edit takes the full path). A new parent is followed.
    func testALayoutEditParsesOnlyThatLayout() throws {
        let parsedBefore = try XCTUnwrap(session.currentState).renderer.templates.engine.parseCount
        try edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "<article", with: "<article class=\"x\"") }
        let outcome = session.build(changed: ["templates/_layouts/post.html"], fullRebuild: false)
        XCTAssertNil(outcome.failure)
        XCTAssertFalse(outcome.fullRender)
        XCTAssertEqual(try XCTUnwrap(session.currentState).renderer.templates.engine.parseCount, parsedBefore + 1)
        try assertEqualsCleanBuild()
        try edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "layout: default", with: "layout: page") }
        XCTAssertFalse(session.build(changed: ["templates/_layouts/post.html"], fullRebuild: false).fullRender)
        try assertEqualsCleanBuild()
    }

    /// The first build leaves the staging files the next update writes into: a layout edit
    /// right after it makes no new file.
    func testTheFirstLayoutEditMakesNoNewFiles() throws {
        let destination = root.appendingPathComponent("_site")
        let staging = SiteWriter.stagingFolder(for: destination)
        let before = SiteFixture.regularFileInodes(under: destination).union(SiteFixture.regularFileInodes(under: staging))
        try edit("templates/_layouts/default.html") { $0.replacingOccurrences(of: "<body>", with: "<body class=\"y\">") }
        let outcome = session.build(changed: ["templates/_layouts/default.html"], fullRebuild: false)
        XCTAssertFalse(outcome.fullRender)
        XCTAssertGreaterThan(outcome.changedOutputs.count, 1)
        XCTAssertEqual(SiteFixture.regularFileInodes(under: destination).union(SiteFixture.regularFileInodes(under: staging)), before)
        try assertEqualsCleanBuild()
        SiteWriter.abandonStaging(for: destination)
    }


    func testStaticFileIsCopiedAlone() throws {
        try edit("assets/css/site.css") { $0 + "p { margin: 0; }\n" }
        let outcome = session.build(changed: ["assets/css/site.css"], fullRebuild: false)
        XCTAssertEqual(outcome.changedOutputs, ["assets/css/site.css"])
        XCTAssertEqual(outcome.renderedDocuments, 0)
        try assertEqualsCleanBuild()
    }

    func testAFailedRebuildKeepsTheSiteAndRecovers() throws {
        let before = SiteFixture.tree(root.appendingPathComponent("_site"))
        try edit("content/_posts/2021-04-01-second.md") { $0 + "\n{% if %}\n" }
        let failed = session.build(changed: ["content/_posts/2021-04-01-second.md"], fullRebuild: false)
        XCTAssertTrue(failed.failure?.description.contains("content/_posts/2021-04-01-second.md:") ?? false, "\(String(describing: failed.failure))")
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), before)
        try edit("content/_posts/2021-04-01-second.md") { $0.replacingOccurrences(of: "\n{% if %}\n", with: "\nFixed.\n") }
        XCTAssertNil(session.build(changed: ["content/_posts/2021-04-01-second.md"], fullRebuild: false).failure)
        try assertEqualsCleanBuild()
    }
}
