import Foundation
import Liquid
import StrataTestSupport
import XCTest

/// A realistic post layout rendered against a committed golden file. Re-record with STRATA_RECORD=1.
final class GoldenTests: XCTestCase {
    func testPostLayoutMatchesGolden() throws {
        let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/golden", withExtension: nil))
        var config = LiquidConfiguration()
        config.includeLoader = DirectoryIncludeLoader(root: fixtures.appendingPathComponent("_includes"), displayRoot: "_includes")
        let engine = LiquidEngine(configuration: config)
        let template = try engine.parse(source: String(contentsOf: fixtures.appendingPathComponent("post.html"), encoding: .utf8), path: "post.html")
        guard case .object(let variables) = try Value(json: String(contentsOf: fixtures.appendingPathComponent("post.json"), encoding: .utf8)) else {
            return XCTFail("post.json must hold an object")
        }
        let rendered = try engine.render(template, variables: variables)
        XCTAssertEqual(rendered.includedPaths, ["_includes/figure.html"])

        GoldenFiles(folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden"))
            .assertMatches(rendered.output, named: "post.golden.html")
    }
}
