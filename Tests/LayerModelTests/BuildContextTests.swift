import Foundation
import XCTest
@testable import LayerModel

final class BuildContextTests: XCTestCase {
    func testLoadingListsFilesWithSizesAndHonoursDockerignore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-context-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "app.py": "print(1)\n", "static/site.css": "body{}", "node_modules/x/index.js": "x",
            "notes.log": "log", "layers.txt": "1 add /x", ".dockerignore": "node_modules\n*.log\n# comment\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let context = try BuildContext.load(directory: folder.path)
        XCTAssertEqual(context.files.map(\.path), [".dockerignore", "app.py", "static/site.css"])
        XCTAssertEqual(context.files.first { $0.path == "app.py" }?.size, 9)
    }

    func testGlobPatterns() {
        XCTAssertTrue(GlobPattern.matches("*.py", path: "app.py"))
        XCTAssertFalse(GlobPattern.matches("*.py", path: "app.pyc"))
        XCTAssertTrue(GlobPattern.matches("src", path: "src/a/b.go"), "a folder pattern covers its contents")
        XCTAssertTrue(GlobPattern.matches("src/?.go", path: "src/a.go"))
        XCTAssertFalse(GlobPattern.matches("src/?.go", path: "src/ab.go"))
        XCTAssertTrue(GlobPattern.matches("a*b*c", path: "aXbYc"))
        XCTAssertFalse(GlobPattern.matches("a*b*c", path: "aXbY"))
    }
}
