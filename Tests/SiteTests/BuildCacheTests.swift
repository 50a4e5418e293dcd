import Foundation
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
        let first = try cachedBuild()
        XCTAssertEqual(first.outcome, .rendered(written: first.result.posts + first.result.pages + first.result.staticFiles, kept: 0))
    }

    private func cachedBuild(now: Date = SiteFixture.fixedNow, useCache: Bool = true) throws -> (result: BuildResult, outcome: CachedSiteBuild.Outcome) {
        try CachedSiteBuild(builder: SiteBuilder(layout: SiteLayout.detect(root: root), now: { now }), useCache: useCache).build()
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

    private func assertEqualsCleanBuild(now: Date = SiteFixture.fixedNow, file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = root.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(layout: SiteLayout.detect(root: root, destination: clean), now: { now }).build()
        let expected = SiteFixture.tree(clean)
        let actual = SiteFixture.tree(root.appendingPathComponent("_site"))
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), file: file, line: line)
        XCTAssertEqual(folders(root.appendingPathComponent("_site")), folders(clean), "no folder left empty", file: file, line: line)
        for (path, data) in expected where actual[path] != data {
            XCTFail("\(path) differs from a clean build", file: file, line: line)
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

    func testEveryKindOfEditGivesTheCleanBuildsBytes() throws {
        let edits: [(String, () throws -> Void)] = [
            ("post body", { try self.edit("content/_posts/2021-04-01-second.md") { $0.replacingOccurrences(of: "Second paragraph.", with: "Second paragraph, edited.") } }),
            ("post excerpt", { try self.edit("content/_posts/2021-04-01-second.md") { $0.replacingOccurrences(of: "Only paragraph", with: "The only paragraph") } }),
            ("front matter", { try self.edit("content/_posts/2021-04-01-second.md") { $0.replacingOccurrences(of: "title: Second", with: "title: Second, renamed\ntags: [fresh]") } }),
            ("layout", { try self.edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "<article ", with: "<article class=\"edited\" ") } }),
            ("include", { try self.edit("templates/_includes/nav.html") { $0 + "<!-- edited nav -->\n" } }),
            ("config", { try self.edit("content/_config.yml") { $0.replacingOccurrences(of: "Fixture & Friends", with: "Fixture & Company") } }),
            ("config permalink", { try self.edit("content/_config.yml") { $0.replacingOccurrences(of: "permalink: date", with: "permalink: pretty") } }),
            ("data", { try self.edit("content/_data/links.yml") { $0 + "- name: OCI\n  url: https://opencontainers.org\n" } }),
            ("static", { try self.edit("content/robots.txt") { $0 + "Disallow: /edited/\n" } }),
            ("asset", { try self.edit("assets/css/site.css") { $0 + "\n.edited { color: red; }\n" } }),
            ("page", { try self.edit("content/about/index.md") { $0 + "\nAn edited line.\n" } }),
            ("created post", { try self.write("content/_posts/2021-05-05-created.md", "---\ntitle: Created\n---\nA new post.\n") }),
            ("created static", { try self.write("content/files/new.txt", "new\n") }),
            ("created page", { try self.write("content/turn.md", "---\ntitle: Turn\npermalink: /turn.html\n---\nA page.\n") }),
            ("page turned into a folder", { try self.edit("content/turn.md") { $0.replacingOccurrences(of: "/turn.html", with: "/turn.html/") } }),
            ("deleted post", { try FileManager.default.removeItem(at: self.root.appendingPathComponent("content/_posts/2021-03-07-first-post.md")) }),
            ("deleted static", { try FileManager.default.removeItem(at: self.root.appendingPathComponent("content/files/new.txt")) }),
            ("deleted data", { try FileManager.default.removeItem(at: self.root.appendingPathComponent("content/_data/links.yml")) }),
        ]
        for (kind, change) in edits {
            try change()
            let outcome = try cachedBuild().outcome
            guard case .rendered = outcome else {
                XCTFail("\(kind): an edit must render, got \(outcome)")
                continue
            }
            try assertEqualsCleanBuild()
            XCTAssertEqual(try cachedBuild().outcome, .unchanged, "\(kind): the build after it changes nothing")
        }
    }

    /// A post edit writes its page (and the lists showing it); every other file of the
    /// destination stays as it was.
    func testAPostEditWritesOnlyTheFilesWhoseBytesChanged() throws {
        let before = outputStamps()
        try edit("content/_posts/2021-04-01-second.md") { $0.replacingOccurrences(of: "Second paragraph.", with: "Second paragraph, edited.") }
        let outcome = try cachedBuild().outcome
        let after = outputStamps()
        let rewritten = Set(after.keys.filter { after[$0] != before[$0] })
        XCTAssertEqual(rewritten, ["notes/second/index.html"])
        XCTAssertEqual(outcome, .rendered(written: 1, kept: before.count - 1))
        try assertEqualsCleanBuild()
    }

    func testABuildIntoAnotherDestinationWritesAWholeSite() throws {
        // The cache recorded `_site`; a build into a folder that does not exist yet must not
        // try to update it in place.
        let other = root.deletingLastPathComponent().appendingPathComponent("elsewhere")
        let build = CachedSiteBuild(builder: SiteBuilder(layout: SiteLayout.detect(root: root, destination: other), now: { SiteFixture.fixedNow }))
        _ = try build.build()
        XCTAssertEqual(SiteFixture.tree(other), SiteFixture.tree(root.appendingPathComponent("_site")))
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
        let build = CachedSiteBuild(builder: SiteBuilder(layout: SiteLayout.detect(root: root)))
        var current = build.snapshotInputs()
        current["content/robots.txt"]?.hash = nil
        var recorded = current
        recorded["content/robots.txt"] = stamp
        XCTAssertFalse(build.inputsMatch(recorded, current), "same stamp, other bytes")
        recorded["content/robots.txt"]?.hash = ContentHash.ofFile(root.appendingPathComponent("content/robots.txt").path)
        XCTAssertTrue(build.inputsMatch(recorded, current))
    }

    func testTheManifestReadsBackAsWritten() throws {
        let text = try String(contentsOfFile: CachedSiteBuild(builder: SiteBuilder(layout: SiteLayout.detect(root: root))).manifestPath, encoding: .utf8)
        let manifest = try XCTUnwrap(BuildManifest.decode(Data(text.utf8)))
        XCTAssertEqual(manifest.encoded().map { String(decoding: $0, as: UTF8.self) }, text)
        XCTAssertNotNil(manifest.nextPublication, "the fixture's post of 2099")
        XCTAssertNil(BuildManifest.decode(Data(text.dropLast(5).utf8)), "a cut-off manifest is no manifest")
    }
}
