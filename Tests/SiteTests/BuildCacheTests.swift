import Foundation
import Diagnostics
import XCTest
@testable import Site

/// `strata build`'s cache: a build after any kind of edit writes exactly what a clean build
/// writes, and a build after no edit renders and writes nothing.
final class BuildCacheTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        let fixtures = try SiteFixture.fixturesURL().appendingPathComponent("sites/basic")
        root = try SiteFixture.temporaryFolder(self).appendingPathComponent("site")
        try FileManager.default.copyItem(at: fixtures, to: root)
        // Site data and a page that shows it, so that data edits have something to change.
        try write("content/_data/links.yml", "- name: Docker\n  url: https://docker.com\n")
        try write("content/links.html", "---\ntitle: Links\n---\n{% for link in site.data.links %}<a href=\"{{ link.url }}\">{{ link.name }}</a>{% endfor %}\n")
        // A page that shows every post's content, as a feed does: what an edit to a post's text
        // reaches beyond the post's own page (found only through what each output read).
        try write("content/all.html", "---\ntitle: All\n---\n{% for post in site.posts %}<section>{{ post.content }}</section>{% endfor %}\n")
        let first = try cachedBuild()
        XCTAssertEqual(first.outcome, .rendered(written: first.result.posts + first.result.pages + first.result.staticFiles, kept: 0))
    }

    private func cachedBuild(now: Date = SiteFixture.fixedNow, useCache: Bool = true) throws -> (result: SiteBuildReport, outcome: CachedSiteBuild.Outcome) {
        try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { now }), useCache: useCache).build()
    }

    private func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // A new inode, as editors save: the stamp changes even within one clock tick.
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    private func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit of \(path) must change it")
        try write(path, changed)
    }

    /// `warnings`: the cached build's, which must be the clean build's too.
    private func assertEqualsCleanBuild(now: Date = SiteFixture.fixedNow, file: StaticString = #filePath, line: UInt = #line, kind: String = "",
                                        warnings: [Diagnostic]? = nil) throws {
        let clean = root.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        let report = try SiteBuilder(layout: SiteFolders.detect(root: root, destination: clean), now: { now }).build()
        if let warnings {
            XCTAssertEqual(warnings.map(\.description), report.warnings.map(\.description), "\(kind): the clean build's warnings", file: file, line: line)
        }
        let expected = SiteFixture.tree(clean)
        let actual = SiteFixture.tree(root.appendingPathComponent("_site"))
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), file: file, line: line)
        XCTAssertEqual(folders(root.appendingPathComponent("_site")), folders(clean), "no folder left empty", file: file, line: line)
        for (path, data) in expected where actual[path] != data {
            XCTFail("\(kind): \(path) differs from a clean build", file: file, line: line)
        }
        try FileManager.default.removeItem(at: clean)
    }

    private func folders(_ url: URL) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey])
        while let item = walker?.nextObject() as? URL {
            if (try? item.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                found.append(String(item.standardizedFileURL.path.dropFirst(url.standardizedFileURL.path.count)))
            }
        }
        return found.sorted()
    }

    /// Inode and modification time of every output: what "rewrote nothing" means.
    private func outputStamps() -> [String: [Int64]] {
        FileTree.stamps(under: root.appendingPathComponent("_site").path).mapValues { [Int64($0.inode), $0.modified] }
    }

    func testASecondBuildWithNothingChangedRendersAndWritesNothing() throws {
        let before = outputStamps()
        let second = try cachedBuild()
        XCTAssertEqual(second.outcome, .unchanged)
        XCTAssertEqual(second.result.posts, 2)
        XCTAssertEqual(outputStamps(), before)
        try assertEqualsCleanBuild()
    }

    /// Every kind of edit, one after another: the cached build writes what a clean build
    /// writes, byte for byte, and takes the fast path (re-rendering only what the edited posts
    /// can show, from the render record) exactly when the edit is to the text of existing posts
    /// and the record proves that enough.
    func testEveryKindOfEditGivesTheCleanBuildsBytes() throws {
        let second = "content/_posts/2021-04-01-second.md"
        let first = "content/_posts/2021-03-07-first-post.md"
        let edits: [(String, Bool, () throws -> Void)] = [
            ("post body", true, { try self.edit(second) { $0.replacingOccurrences(of: "Second paragraph.", with: "Second paragraph, edited.") } }),
            ("post excerpt", true, { try self.edit(second) { $0.replacingOccurrences(of: "Only paragraph", with: "The only paragraph") } }),
            ("post body again", true, { try self.edit(second) { $0 + "\nA third paragraph.\n" } }),
            ("two posts' bodies", true, {
                try self.edit(second) { $0 + "\nA fourth paragraph.\n" }
                try self.edit(first) { $0.replacingOccurrences(of: "Text with `code`.", with: "Text with `more code`.") }
            }),
            ("post excerpt beside another post", true, { try self.edit(first) { $0.replacingOccurrences(of: "Intro with", with: "An intro with") } }),
            ("post body unchanged, file rewritten", true, { try self.edit(second) { $0 + " " } }),
            ("post heading renamed", false, { try self.edit(first) { $0.replacingOccurrences(of: "## Layers", with: "## Images") } }),
            ("post date", false, { try self.edit(second) { $0.replacingOccurrences(of: "2021-04-01 23:30:00", with: "2021-04-02 08:00:00") } }),
            ("front matter", false, { try self.edit(second) { $0.replacingOccurrences(of: "title: Second", with: "title: Second, renamed\ntags: [fresh]") } }),
            ("draft", false, { try self.edit("content/_drafts/a-draft.md") { $0 + "\nMore draft.\n" } }),
            ("layout", false, { try self.edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "<article ", with: "<article class=\"edited\" ") } }),
            ("include", false, { try self.edit("templates/_includes/nav.html") { $0 + "<!-- edited nav -->\n" } }),
            ("config", false, { try self.edit("content/_config.yml") { $0.replacingOccurrences(of: "Fixture & Friends", with: "Fixture & Company") } }),
            ("config permalink", false, { try self.edit("content/_config.yml") { $0.replacingOccurrences(of: "permalink: date", with: "permalink: pretty") } }),
            ("post body after a config edit", true, { try self.edit(second) { $0 + "\nA fifth paragraph.\n" } }),
            ("data", false, { try self.edit("content/_data/links.yml") { $0 + "- name: OCI\n  url: https://opencontainers.org\n" } }),
            ("static", false, { try self.edit("content/robots.txt") { $0 + "Disallow: /edited/\n" } }),
            ("asset", false, { try self.edit("assets/css/site.css") { $0 + "\n.edited { color: red; }\n" } }),
            ("page", false, { try self.edit("content/about/index.md") { $0 + "\nAn edited line.\n" } }),
            ("post with a broken link", false, { try self.edit(second) { $0 + "\nSee [nothing](/nowhere/).\n" } }),
            ("post body while the site warns", false, { try self.edit(first) { $0 + "\nOne more line.\n" } }),
            ("broken link removed", false, { try self.edit(second) { $0.replacingOccurrences(of: "See [nothing](/nowhere/).", with: "See nothing.") } }),
            ("created post", false, { try self.write("content/_posts/2021-05-05-created.md", "---\ntitle: Created\n---\nA new post.\n") }),
            ("created static", false, { try self.write("content/files/new.txt", "new\n") }),
            ("created page", false, { try self.write("content/turn.md", "---\ntitle: Turn\npermalink: /turn.html\n---\nA page.\n") }),
            ("page turned into a folder", false, { try self.edit("content/turn.md") { $0.replacingOccurrences(of: "/turn.html", with: "/turn.html/") } }),
            ("deleted post", false, { try FileManager.default.removeItem(at: self.root.appendingPathComponent(first)) }),
            ("deleted static", false, { try FileManager.default.removeItem(at: self.root.appendingPathComponent("content/files/new.txt")) }),
            ("deleted data", false, { try FileManager.default.removeItem(at: self.root.appendingPathComponent("content/_data/links.yml")) }),
            ("post body after deletions", true, { try self.edit("content/_posts/2021-05-05-created.md") { $0 + "\nMore.\n" } }),
        ]
        for (kind, fast, change) in edits {
            try change()
            let (result, outcome) = try cachedBuild()
            switch outcome {
            case .unchanged:
                XCTFail("\(kind): an edit must render, got \(outcome)")
                continue
            case .rendered:
                XCTAssertFalse(fast, "\(kind): only what the edit can show should have been rendered")
            case .updated:
                XCTAssertTrue(fast, "\(kind): the fast path cannot prove this edit safe; it must render everything")
            }
            try assertEqualsCleanBuild(kind: kind, warnings: result.warnings)
            XCTAssertEqual(try cachedBuild().outcome, .unchanged, "\(kind): the build after it changes nothing")
        }
    }

    /// A post edit writes its page (and the lists showing it); every other file of the
    /// destination stays as it was. The edit is below the post's `<!--more-->`, so the index,
    /// which shows its excerpt, does not change.
    func testAPostEditWritesOnlyTheFilesWhoseBytesChanged() throws {
        let before = outputStamps()
        try edit("content/_posts/2021-03-07-first-post.md") { $0.replacingOccurrences(of: "Text with `code`.", with: "Text with `code`, edited.") }
        let outcome = try cachedBuild().outcome
        let after = outputStamps()
        let rewritten = Set(after.keys.filter { after[$0] != before[$0] })
        // The post's page, and the page that shows every post's content; the index shows excerpts only.
        XCTAssertEqual(rewritten, ["general/docker/2021/03/07/first-post.html", "all.html"])
        XCTAssertEqual(outcome, .updated(rendered: 2, written: 2, kept: before.count - 2))
        try assertEqualsCleanBuild()
    }

    func testNoCacheRendersAndWritesEverything() throws {
        let before = outputStamps()
        let outcome = try cachedBuild(useCache: false).outcome
        XCTAssertEqual(outcome, .rendered(written: before.count, kept: 0))
        XCTAssertTrue(outputStamps().allSatisfy { before[$0.key]?[0] != $0.value[0] }, "every file is new")
        XCTAssertEqual(try cachedBuild().outcome, .unchanged, "--no-cache leaves a record for the next build")
    }

    /// The fixture's post of 2099 is left out until its day comes, then published.
    func testAFuturePostIsPublishedOnItsDayWithoutAnyEdit() throws {
        let later = Date(timeIntervalSince1970: 4_102_531_200) // 2100-01-01
        XCTAssertEqual(try cachedBuild(now: later.addingTimeInterval(-86_400 * 400)).outcome, .unchanged)
        guard case .rendered = try cachedBuild(now: later).outcome else { return XCTFail("the future post is due") }
        try assertEqualsCleanBuild(now: later)
    }

    func testAnOutputChangedByHandIsPutBack() throws {
        let robots = root.appendingPathComponent("_site/robots.txt")
        try Data("tampered\n".utf8).write(to: robots, options: .atomic)
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("the destination differs from the record") }
        try assertEqualsCleanBuild()
        try Data("stray\n".utf8).write(to: root.appendingPathComponent("_site/stray.txt"))
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("a clean build has no stray file") }
        try assertEqualsCleanBuild()
    }

    func testAFileChangedWithinOneClockTickIsCaughtByItsHash() throws {
        var stamp = try XCTUnwrap(FileStamp.of(root.appendingPathComponent("content/robots.txt").path))
        stamp.hash = ContentHash("what the file held before")
        let build = CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root)))
        var current = build.snapshotInputs()
        current["content/robots.txt"]?.hash = nil
        var recorded = current
        recorded["content/robots.txt"] = stamp
        XCTAssertFalse(build.inputsMatch(recorded, current), "same stamp, other bytes")
        recorded["content/robots.txt"]?.hash = ContentHash.ofFile(root.appendingPathComponent("content/robots.txt").path)
        XCTAssertTrue(build.inputsMatch(recorded, current))
    }

    /// The record describes the destination the last build wrote: with that folder deleted,
    /// or with the site built into another folder, there is nothing to update in place.
    func testADestinationThatIsGoneIsWrittenWhole() throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("_site"))
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("the destination is gone") }
        try assertEqualsCleanBuild()
        let elsewhere = root.deletingLastPathComponent().appendingPathComponent("elsewhere/_site")
        let build = CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root, destination: elsewhere), now: { SiteFixture.fixedNow }))
        guard case .rendered = try build.build().outcome else { return XCTFail("another destination") }
        XCTAssertEqual(SiteFixture.tree(elsewhere), SiteFixture.tree(root.appendingPathComponent("_site")))
    }

    /// A render record that is not the one the manifest names (cut short, rewritten, of another
    /// format) is never used: the build renders everything, and right.
    func testARenderRecordNotTheLastBuildsRendersEverything() throws {
        let record = root.appendingPathComponent(".strata-cache/render")
        let data = try Data(contentsOf: record)
        XCTAssertNotNil(RenderRecord.decode(data))
        XCTAssertNil(RenderRecord.decode(data.dropLast(3)), "a cut-off record is no record")
        XCTAssertNil(RenderRecord.decode(Data("strata-render-record 0\n".utf8) + data.dropFirst(RenderRecord.formatLine.utf8.count)))

        try data.dropLast(3).write(to: record)
        try edit("content/_posts/2021-04-01-second.md") { $0.replacingOccurrences(of: "Second paragraph.", with: "Second paragraph, edited.") }
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("a record cut short must not be used") }
        try assertEqualsCleanBuild()

        // The same bytes written again are another file as far as the manifest knows.
        let whole = try Data(contentsOf: record)
        try whole.write(to: record)
        try edit("content/_posts/2021-04-01-second.md") { $0 + "\nAnother paragraph.\n" }
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("a record the last build did not write must not be used") }
        try assertEqualsCleanBuild()

        try FileManager.default.removeItem(at: record)
        try edit("content/_posts/2021-04-01-second.md") { $0 + "\nYet another paragraph.\n" }
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("no record, no fast path") }
        try assertEqualsCleanBuild()
        try edit("content/_posts/2021-04-01-second.md") { $0 + "\nA last paragraph.\n" }
        guard case .updated = try cachedBuild().outcome else { return XCTFail("the full build left a new record") }
        try assertEqualsCleanBuild()
    }

    /// What the record keeps of a post reads back as it was read: the fast path takes it
    /// instead of the file.
    func testTheRenderRecordReadsBackAsWritten() throws {
        let record = try XCTUnwrap(RenderRecord.decode(Data(contentsOf: root.appendingPathComponent(".strata-cache/render"))))
        let clean = try SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }).renderState()
        let posts = clean.content.documents.filter { $0.kind == .post }
        XCTAssertEqual(record.posts.count, posts.count)
        XCTAssertEqual(record.bodyEntries.count, clean.posts.count)
        for post in posts {
            let kept = try XCTUnwrap(record.posts[post.displayPath])
            XCTAssertEqual(RenderRecord.identity(of: kept), RenderRecord.identity(of: post), post.displayPath)
            XCTAssertEqual(kept.body, post.body)
            XCTAssertEqual(kept.frontMatter, post.frontMatter)
            XCTAssertEqual(kept.date, post.date)
        }
        for body in clean.bodies {
            let kept = try XCTUnwrap(record.body(body.document.displayPath))
            XCTAssertEqual(kept.identity, RenderRecord.identity(of: body.document))
            XCTAssertEqual(kept.contentHTML, body.contentHTML)
            XCTAssertEqual(kept.excerptHTML, body.excerptHTML)
            XCTAssertEqual(kept.headings, body.headings)
            XCTAssertEqual(kept.dependencies, body.dependencies)
        }
        XCTAssertEqual(record.readers.contentPages, clean.readers.contentPages)
        XCTAssertEqual(record.readers.feedPages, clean.readers.feedPages)
        XCTAssertEqual(record.dependencies, clean.report.dependencies)
        // Mapped from the file, as the build reads it, the record is the same.
        let mapped = try XCTUnwrap(RenderRecord.mapping(root.appendingPathComponent(".strata-cache/render").path))
        XCTAssertEqual(Set(mapped.bodyEntries.keys), Set(record.bodyEntries.keys))
        for path in record.bodyEntries.keys {
            XCTAssertEqual(mapped.body(path)?.contentHTML, record.body(path)?.contentHTML, path)
        }
    }

    /// A body record whose fields do not read back whole is no body: the fast path then
    /// renders everything. (Bodies are decoded only when asked for, so this is found then.)
    func testABodyThatDoesNotReadBackIsNoBody() throws {
        var writer = RecordWriter()
        writer.raw(RenderRecord.formatLine)
        writer.body("a.md", RenderRecord.Body(identity: ContentHash("a"), contentHTML: "<p>A</p>", excerptHTML: "<p>A</p>", headings: [], dependencies: []))
        let whole = try XCTUnwrap(RenderRecord.decode(writer.data))
        XCTAssertEqual(whole.body("a.md")?.contentHTML, "<p>A</p>")
        XCTAssertNil(whole.body("b.md"))
        // The last field (the dependencies' count) cut, the record's length made to fit.
        var cut = writer.data.dropLast(8)
        let lengthAt = RenderRecord.formatLine.utf8.count + 1
        let length = UInt64(cut.count - lengthAt - 8).littleEndian
        withUnsafeBytes(of: length) { cut.replaceSubrange(cut.startIndex + lengthAt..<cut.startIndex + lengthAt + 8, with: $0) }
        let broken = try XCTUnwrap(RenderRecord.decode(Data(cut)), "the records' frames are whole")
        XCTAssertNotNil(broken.bodyEntries["a.md"])
        XCTAssertNil(broken.body("a.md"))
    }

    /// With more posts than an edit's neighbourhood, the fast path decodes only the edited
    /// posts' bodies and their neighbours' and leaves the others without content
    /// (`RenderState.unrestored`): what it writes must still be the clean build's, after a body
    /// edit, an excerpt edit (every list shows it: all bodies are then decoded) and an edit to
    /// two posts apart.
    func testAnEditAmongManyPostsGivesTheCleanBuildsBytes() throws {
        // No page shows every post's content here; the feed shows its three newest posts'.
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/all.html"))
        try edit("content/_config.yml") { $0 + "plugins: [jekyll-feed]\nfeed:\n  posts_limit: 3\n" }
        for day in 10...17 {
            try write("content/_posts/2021-05-\(day)-more-\(day).md",
                      "---\ntitle: More \(day)\n---\nIntro \(day).\n\n<!--more-->\n\nBody of post \(day), with `code`.\n\n## Part \(day)\n\nEnd.\n")
        }
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("new posts render everything") }
        // What each edit renders again: nil for every list (an excerpt changed).
        let edits: [(String, Int?, () throws -> Void)] = [
            ("body of a post not in the feed", 1, { try self.edit("content/_posts/2021-05-13-more-13.md") { $0.replacingOccurrences(of: "End.", with: "The end.") } }),
            ("excerpt", nil, { try self.edit("content/_posts/2021-05-15-more-15.md") { $0.replacingOccurrences(of: "Intro 15.", with: "An intro, 15.") } }),
            ("body of a post in the feed", 2, { try self.edit("content/_posts/2021-05-16-more-16.md") { $0 + "\nMore.\n" } }),
            ("two bodies, one in the feed", 3, {
                try self.edit("content/_posts/2021-05-11-more-11.md") { $0 + "\nMore.\n" }
                try self.edit("content/_posts/2021-05-17-more-17.md") { $0 + "\nMore.\n" }
            }),
        ]
        for (kind, count, change) in edits {
            try change()
            guard case .updated(let rendered, _, _) = try cachedBuild().outcome else { return XCTFail("\(kind): a post's text takes the fast path") }
            if let count { XCTAssertEqual(rendered, count, kind) }
            try assertEqualsCleanBuild(kind: kind)
        }
        let feed = try String(contentsOf: root.appendingPathComponent("_site/feed.xml"), encoding: .utf8)
        XCTAssertTrue(feed.contains("More 17") && !feed.contains("More 13"), "the feed shows the three newest posts")
    }

    /// The fast path hashes only the posts that are not the record's own, unchanged: a post
    /// that `redirect_to` turns into a redirect page is hashed again, and an edit beside it
    /// still takes the fast path and writes the clean build's bytes.
    func testAnEditBesideARedirectedPostGivesTheCleanBuildsBytes() throws {
        try edit("content/_config.yml") { $0 + "plugins: [jekyll-redirect-from]\n" }
        try write("content/_posts/2021-05-01-moved.md", "---\ntitle: Moved\nredirect_to: https://example.com/moved/\n---\nGone.\n")
        guard case .rendered = try cachedBuild().outcome else { return XCTFail("a config edit renders everything") }
        try edit("content/_posts/2021-04-01-second.md") { $0 + "\nA paragraph beside the redirect.\n" }
        guard case .updated = try cachedBuild().outcome else { return XCTFail("a post's text takes the fast path") }
        try assertEqualsCleanBuild(kind: "post body beside a redirect")
        try edit("content/_posts/2021-05-01-moved.md") { $0.replacingOccurrences(of: "Gone.", with: "Gone for good.") }
        _ = try cachedBuild()
        try assertEqualsCleanBuild(kind: "the redirected post's text")
    }

    func testTheManifestReadsBackAsWritten() throws {
        let text = try String(contentsOfFile: CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root))).manifestPath, encoding: .utf8)
        let manifest = try XCTUnwrap(BuildManifest.decode(Data(text.utf8)))
        XCTAssertEqual(manifest.encoded().map { String(decoding: $0, as: UTF8.self) }, text)
        XCTAssertNotNil(manifest.nextPublication, "the fixture's post of 2099")
        XCTAssertNil(BuildManifest.decode(Data(text.dropLast(5).utf8)), "a cut-off manifest is no manifest")
    }

    /// The file lines are read as bytes: what `encoded()` writes at the edges of its fields
    /// reads back (a missing `--config` file's size -1, the largest numbers, paths with spaces
    /// and non-ASCII), and anything else is no manifest.
    func testTheManifestsFileLinesReadBackAtTheirEdges() throws {
        let missing = FileStamp(size: -1, modified: 0, changed: 0, inode: 0, hash: nil)
        let largest = FileStamp(size: Int64.max, modified: Int64.min, changed: -5, inode: UInt64.max, hash: ContentHash("racy"))
        let manifest = BuildManifest(
            environment: ContentHash("environment"), nextPublication: nil, posts: 1, pages: 2, staticFiles: 3, warnings: [],
            render: nil, inputs: ["--config /tmp/a b.yml": missing, "content/_posts/2021-01-01-café au lait.md": largest],
            outputs: ["x y/index.html": BuildManifest.Output(stamp: missing, fingerprint: ContentHash(high: 0, low: UInt64.max))]
        )
        let data = try XCTUnwrap(manifest.encoded())
        XCTAssertEqual(BuildManifest.decode(data), manifest)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("O -1 0 0 0 0000000000000000ffffffffffffffff x y/index.html\n"), text)
        for broken in [
            text.replacingOccurrences(of: "O -1 ", with: "O - "),
            text.replacingOccurrences(of: "O -1 ", with: "O 1x "),
            text.replacingOccurrences(of: "\(UInt64.max) ", with: "\(UInt64.max)0 "),
            text.replacingOccurrences(of: "\(Int64.max) ", with: "9\(Int64.max) "),
            text.replacingOccurrences(of: "0000000000000000ffff", with: "000000000000000gffff"),
            text.replacingOccurrences(of: "O -1 0 0 0 0000000000000000ffffffffffffffff", with: "O -1 0 0 0 -"),
            text.replacingOccurrences(of: "\nO ", with: "\nX "),
            text + "\n",
        ] {
            XCTAssertNotEqual(broken, text)
            XCTAssertNil(BuildManifest.decode(Data(broken.utf8)), broken)
        }
    }
}
