import Foundation
import XCTest

/// `strata build` with its cache and its progress line, as a user runs it.
final class BuildCacheCLITests: XCTestCase {
    private func site() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        for index in 1...3 {
            let url = root.appendingPathComponent("content/_posts/2021-01-0\(index)-post.md")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("---\ntitle: Post \(index)\n---\nText \(index).\n".utf8).write(to: url)
        }
        return root
    }

    func testASecondBuildSaysNothingChangedAndNoCacheRendersAgain() throws {
        let root = try site()
        let first = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertFalse(first.stdout.contains("nothing changed"), first.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(".strata-cache/manifest").path))

        let second = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.hasPrefix("Built 3 posts, 0 pages and 0 static files in "), second.stdout)
        XCTAssertTrue(second.stdout.hasSuffix("; nothing changed since the last build, nothing written\n"), second.stdout)

        try Data("---\ntitle: Post 2\n---\nText 2, edited.\n".utf8).write(to: root.appendingPathComponent("content/_posts/2021-01-02-post.md"))
        let third = try StrataRunner.run(["build", "--source", root.path])
        // Its first paragraph is its excerpt, which the posts beside it carry: three pages are
        // rendered again, one of them has other bytes.
        XCTAssertTrue(third.stdout.hasSuffix("; 3 outputs rendered again, 1 file written, 2 unchanged\n"), third.stdout)
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("_site/2021/01/02/post.html"), encoding: .utf8).contains("Text 2, edited."))

        let forced = try StrataRunner.run(["build", "--no-cache", "--source", root.path])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertFalse(forced.stdout.contains("nothing changed"), forced.stdout)
        XCTAssertFalse(forced.stdout.contains("unchanged"), forced.stdout)
    }

    /// The progress line is for terminals: a pipe gets the summary line and nothing else.
    func testAPipeGetsNoProgressLine() throws {
        let run = try StrataRunner.run(["build", "--source", try site().path])
        XCTAssertEqual(run.stderr, "")
        XCTAssertFalse(run.stdout.contains("\r"), run.stdout)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 1, run.stdout)
    }
}
