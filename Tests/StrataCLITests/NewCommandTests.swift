import Foundation
import XCTest

/// `strata new site|post|draft` and `strata publish`, from a temporary folder through to a build.
final class NewCommandTests: XCTestCase {
    private func today(_ zone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    func testNewSiteBuildsAndIsCleanThenPostsDraftsAndPublishing() throws {
        let folder = try StrataRunner.site([:], for: self)
        let created = try StrataRunner.run(["new", "site", "blog"], in: folder)
        XCTAssertEqual(created.status, 0, created.stderr)
        let site = folder.appendingPathComponent("blog")
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent(".gitignore"), encoding: .utf8), "_site/\n.strata-cache/\n._site.strata-*/\n")

        let post = try StrataRunner.run(["new", "post", "Hello, World: Ünïcode & more!"], in: site)
        XCTAssertEqual(post.status, 0, post.stderr)
        let postPath = "content/_posts/\(today())-hello-world-ünïcode-more.md"
        XCTAssertEqual(post.stdout, postPath + "\n")
        let text = try String(contentsOf: site.appendingPathComponent(postPath), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("---\nlayout: post\ntitle: \"Hello, World: Ünïcode & more!\"\ndate: \(today()) "), text)
        XCTAssertTrue(text.contains("\ncategories: []\n---\n"), text)

        let draft = try StrataRunner.run(["new", "draft", "An idea"], in: site)
        XCTAssertEqual(draft.stdout, "content/_drafts/an-idea.md\n", draft.stderr)
        let twice = try StrataRunner.run(["new", "draft", "An idea"], in: site)
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.stderr.contains("content/_drafts/an-idea.md already exists"), twice.stderr)

        let published = try StrataRunner.run(["publish", "an-idea"], in: site)
        XCTAssertEqual(published.status, 0, published.stderr)
        XCTAssertEqual(published.stdout, "content/_posts/\(today())-an-idea.md\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("content/_drafts/an-idea.md").path))

        let build = try StrataRunner.run(["build"], in: site)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr, "")
        XCTAssertTrue(build.stdout.hasPrefix("Built 3 posts, "), build.stdout)
        let welcome = try String(contentsOf: site.appendingPathComponent("_site/notes/\(today().replacingOccurrences(of: "-", with: "/"))/welcome-to-strata.html"), encoding: .utf8)
        XCTAssertTrue(welcome.contains("<svg"), "the layers tag drew the sample Dockerfile")
        let check = try StrataRunner.run(["check"], in: site)
        XCTAssertEqual(check.status, 0, check.stdout)
    }

    func testNewSiteRefusesAFolderWithFiles() throws {
        let folder = try StrataRunner.site(["blog/notes.txt": "mine"], for: self)
        let run = try StrataRunner.run(["new", "site", "blog"], in: folder)
        // A usage error, as `build` in a folder that is not a site: exit 2, the same wording.
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("blog already has files in it"), run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("Error: "), run.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("blog/notes.txt"), encoding: .utf8), "mine")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("blog").path), ["notes.txt"])
        let file = try StrataRunner.run(["new", "site", "blog/notes.txt"], in: folder)
        XCTAssertEqual(file.status, 2, file.stderr)
        XCTAssertTrue(file.stderr.contains("blog/notes.txt is a file"), file.stderr)
    }

    /// The theme a new site gets is the repository's, byte for byte (the embedded copy is not stale).
    func testTheNewSitesThemeIsTheBundledOne() throws {
        let folder = try StrataRunner.site([:], for: self)
        XCTAssertEqual(try StrataRunner.run(["new", "site", "s"], in: folder).status, 0)
        let site = folder.appendingPathComponent("s")
        let repository = StrataRunner.repository
        var compared = 0
        for top in ["templates", "assets"] {
            let base = repository.appendingPathComponent(top)
            for case let relative as String in FileManager.default.enumerator(atPath: base.path) ?? FileManager.DirectoryEnumerator() {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: base.appendingPathComponent(relative).path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let mine = FileManager.default.contents(atPath: site.appendingPathComponent(top + "/" + relative).path)
                XCTAssertEqual(mine, FileManager.default.contents(atPath: base.appendingPathComponent(relative).path), "\(top)/\(relative) differs: run scripts/generate-starter-site.py")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 8)
    }

    func testPublishingAMissingDraftSaysWhereItLooked() throws {
        let folder = try StrataRunner.site(["content/_config.yml": "title: T\n"], for: self)
        let run = try StrataRunner.run(["publish", "nothing"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("no draft nothing (looked for it as a path and in content/_drafts/)"), run.stderr)
    }
}
