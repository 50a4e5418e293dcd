import Foundation
import XCTest
@testable import Site
import LayerModel

/// `{% explainer %}` in a post: the figure survives Markdown whole, and mistakes are located errors.
final class ExplainerTagTests: XCTestCase {
    func site(tag: String, dockerfile: String = "FROM scratch\nCOPY motd /etc/motd\nCOPY app.py /app/\nCMD [\"python3\", \"/app/app.py\"]\n") throws -> URL {
        try SiteFixture.site([
            "content/_config.yml": "title: T\n",
            "content/_posts/2021-03-07-post.md": "---\nlayout: none\n---\nBefore.\n\n\(tag)\n\nAfter.\n",
            "content/dockerfiles/catalog.txt": "",
            "content/dockerfiles/app/Dockerfile": dockerfile,
            "content/dockerfiles/app/motd": "Welcome!\n",
            "content/dockerfiles/app/app.py": "print('hello')\n",
        ], test: self)
    }

    func post(_ root: URL) throws -> String {
        try SiteFixture.read(root.appendingPathComponent("_site"), "2021/03/07/post.html")
    }

    func testTheFigureAndItsDataSurviveMarkdown() throws {
        let root = try site(tag: "{% explainer \"dockerfiles/app/Dockerfile\" write=\"/app/notes.txt:12\" %}")
        _ = try SiteFixture.build(root)
        let html = try post(root)
        XCTAssertTrue(html.contains("<p>Before.</p>\n<figure class=\"explainer\" id=\"explainer\""), html)
        XCTAssertTrue(html.contains("<script type=\"application/json\" class=\"explainer-data\">{"))
        XCTAssertTrue(html.contains("</figure>\n<p>After.</p>"))
        XCTAssertFalse(html.contains("strata:embed"))
        XCTAssertFalse(html.contains("&lt;script"), "the tag filter must not see the figure")
        XCTAssertTrue(html.contains("The container writes /app/notes.txt."))
        XCTAssertTrue(html.contains("The container modifies /app/app.py"))
        XCTAssertTrue(html.contains("The container deletes /etc/motd."))
    }

    /// A base from the catalogue is pinned by its manifest digest in the FROM step's build
    /// output, the same digest the model computes for that base, and the step says whose it is.
    func testTheFromStepPinsTheCatalogueBaseToItsManifestDigest() throws {
        let root = try site(tag: "{% explainer \"dockerfiles/app/Dockerfile\" %}",
                            dockerfile: "FROM base:1\nCOPY app.py /app/\nCMD [\"python3\", \"/app/app.py\"]\n")
        try Data("base:1 base\n".utf8).write(to: root.appendingPathComponent("content/dockerfiles/catalog.txt"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/dockerfiles/base"), withIntermediateDirectories: true)
        try Data("FROM scratch\nCOPY motd /etc/motd\n".utf8).write(to: root.appendingPathComponent("content/dockerfiles/base/Dockerfile"))
        try Data("Welcome!\n".utf8).write(to: root.appendingPathComponent("content/dockerfiles/base/motd"))
        _ = try SiteFixture.build(root)
        let html = try post(root)
        let catalogue = try Catalogue.load(directory: root.appendingPathComponent("content/dockerfiles").path)
        let base = try ImageBuilder(catalogue: catalogue)
            .build(dockerfileAt: root.appendingPathComponent("content/dockerfiles/base/Dockerfile").path,
                   options: BuildOptions(name: "base:1"))
        let digest = OCIImageManifest(base.image).digest
        XCTAssertTrue(html.contains("#4 [1/2] FROM docker.io/library/base:1@\(digest)\\n"), html)
        XCTAssertTrue(html.contains("the manifest of the sample base:1, so a real pull prints another"), html)
    }

    func testIdOptionNamesTheFigureAndTheHash() throws {
        let root = try site(tag: "{% explainer 'dockerfiles/app/Dockerfile' id=\"second\" container=\"web\" %}")
        _ = try SiteFixture.build(root)
        let html = try post(root)
        XCTAssertTrue(html.contains("id=\"second\" data-explainer data-hash-prefix=\"second-step-\""))
        XCTAssertTrue(html.contains("starts the container web:"))
    }

    func testMistakesAreLocatedAtTheTag() throws {
        let cases: [(String, String)] = [
            ("{% explainer %}", "explainer: expected one Dockerfile path inside the content folder"),
            ("{% explainer \"dockerfiles/nope/Dockerfile\" %}", "explainer: no Dockerfile at `dockerfiles/nope/Dockerfile`"),
            ("{% explainer \"../../etc/passwd\" %}", "`../../etc/passwd` is outside the content folder"),
            ("{% explainer \"dockerfiles/app/Dockerfile\" writ=\"/a\" %}", "invalid explainer option writ=\"/a\""),
            ("{% explainer \"dockerfiles/app/Dockerfile\" modify=\"/no/such\" %}", "cannot modify a file that does not exist"),
            ("{% explainer \"dockerfiles/app/Dockerfile\" write=\"/a\" write=\"/b\" %}", "write is given twice"),
            ("{% explainer \"dockerfiles/app/Dockerfile %}", "missing its closing \""),
        ]
        for (tag, message) in cases {
            let root = try site(tag: tag)
            let failure = SiteFixture.failure(root)
            XCTAssertTrue(failure.contains("content/_posts/2021-03-07-post.md:6:"), "\(tag): \(failure)")
            XCTAssertTrue(failure.contains(message), "\(tag): \(failure)")
        }
    }

    func testABrokenDockerfileSaysWhereItIsBroken() throws {
        let root = try site(tag: "{% explainer \"dockerfiles/app/Dockerfile\" %}", dockerfile: "FROM scratch\nCOPY\n")
        let failure = SiteFixture.failure(root)
        // Located at the Dockerfile's line, with its excerpt; the tag's place is a note.
        XCTAssertTrue(failure.contains("content/dockerfiles/app/Dockerfile:2:1: error: explainer: COPY requires at least two arguments"), failure)
        XCTAssertTrue(failure.contains(" 2 | COPY\n"), failure)
        XCTAssertTrue(failure.contains("note: drawn by the tag at content/_posts/2021-03-07-post.md:6:"), failure)
    }
}
