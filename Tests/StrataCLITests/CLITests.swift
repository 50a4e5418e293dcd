import Foundation
import XCTest

/// Runs the real `strata` binary: exit codes, standard output and error as a user sees them.
final class CLITests: XCTestCase {
    private func strata(_ arguments: [String], in folder: URL? = nil) throws -> StrataRunner.Run {
        try StrataRunner.run(arguments, in: folder)
    }

    private func site(_ files: [String: String]) throws -> URL {
        try StrataRunner.site(files, for: self)
    }

    func testBuildSucceedsAndSummarises() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHi\n"])
        let run = try strata(["build", "--source", root.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("Built 1 post, 0 pages and 0 static files in "), run.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/2021/01/01/a.html").path))
    }

    func testBrokenFrontMatterExitsOneWithALocatedMessage() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: [A\n---\nHi\n"])
        let run = try strata(["build", "--source", root.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/_posts/2021-01-01-a.md:2:8: error: invalid YAML"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Build failed with 1 error."), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site").path))
    }

    func testMissingIncludeNamesTheIncludeAndTheLine() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n\n{% include nowhere.html %}\n"])
        let run = try strata(["build", "--source", root.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("content/_posts/2021-01-01-a.md:5:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("nowhere.html"), run.stderr)
    }

    func testLiquidPrintsExactlyTheRenderedBytes() throws {
        let root = try site(["t.liquid": "{{ a | plus: 1 }}|{{ \"/x\" | relative_url }}", "d.json": "{\"a\": 41, \"site\": {\"baseurl\": \"/b\"}}"])
        let run = try strata(["liquid", "t.liquid", "--data", "d.json"], in: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "42|/b/x")
    }

    func testLiquidSyntaxErrorIsLocated() throws {
        let root = try site(["t.liquid": "ok\n{% for x in y %}\n"])
        let run = try strata(["liquid", "t.liquid"], in: root)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("t.liquid:2:1: error:"), run.stderr)
    }

    func testLiquidErrorModeStrictByDefaultWarnAndLaxOnRequest() throws {
        let root = try site(["t.liquid": "{{ a | plus: 1 junk }}", "d.json": "{\"a\": 41}", "w.json": "{\"a\": 41, \"site\": {\"liquid\": {\"error_mode\": \"warn\"}}}"])
        // Strict, as Liquid's own tests (and the peer suites) run it.
        let strict = try strata(["liquid", "t.liquid", "--data", "d.json"], in: root)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.hasPrefix("t.liquid:1:16: error: unexpected `junk`"), strict.stderr)
        // Warn: Liquid's lax reading, with the strict parser's located message once.
        for run in [try strata(["liquid", "t.liquid", "--data", "d.json", "--error-mode", "warn"], in: root),
                    try strata(["liquid", "t.liquid", "--data", "w.json"], in: root)] {
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stdout, "42")
            XCTAssertTrue(run.stderr.hasPrefix("t.liquid:1:16: warning: unexpected `junk`"), run.stderr)
            XCTAssertEqual(run.stderr.components(separatedBy: "warning:").count, 2, run.stderr)
        }
        let lax = try strata(["liquid", "t.liquid", "--data", "d.json", "--error-mode", "lax"], in: root)
        XCTAssertEqual(lax.status, 0, lax.stderr)
        XCTAssertEqual(lax.stdout, "42")
        XCTAssertEqual(lax.stderr, "")
        let bogus = try strata(["liquid", "t.liquid", "--error-mode", "loose"], in: root)
        XCTAssertNotEqual(bogus.status, 0)
        XCTAssertTrue(bogus.stderr.contains("--error-mode must be strict, warn or lax, not `loose`"), bogus.stderr)
    }

    func testUnknownOptionIsRejected() throws {
        let run = try strata(["build", "--bogus"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("Unknown option '--bogus'"), run.stderr)
    }

    func testDockerfileHistoryAndInspectAgreeOnTheImage() throws {
        let root = try site(["app/Dockerfile": "FROM scratch\nWORKDIR /app\nENV A=1\nCOPY a.txt .\nCMD [\"x\"]\n", "app/a.txt": "hello\n"])
        let history = try strata(["dockerfile", "history", "app/Dockerfile"], in: root)
        XCTAssertEqual(history.status, 0, history.stderr)
        let rows = history.stdout.split(separator: "\n")
        XCTAssertTrue(rows.first?.hasPrefix("IMAGE          CREATED BY") == true, history.stdout)
        XCTAssertEqual(rows.count, 1 + 4, "four history entries: WORKDIR, ENV, COPY, CMD")
        XCTAssertEqual(rows.dropFirst(2).filter { $0.hasPrefix("<missing>") }.count, 3)
        let inspect = try strata(["dockerfile", "inspect", "app/Dockerfile"], in: root)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        let object = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [[String: Any]])?.first)
        let id = try XCTUnwrap(object["Id"] as? String)
        XCTAssertTrue(rows.dropFirst().first?.hasPrefix(String(id.dropFirst("sha256:".count).prefix(12))) == true,
                      "one image id: docker history's top row is the image inspect Id")
        XCTAssertEqual(((object["RootFS"] as? [String: Any])?["Layers"] as? [String])?.count, 2, "WORKDIR and COPY")
    }

    func testDockerfileInspectOfABadDockerfileIsLocated() throws {
        let root = try site(["Dockerfile": "FROM scratch\nBOGUS x\n"])
        let run = try strata(["dockerfile", "inspect", "Dockerfile"], in: root)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("Dockerfile:2:1: error:"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }
}
