import Foundation
import StrataTestSupport

/// This target's golden HTML files, in Fixtures/golden beside this file (see `GoldenFiles`).
enum Golden {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let files = GoldenFiles(folder: fixtures.appendingPathComponent("golden"))
    static var isRecording: Bool { GoldenFiles.isRecording }

    static func assertMatches(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        files.assertMatches(actual, named: name, file: file, line: line)
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
