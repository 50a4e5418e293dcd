import Foundation
import XCTest

/// Finds files under the test target's `Fixtures` folder.
enum FixtureFiles {
    static func directory(_ relative: String) throws -> URL {
        let root = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil), "Fixtures missing from the test bundle")
        return root.appendingPathComponent(relative)
    }

    static func files(in relative: String, withSuffix suffix: String) throws -> [URL] {
        let folder = try directory(relative)
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(suffix) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// True when STRATA_RECORD=1: golden files are rewritten instead of compared.
    static var recording: Bool { ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" }
}
