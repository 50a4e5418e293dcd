import Diagnostics
import Foundation
import XCTest
@testable import Site

/// A build that writes its site stages each page on disk as soon as its layouts are applied
/// (`PageSpool`), so a large site is never held in memory whole. What it writes and warns
/// about must be what a render in memory gives, and nothing may stay beside `_site/`.
final class PageSpoolTests: XCTestCase {
    private let files = [
        "content/_config.yml": "title: T\nbaseurl: /blog\n",
        "templates/_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
        "templates/_layouts/post.html": "---\nlayout: default\n---\n<article id=\"top\">{{ content }}</article>\n"
            + "{% if page.previous %}<a href=\"{{ page.previous.url | relative_url }}\">{{ page.previous.title }}</a>{% endif %}\n",
        "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n## One\n\nSee [two](#two) and [b](/blog/2021/01/02/b.html#nothing).\n",
        "content/_posts/2021-01-02-b.md": "---\ntitle: B\n---\n## Two\n\n[Missing](/blog/nowhere.html) and [a](/blog/2021/01/01/a.html#one).\n",
        "content/index.html": "---\nlayout: default\n---\n{% for post in site.posts %}<a href=\"{{ post.url | relative_url }}\">{{ post.title }}</a>{{ post.excerpt }}{% endfor %}\n",
    ]

    /// The spooled build writes the bytes and raises the warnings (links and anchors checked
    /// from the staged files) that the same render held in memory does.
    func testStagedBuildWritesAndWarnsAsARenderInMemory() throws {
        let root = try SiteFixture.site(files, test: self)
        let builder = SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })
        let rendered = try builder.render()
        let report = try builder.build()

        var expected: [String: Data] = [:]
        for file in rendered.files {
            switch file.contents {
            case .data(let data): expected[file.path] = data
            case .copy(let source): expected[file.path] = try Data(contentsOf: source)
            case .staged: XCTFail("a render in memory staged \(file.path)")
            }
        }
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), expected)
        let warnings = report.warnings.map(\.rendered)
        XCTAssertEqual(warnings, rendered.report.warnings.map(\.rendered))
        XCTAssertTrue(warnings.contains { $0.contains("/blog/nowhere.html") }, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("#nothing") }, warnings.joined(separator: "\n"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("strata-") }, [])
    }

    /// A cached build that renders everything again stages nothing for a page whose bytes the
    /// destination already has: that file is left as it was (same inode), and the site is whole.
    func testCachedFullRenderLeavesUnchangedPagesAlone() throws {
        let root = try SiteFixture.site(files, test: self)
        let builder = SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })
        _ = try CachedSiteBuild(builder: builder).build()
        let site = root.appendingPathComponent("_site")
        let post = site.appendingPathComponent("2021/01/01/a.html").path
        let before = try XCTUnwrap(FileStamp.of(post))
        let index = try SiteFixture.read(site, "index.html")
        // A new page changes what is read (a full render) but not the post's page.
        try Data("---\nlayout: default\n---\nabout\n".utf8).write(to: root.appendingPathComponent("content/about.html"))
        let (_, outcome) = try CachedSiteBuild(builder: builder).build()
        guard case .rendered(let written, let kept) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(written, 1, "only about.html is new")
        XCTAssertGreaterThan(kept, 2)
        XCTAssertEqual(FileStamp.of(post)?.inode, before.inode)
        XCTAssertEqual(try SiteFixture.read(site, "index.html"), index)
        XCTAssertEqual(try SiteFixture.read(site, "about.html"), "<html><body>about\n</body></html>\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("strata-") && $0 != ".strata-cache" }, [])
    }

    /// The spool of a build that died (its process is gone) is swept by the next build.
    func testTheNextBuildSweepsTheSpoolOfADeadBuild() throws {
        let root = try SiteFixture.site(files, test: self)
        let destination = root.appendingPathComponent("_site")
        // Process ids stop below 2^22 on Linux: this one is never running.
        let dead = PageSpool.folder(for: destination, pid: 9_999_999)
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: dead.appendingPathComponent("1"))
        _ = try SiteFixture.build(root)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("strata-") }, [])
    }

    /// What the spool keeps: numbered files beside the destination (never inside it), each
    /// page's fingerprint, and for a page the destination already holds, that file.
    func testStoreStagesBesideTheDestinationAndSkipsKeptBytes() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let destination = folder.appendingPathComponent("_site")
        let spool = try PageSpool(destination: destination, kept: ["same.html": ContentHash(Data("same".utf8))])
        guard case .staged(let staged) = try spool.store("<p>new</p>", at: "a/new.html") else { return XCTFail("not staged") }
        XCTAssertEqual(staged.deletingLastPathComponent().path, spool.folder.path)
        XCTAssertFalse(staged.path.hasPrefix(destination.path + "/"))
        XCTAssertEqual(try Data(contentsOf: staged), Data("<p>new</p>".utf8))
        XCTAssertEqual(spool.fingerprint(of: "a/new.html"), ContentHash(Data("<p>new</p>".utf8)))
        guard case .staged(let kept) = try spool.store("same", at: "same.html") else { return XCTFail("not staged") }
        XCTAssertEqual(kept.path, destination.appendingPathComponent("same.html").path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spool.folder.path), [staged.lastPathComponent])
        spool.remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: spool.folder.path))
    }
}
