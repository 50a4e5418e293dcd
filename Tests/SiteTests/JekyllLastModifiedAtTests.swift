import Foundation
import XCTest
@testable import Site

/// jekyll-last-modified-at: times from a made-up git history (committer dates fixed through
/// GIT_COMMITTER_DATE, author dates set apart to show which one counts), checked against what
/// the Debian gem (1.3.0) answers for the same history (`git log -n 1 --format=%ct -- FILE`).
/// The fixture `last-modified-at` is also compared with real Jekyll in `make test`.
final class JekyllLastModifiedAtTests: XCTestCase {
    private func write(_ files: [String: String], under root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    private func git(_ arguments: [String], in folder: URL, committed seconds: Int? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        // The gem reads the committer's time (%ct); the author's is set elsewhere to tell them apart.
        environment["GIT_AUTHOR_DATE"] = "@86400 +0000"
        if let seconds { environment["GIT_COMMITTER_DATE"] = "@\(seconds) +0000" }
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["HOME"] = folder.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " "))")
    }

    private func setModified(_ url: URL, _ seconds: Int) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(seconds))], ofItemAtPath: url.path)
    }

    private let layout = "{{ page.last_modified_at | date: \"%s\" }}|{% last_modified_at %}|{{ page.last_modified_at }}\n"

    func testTimesComeFromTheLastCommitOfEachFileThenItsModificationTime() throws {
        let repository = try SiteFixture.temporaryFolder(self)
        let site = repository.appendingPathComponent("site")
        try git(["init", "-q"], in: repository)
        try write([
            "site/_config.yml": "plugins: [jekyll-last-modified-at]\ntimezone: UTC\n",
            "site/_layouts/default.html": layout,
            "site/index.md": "---\nlayout: default\n---\n",
            "site/_posts/2020-01-01-a.md": "---\nlayout: default\n---\none\n",
            "site/notes/ü b.md": "---\nlayout: default\n---\n",
            "outside.md": "not the site's\n",
        ], under: repository)
        try git(["add", "."], in: repository)
        try git(["commit", "-q", "-m", "first"], in: repository, committed: 1_000_000_000)
        try write(["site/_posts/2020-01-01-a.md": "---\nlayout: default\n---\ntwo\n", "outside.md": "changed\n"], under: repository)
        try git(["commit", "-q", "-am", "second"], in: repository, committed: 1_100_000_000)
        try git(["mv", "site/index.md", "site/home.md"], in: repository)
        try git(["commit", "-q", "-m", "rename"], in: repository, committed: 1_200_000_000)
        // Never committed: its modification time; committed but edited since: still the commit's.
        try write(["site/new.md": "---\nlayout: default\n---\n"], under: repository)
        try setModified(site.appendingPathComponent("new.md"), 1_300_000_000)
        try write(["site/notes/ü b.md": "---\nlayout: default\n---\nedited\n"], under: repository)

        _ = try SiteFixture.build(site)
        XCTAssertEqual(try SiteFixture.read(site, "_site/2020/01/01/a.html"), "1100000000|09-Nov-04|2004-11-09 11:33:20 +0000\n")
        XCTAssertEqual(try SiteFixture.read(site, "_site/home.html"), "1200000000|10-Jan-08|2008-01-10 21:20:00 +0000\n")
        XCTAssertEqual(try SiteFixture.read(site, "_site/notes/ü b.html"), "1000000000|09-Sep-01|2001-09-09 01:46:40 +0000\n")
        XCTAssertEqual(try SiteFixture.read(site, "_site/new.html"), "1300000000|13-Mar-11|2011-03-13 07:06:40 +0000\n")
    }

    func testTheBuildCacheSeesACommitOfAnUnchangedFile() throws {
        let site = try SiteFixture.temporaryFolder(self)
        try git(["init", "-q"], in: site)
        try write([
            "_config.yml": "plugins: [jekyll-last-modified-at]\n",
            "_layouts/default.html": layout,
            "page.md": "---\nlayout: default\n---\n",
        ], under: site)
        try setModified(site.appendingPathComponent("page.md"), 1_300_000_000)
        func build() throws -> CachedSiteBuild.Outcome {
            try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: site), now: { SiteFixture.fixedNow })).build().outcome
        }
        _ = try build()
        XCTAssertTrue(try SiteFixture.read(site, "_site/page.html").hasPrefix("1300000000|"))
        XCTAssertEqual(try build(), .unchanged)
        // Committing changes no file of the site, only git's history.
        try git(["add", "."], in: site)
        try git(["commit", "-q", "-m", "add"], in: site, committed: 1_400_000_000)
        XCTAssertNotEqual(try build(), .unchanged)
        XCTAssertTrue(try SiteFixture.read(site, "_site/page.html").hasPrefix("1400000000|"))
    }

    /// `site.github` reads environment variables (`PAGES_REPO_NWO`, `PAGES_ENV`…), which the
    /// cache's file stamps do not see: a change to one builds the site again (found in review).
    func testTheBuildCacheSeesTheGitHubMetadataEnvironment() throws {
        let site = try SiteFixture.temporaryFolder(self)
        try write([
            "_config.yml": "plugins: [jekyll-github-metadata]\n",
            "index.html": "---\n---\n{{ site.github.repository_nwo }}",
        ], under: site)
        func build() throws -> CachedSiteBuild.Outcome {
            try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: site), now: { SiteFixture.fixedNow })).build().outcome
        }
        setenv("PAGES_REPO_NWO", "octo/first", 1)
        defer { unsetenv("PAGES_REPO_NWO") }
        _ = try build()
        XCTAssertEqual(try SiteFixture.read(site, "_site/index.html"), "octo/first")
        XCTAssertEqual(try build(), .unchanged)
        setenv("PAGES_REPO_NWO", "octo/second", 1)
        XCTAssertNotEqual(try build(), .unchanged)
        XCTAssertEqual(try SiteFixture.read(site, "_site/index.html"), "octo/second")
    }

    func testServeShowsAnEditedPostsNewTime() throws {
        let site = try SiteFixture.temporaryFolder(self)
        let post = "_posts/2020-01-01-a.md"
        try write(["_config.yml": "plugins: [jekyll-last-modified-at]\n", "_layouts/default.html": layout, post: "---\nlayout: default\n---\none\n"], under: site)
        try setModified(site.appendingPathComponent(post), 1_300_000_000)
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: site), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        XCTAssertTrue(try SiteFixture.read(site, "_site/2020/01/01/a.html").hasPrefix("1300000000|13-Mar-11|"))
        try write([post: "---\nlayout: default\n---\ntwo\n"], under: site)
        try setModified(site.appendingPathComponent(post), 1_400_000_000)
        XCTAssertNil(session.build(changed: [post], fullRebuild: false).failure)
        XCTAssertTrue(try SiteFixture.read(site, "_site/2020/01/01/a.html").hasPrefix("1400000000|13-May-14|"))
    }

    func testOutsideGitEveryFileHasItsModificationTime() throws {
        let root = try SiteFixture.temporaryFolder(self)
        try write([
            "_config.yml": "plugins: [jekyll-last-modified-at]\ntimezone: Asia/Tokyo\nlast-modified-at:\n  date-format: '%Y-%m-%d %H:%M'\n",
            "_layouts/default.html": layout,
            "page.md": "---\nlayout: default\nlast_modified_at: 2001-02-03\n---\n",
            "_posts/2020-01-01-own.md": "---\nlayout: default\nlast_modified_at: 2001-02-03 04:05:06 +0000\n---\n",
            "twice.md": "---\n---\n{% last_modified_at %Y %}, {% last_modified_at %d %}",
        ], under: root)
        for path in ["page.md", "_posts/2020-01-01-own.md", "twice.md"] { try setModified(root.appendingPathComponent(path), 1_500_000_000) }
        _ = try SiteFixture.build(root)
        // A page's own `last_modified_at` is replaced (the gem's hook runs after a page's front
        // matter is read); the format comes from `last-modified-at.date-format`; the zone is the site's.
        XCTAssertEqual(try SiteFixture.read(root, "_site/page.html"), "1500000000|2017-07-14 11:40|2017-07-14 11:40:00 +0900\n")
        // A post's own stays (its front matter is read after the hook), the tag still reads the file.
        XCTAssertEqual(try SiteFixture.read(root, "_site/2020/01/01/own.html"), "981173106|2017-07-14 11:40|2001-02-03 04:05:06 +0000\n")
        // The gem keeps the first text each page's tag gave, whatever the next one asks for.
        XCTAssertEqual(try SiteFixture.read(root, "_site/twice.html"), "<p>2017, 2017</p>\n")
    }

    func testTheTagWithoutThePluginNamesIt() throws {
        let root = try SiteFixture.temporaryFolder(self)
        try write(["index.md": "---\n---\n{% last_modified_at %}\n"], under: root)
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("index.md:3:1"), message)
        XCTAssertTrue(message.contains("jekyll-last-modified-at"), message)
        XCTAssertTrue(message.contains("add `- jekyll-last-modified-at` under `plugins:`"), message)
    }

    func testLogOutputIsReadByRecordNotByLine() {
        // Paths made of digits, holding newlines, or starting with one stay paths; each keeps its newest time.
        let log = "\u{1}300\0\nnew.md\02024\0\u{1}200\0\nnew.md\0a\nb.md\0\u{1}100\0\n\nlead.md\0"
        XCTAssertEqual(LastModifiedAtPlugin.parseLog(Data(log.utf8)), ["new.md": 300, "2024": 300, "a\nb.md": 200, "\nlead.md": 100])
        XCTAssertEqual(LastModifiedAtPlugin.parseLog(Data()), [:])
    }
}
