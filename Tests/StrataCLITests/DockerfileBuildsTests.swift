import Foundation
import XCTest

/// The `{% layers %}` tag, `strata diagram` and `strata dockerfile` build a Dockerfile's
/// image one way (`DockerfileBuilds`): the same catalogue, the same name.
final class DockerfileBuildsTests: XCTestCase {
    /// A site holding a copy of the repository's sample catalogue and a post drawing one sample.
    private func site() throws -> URL {
        let root = try StrataRunner.site([
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n{% layers \"dockerfiles/python-3.9-slim/Dockerfile\" view=\"stack\" %}\n",
        ], for: self)
        try FileManager.default.copyItem(
            at: StrataRunner.repository.appendingPathComponent("content/dockerfiles"), to: root.appendingPathComponent("content/dockerfiles")
        )
        return root
    }

    /// They disagreed: the tag labelled the sample `python-3.9-slim` (its folder), the CLI
    /// `python:3.9-slim` (its reference in catalog.txt).
    func testTheTagAndTheCommandsNameACatalogueSampleAlike() throws {
        let root = try site()
        let build = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        let page = try String(contentsOf: root.appendingPathComponent("_site/2021/01/01/a.html"), encoding: .utf8)
        // Run from the site's parent: the catalogue is found above the Dockerfile, not in the working folder.
        let dockerfile = root.appendingPathComponent("content/dockerfiles/python-3.9-slim/Dockerfile").path
        let svg = root.appendingPathComponent("python.svg")
        let diagram = try StrataRunner.run(["diagram", dockerfile, "--view", "stack", "-o", svg.path], in: root.deletingLastPathComponent())
        XCTAssertEqual(diagram.status, 0, diagram.stderr)
        let drawn = try String(contentsOf: svg, encoding: .utf8)
        let history = try StrataRunner.run(["dockerfile", "history", dockerfile, "--json"], in: root.deletingLastPathComponent())
        XCTAssertEqual(history.status, 0, history.stderr)
        for (what, text) in [("the layers tag", page), ("strata diagram", drawn)] {
            XCTAssertTrue(text.contains("python:3.9-slim"), "\(what) does not name the sample by its reference")
            XCTAssertFalse(text.contains("of python-3.9-slim"), "\(what) names the sample after its folder")
            XCTAssertTrue(text.contains("Layers of python:3.9-slim"), what)
        }
        // The catalogue was found and used by all three: debian's layers are drawn under python's.
        XCTAssertTrue(page.contains("debian"), "the tag did not expand the base image")
        XCTAssertTrue(drawn.contains("debian"), "strata diagram did not expand the base image")
        XCTAssertTrue(history.stdout.contains("debian") || history.stdout.contains("bookworm"), history.stdout)
    }
}
