import Diagnostics
import Foundation
import StrataTestSupport
import XCTest
@testable import Site

/// Helpers for building fixture sites in temporary folders.
enum SiteFixture {
    /// The inode numbers of the regular files under `folder` (and its subfolders): what a
    /// writer that must make no new files is held to.
    static func regularFileInodes(under folder: URL) -> Set<UInt64> {
        var found: Set<UInt64> = []
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return found }
        for case let relative as String in walker {
            var info = stat()
            if lstat(folder.path + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { found.insert(UInt64(info.st_ino)) }
        }
        return found
    }

    static let fixedNow = Date(timeIntervalSince1970: 1_764_000_000) // 2025-11-24

    static func fixturesURL() throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    }

    /// A fresh temporary folder, removed at the end of the test.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        try SiteFiles.temporaryFolder(test)
    }

    /// Writes `[path: content]` into a new site folder (Strata layout).
    static func site(_ files: [String: String], test: XCTestCase) throws -> URL {
        let root = try SiteFiles.folder(files, test: test)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        return root
    }

    static func build(_ root: URL, overrides: SiteConfiguration.Overrides = .init()) throws -> SiteBuildReport {
        try SiteBuilder(layout: SiteFolders.detect(root: root), overrides: overrides, now: { fixedNow }).build()
    }

    /// Builds and expects failure; returns every diagnostic rendered.
    static func failure(_ root: URL, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try build(root)
            XCTFail("the build should have failed", file: file, line: line)
            return ""
        } catch {
            return (error as? DiagnosticList)?.description ?? "\(error)"
        }
    }

    static func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file below `root`, relative path → bytes.
    static func tree(_ root: URL) -> [String: Data] {
        SiteFiles.tree(root)
    }
}
