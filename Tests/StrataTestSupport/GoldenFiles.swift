import Foundation
import XCTest

/// Golden files: expected output committed beside the tests. `STRATA_RECORD=1` rewrites
/// them from the actual output instead of comparing (review every re-recorded diff by hand).
public struct GoldenFiles: Sendable {
    /// The folder in the source tree holding the files.
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// Whether this run records instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" }

    /// Compares `actual` with the golden file `name`, reporting the first line that differs.
    public func assertMatches(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent(name)
        if Self.isRecording {
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
        guard expected != actual else { return }
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
