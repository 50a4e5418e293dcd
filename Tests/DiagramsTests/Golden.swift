import Foundation
import StrataTestSupport

/// This target's golden SVG files, in Fixtures/golden beside this file (see `GoldenFiles`).
enum Golden {
    static let files = GoldenFiles(folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden"))

    static func assertMatches(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        files.assertMatches(actual, named: name, file: file, line: line)
    }
}
