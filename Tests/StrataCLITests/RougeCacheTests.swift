import Foundation
import XCTest

/// The build cache and Rouge: a page whose code came out plain because Rouge could not
/// run is not kept once it can, so the cached build writes what a clean one writes.
final class RougeCacheTests: XCTestCase {
    func testPagesBuiltWithoutRougeAreRenderedAgainOnceItRuns() throws {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        guard let rubyOnPath = folders.map({ $0 + "/ruby" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw XCTSkip("no ruby here") }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: rubyOnPath)
        check.arguments = ["-e", "require 'rouge'"]
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else { throw XCTSkip("Rouge is not installed here") }

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-rouge-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let post = root.appendingPathComponent("content/_posts/2021-01-01-code.md")
        try FileManager.default.createDirectory(at: post.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("---\ntitle: Code\n---\n```python\ndef f(x):\n    return x\n```\n".utf8).write(to: post)
        // A `ruby` first on PATH that exits as one without Rouge does (`RougeScript`: status 3).
        let fake = root.appendingPathComponent("fake-bin")
        try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
        try Data("#!/bin/sh\nexit 3\n".utf8).write(to: fake.appendingPathComponent("ruby"))
        XCTAssertEqual(chmod(fake.appendingPathComponent("ruby").path, 0o755), 0)
        let path = fake.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let page = root.appendingPathComponent("_site/2021/01/01/code.html")

        let plain = try StrataRunner.run(["build", "--source", root.path], environment: ["PATH": path])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(try String(contentsOf: page, encoding: .utf8).contains("<span class=\"k\">def</span>"))
        let stillPlain = try StrataRunner.run(["build", "--source", root.path], environment: ["PATH": path])
        XCTAssertTrue(stillPlain.stdout.contains("nothing changed"), "still no Rouge: nothing to redo\n\(stillPlain.stdout)")

        let coloured = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(coloured.status, 0, coloured.stderr)
        XCTAssertFalse(coloured.stdout.contains("nothing changed"), coloured.stdout)
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("<span class=\"k\">def</span>"),
                      "Rouge runs now: the page is coloured as a clean build colours it")
        let again = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertTrue(again.stdout.contains("nothing changed"), again.stdout)
    }
}
