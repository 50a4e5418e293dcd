import Foundation
import XCTest
@testable import Site

/// Nothing a post says can make Strata write outside the destination: `..` in permalinks, categories and
/// slugs is dropped as Jekyll 4.3 drops it. Expected paths are the ones Debian's Jekyll 4.3.1 wrote for the
/// same posts (a permalink ending in `.html` or `/`; `:title` from `slug:` is slugified differently).
final class ContainmentTests: XCTestCase {
    private func hostileSite() throws -> (outer: URL, root: URL) {
        let outer = try SiteFixture.temporaryFolder(self)
        let root = outer.appendingPathComponent("site")
        let posts: [String: String] = [
            "2021-01-01-a.md": "---\npermalink: /a/../../x.html\n---\nA\n",
            "2021-01-02-b.md": "---\ncategories: [\"../../../../tmp/x\"]\n---\nB\n",
            "2021-01-03-c.md": "---\npermalink: /%2e%2e/%2e%2e/y.html\n---\nC\n",
            "2021-01-04-d.md": "---\nslug: ../../z\n---\nD\n",
            "2021-01-05-e.md": "---\ncategory: ../up\npermalink: /:categories/:title/\n---\nE\n",
            "2021-01-06-f.md": "---\npermalink: /b/./../c/.hidden/..x../f.html\n---\nF\n",
        ]
        for (name, text) in posts {
            let url = root.appendingPathComponent("_posts/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("title: t\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        return (outer, root)
    }

    func testDotDotInPermalinksAndCategoriesStaysInsideTheSiteAsJekyllKeepsIt() throws {
        let (outer, root) = try hostileSite()
        let result = try SiteFixture.build(root)
        let written = Set(SiteFixture.tree(root.appendingPathComponent("_site")).keys)
        for expected in ["a/x.html", "tmp/x/2021/01/02/b.html", "y.html", "up/e/index.html", "b/c/.hidden/x/f.html"] {
            XCTAssertTrue(written.contains(expected), "\(expected) not in \(written.sorted())")
        }
        XCTAssertEqual(result.posts, 6)
        // Nothing beside the site folder, and nothing in it but the sources and _site.
        let besides = try FileManager.default.contentsOfDirectory(atPath: outer.path)
        XCTAssertEqual(besides, ["site"])
        let inside = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        XCTAssertEqual(inside, ["_config.yml", "_posts", "_site"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/x/2021/01/02/b.html"))
        // A permalink written with `..` lands elsewhere than its author wrote: one warning each says where.
        let climbs = result.warnings.filter { $0.message.contains("climbs with `..`") }
        XCTAssertEqual(climbs.map { "\($0.location!): \($0.message)" }.sorted(), [
            "_posts/2021-01-01-a.md:2:1: permalink `/a/../../x.html` climbs with `..`; it is written at /a/x.html, as Jekyll writes it, never outside the site",
            "_posts/2021-01-06-f.md:2:1: permalink `/b/./../c/.hidden/..x../f.html` climbs with `..`; it is written at /b/c/.hidden/x/f.html, as Jekyll writes it, never outside the site",
        ])
    }

    func testURLsAreSanitisedLikeJekyllsURL() {
        XCTAssertEqual(URLPath.clean("/a/../../x.html"), "/a/x.html")
        XCTAssertEqual(URLPath.clean("../../../../tmp/x/2021/b.html"), "/tmp/x/2021/b.html")
        XCTAssertEqual(URLPath.clean("/b/./../c/..x../f"), "/b/c/x/f")
        XCTAssertEqual(URLPath.clean("//a//b/"), "/a/b/")
    }

    func testOutputPathsNeverClimbEvenWhenPercentEncoded() {
        XCTAssertEqual(URLPath.outputPath(for: "/%2e%2e/%2e%2e/y.html"), "y.html")
        // Jekyll's destination adds the output extension a permalink lacks.
        XCTAssertEqual(URLPath.outputPath(for: "/a/%2E%2E/%2E%2E/%2E%2E/etc/passwd"), "etc/passwd.html")
        XCTAssertEqual(URLPath.outputPath(for: "/a/b/%2e%2e/"), "a/index.html")
        XCTAssertEqual(URLPath.outputPath(for: "/%2e%2e"), "index.html")
        XCTAssertEqual(URLPath.outputPath(for: "/"), "index.html")
    }

    func testTheWriterRefusesAPathThatCouldLeaveTheDestination() throws {
        for bad in ["../x.html", "a/../../x.html", "/etc/passwd", "a//b.html", "./a.html", "", "a/\u{0}.html", "a/..", "a/.", "a/", ".", "..", "/"] {
            XCTAssertThrowsError(try FileWriting.target(bad, in: "/srv/_site"), bad)
        }
        XCTAssertEqual(try FileWriting.target("a/b.html", in: "/srv/_site"), "/srv/_site/a/b.html")
        // Only `.` and `..` are special: other names of dots are plain names.
        for good in [".well-known/x.json", ".../a", "a/...", "a./..b", "é/ü.html"] {
            XCTAssertEqual(try FileWriting.target(good, in: "/srv/_site"), "/srv/_site/" + good, good)
        }
    }

    func testThePreviewSessionWritesInsideTheDestinationToo() throws {
        let (outer, root) = try hostileSite()
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        let post = root.appendingPathComponent("_posts/2021-01-01-a.md")
        try Data("---\npermalink: /a/../../x.html\n---\nEdited\n".utf8).write(to: post)
        XCTAssertNil(session.build(changed: [post.path], fullRebuild: false).failure)
        XCTAssertTrue(try SiteFixture.read(root, "_site/a/x.html").contains("Edited"))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outer.path), ["site"])
        // The rename-based rewrite leaves no temporary file behind.
        XCTAssertFalse(SiteFixture.tree(root.appendingPathComponent("_site")).keys.contains { $0.contains(".strata-tmp-") })
    }

    /// A link inside the site is read as Jekyll reads it outside safe mode; one that leaves the site, or a
    /// linked folder, is skipped with a warning instead of silently.
    func testSymbolicLinksAreFollowedOnlyInsideTheSite() throws {
        let outer = try SiteFixture.temporaryFolder(self)
        try Data("OUTSIDE-SECRET".utf8).write(to: outer.appendingPathComponent("secret.txt"))
        let root = try SiteFixture.site([
            "templates/_layouts/page.html": "{{ content }}",
            "shared/about.md": "---\ntitle: About\n---\nLinked page\n",
            "shared/folder/x.txt": "x",
        ], test: self)
        let files = FileManager.default
        try files.createSymbolicLink(at: root.appendingPathComponent("content/about.md"), withDestinationURL: root.appendingPathComponent("shared/about.md"))
        try files.createSymbolicLink(at: root.appendingPathComponent("content/secret.txt"), withDestinationURL: outer.appendingPathComponent("secret.txt"))
        try files.createSymbolicLink(at: root.appendingPathComponent("content/folder"), withDestinationURL: root.appendingPathComponent("shared/folder"))
        let result = try SiteFixture.build(root)
        XCTAssertTrue(try SiteFixture.read(root, "_site/about.html").contains("Linked page"))
        let written = SiteFixture.tree(root.appendingPathComponent("_site"))
        XCTAssertFalse(written.keys.contains("secret.txt"))
        XCTAssertFalse(written.values.contains { String(decoding: $0, as: UTF8.self).contains("OUTSIDE-SECRET") })
        let messages = result.warnings.map(\.rendered)
        XCTAssertTrue(messages.contains { $0.contains("content/secret.txt:1:1: warning: skipped: the symbolic link points outside the site") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("content/folder:1:1: warning: skipped: Strata does not walk linked folders") }, "\(messages)")
    }

    /// A preview edit that breaks a post is shown with the post's line, as `build` shows it.
    func testPreviewFailuresCarryTheSourceLineLikeBuild() throws {
        let (_, root) = try hostileSite()
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        let post = root.appendingPathComponent("_posts/2021-01-01-a.md")
        try Data("---\npermalink: /a.html\ndate: next tuesday\n---\nA\n".utf8).write(to: post)
        let failure = try XCTUnwrap(session.build(changed: [post.path], fullRebuild: false).failure)
        XCTAssertTrue(failure.description.contains("_posts/2021-01-01-a.md:3:1: error: `date` is not a date"), failure.description)
        XCTAssertTrue(failure.description.contains(" 3 | date: next tuesday\n"), failure.description)
    }
}

/// A file name that is not UTF-8 is named in an error (Jekyll 4.3 stops with "invalid byte sequence in
/// UTF-8"), where it used to be dropped without a word.
final class FileNameEncodingTests: XCTestCase {
    func testANameThatIsNotUTF8IsALocatedErrorWithItsBytesSpelledOut() throws {
        let root = try SiteFixture.temporaryFolder(self)
        try Data("title: t\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("_posts"), withIntermediateDirectories: true)
        // "café.md" in Latin-1: 0xE9 alone is not UTF-8.
        let name = Array("_posts/2021-01-01-caf".utf8) + [0xE9] + Array(".md".utf8)
        let path = root.path + "/" + String(decoding: name, as: UTF8.self)
        let raw = Array(root.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = raw.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0, "cannot create the test file")
        // Foundation cannot name this file to remove it with its folder.
        defer { _ = raw.withUnsafeBufferPointer { $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { unlink($0) } } }
        _ = write(fd, "---\ntitle: a\n---\nhi\n", 20)
        close(fd)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertThrowsError(try SiteFixture.build(root)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("_posts/2021-01-01-caf\\xE9.md:1:1: error: the file name is not UTF-8"), text)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site").path))
    }
}
