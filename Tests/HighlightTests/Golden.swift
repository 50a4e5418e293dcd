import Foundation
import XCTest

/// Golden-file comparison for highlighted HTML. `STRATA_RECORD=1` rewrites the files in
/// the source tree (Tests/HighlightTests/Fixtures/golden) instead of comparing.
enum Golden {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func assertMatches(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = fixtures.appendingPathComponent("golden").appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                XCTFail("could not record \(name): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file \(name): run the tests with STRATA_RECORD=1", file: file, line: line)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $1.0 != $1.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "<end of file>" }
            XCTFail("""
            \(name) differs from its golden file at line \(first + 1) (re-record with STRATA_RECORD=1):
              expected: \(shown(expectedLines))
              actual:   \(shown(actualLines))
            """, file: file, line: line)
        }
    }

    /// Every sample, with the language its name stands for (`dockerfile-seed.dockerfile` → `dockerfile`).
    static func samples() throws -> [(name: String, language: String, code: String)] {
        let folder = fixtures.appendingPathComponent("samples")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { file in
            let stem = (file as NSString).deletingPathExtension
            let language = stem.split(separator: "-").first.map(String.init) ?? stem
            let code = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            return (stem, language, code)
        }
    }
}
