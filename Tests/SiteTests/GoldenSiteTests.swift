import Foundation
import XCTest
@testable import Site

/// Builds the checked-in fixture site and compares `_site/` with the expected tree file
/// by file. Re-record with `STRATA_RECORD=1 swift test --filter GoldenSiteTests`.
final class GoldenSiteTests: XCTestCase {
    func testBasicSiteMatchesGoldenFiles() throws {
        try compare(site: "basic", expected: "basic-expected", overrides: .init())
    }

    /// Protects every URL under a baseurl: links, assets and canonical URLs.
    func testBasicSiteUnderSubpathMatchesGoldenFiles() throws {
        try compare(site: "basic", expected: "basic-expected-sub", overrides: .init(baseurl: "/sub/"))
    }

    private func compare(site: String, expected: String, overrides: SiteConfiguration.Overrides) throws {
        let fixtures = try SiteFixture.fixturesURL().appendingPathComponent("sites")
        let work = try SiteFixture.temporaryFolder(self)
        let root = work.appendingPathComponent(site)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(site), to: root)
        _ = try SiteFixture.build(root, overrides: overrides)
        let actual = SiteFixture.tree(root.appendingPathComponent("_site"))

        // Record into the source tree, not the copied bundle.
        let sourceFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sites")
        if ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" {
            let target = sourceFixtures.appendingPathComponent(expected)
            try? FileManager.default.removeItem(at: target)
            for (path, data) in actual {
                let url = target.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let golden = SiteFixture.tree(fixtures.appendingPathComponent(expected))
        XCTAssertFalse(golden.isEmpty, "no golden files: record them with STRATA_RECORD=1")
        XCTAssertEqual(Set(actual.keys), Set(golden.keys), "the sets of output files differ")
        for (path, data) in golden.sorted(by: { $0.key < $1.key }) {
            guard let produced = actual[path] else { continue }
            XCTAssertEqual(String(decoding: produced, as: UTF8.self), String(decoding: data, as: UTF8.self), "\(path) differs from its golden file")
        }
    }
}
