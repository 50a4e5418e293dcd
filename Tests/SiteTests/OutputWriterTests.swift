import Foundation
import XCTest
@testable import Site

/// The one writer `build`, `serve` and `diagram` share.
final class OutputWriterTests: XCTestCase {
    private func page(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, contents: .data(Data(text.utf8)))
    }

    func testRewritesOnlyChangedOutputsAndRemovesStaleOnes() throws {
        let destination = try SiteFixture.temporaryFolder(self).appendingPathComponent("_site")
        let source = destination.deletingLastPathComponent().appendingPathComponent("site.css")
        try Data("p {}".utf8).write(to: source)
        var writer = OutputWriter(destination: destination)
        let first = try writer.replaceAll([page("a.html", "A"), page("b/c.html", "C"), OutputFile(path: "site.css", contents: .copy(source))])
        XCTAssertEqual(first.sorted(), ["a.html", "b/c.html", "site.css"])
        let changed = try writer.update([page("a.html", "A"), page("b/d.html", "D"), OutputFile(path: "site.css", contents: .copy(source))], complete: true)
        XCTAssertEqual(changed.sorted(), ["b/c.html", "b/d.html"], "a.html and site.css kept their bytes; b/c.html went away")
        XCTAssertEqual(SiteFixture.tree(destination).keys.sorted(), ["a.html", "b/d.html", "site.css"])
        XCTAssertEqual(try writer.update([page("a.html", "A2")], complete: false), ["a.html"])
        XCTAssertEqual(SiteFixture.tree(destination).keys.sorted(), ["a.html", "b/d.html", "site.css"], "a partial update removes nothing")
    }

    /// The preview once wrote an empty file where a static source could not be read; the
    /// full build failed. Both fail now, and the previous output stays.
    func testAnUnreadableSourceFailsInsteadOfWritingAnEmptyFile() throws {
        let destination = try SiteFixture.temporaryFolder(self).appendingPathComponent("_site")
        let source = destination.deletingLastPathComponent().appendingPathComponent("site.css")
        try Data("p {}".utf8).write(to: source)
        var writer = OutputWriter(destination: destination)
        try writer.replaceAll([OutputFile(path: "site.css", contents: .copy(source))])
        try FileManager.default.removeItem(at: source)
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: false)
        XCTAssertThrowsError(try writer.update([OutputFile(path: "site.css", contents: .copy(source))], complete: false)) { error in
            XCTAssertTrue("\(error)".contains("cannot read the file"), "\(error)")
        }
        XCTAssertEqual(try SiteFixture.read(destination, "site.css"), "p {}")
    }

    /// Updates stage beside a site (where `SiteWriter` stages and Ctrl-C sweeps) and inside
    /// any other folder (`diagram`, whose folder's parent may not be writable); either way
    /// nothing is left behind, and a folder emptied by removals goes as a new site lacks it.
    func testUpdatesLeaveNothingButTheOutputs() throws {
        let parent = try SiteFixture.temporaryFolder(self)
        let destination = parent.appendingPathComponent("_site")
        var site = OutputWriter(site: destination)
        try site.replaceAll([page("a.html", "A"), page("b/c.html", "C")])
        XCTAssertEqual(try site.update([page("a.html", "A2")], complete: true).sorted(), ["a.html", "b/c.html"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: destination.path), ["a.html"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["_site"])

        let folder = parent.appendingPathComponent("diagrams")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        var diagrams = OutputWriter(destination: folder)
        XCTAssertEqual(try diagrams.update([page("d.svg", "<svg/>")], complete: false), ["d.svg"])
        XCTAssertEqual(try diagrams.update([page("d.svg", "<svg/>")], complete: false), [], "same bytes: nothing written")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["d.svg"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted(), ["_site", "diagrams"])
    }

    /// The build cache's update fails on an unreadable source, at that source, as the others
    /// do, and leaves the previous site whole.
    func testTheCacheUpdateFailsOnAnUnreadableSourceAndKeepsTheSite() throws {
        let destination = try SiteFixture.temporaryFolder(self).appendingPathComponent("_site")
        let source = destination.deletingLastPathComponent().appendingPathComponent("site.css")
        try Data("p {}".utf8).write(to: source)
        var writer = OutputWriter(site: destination)
        try writer.replaceAll([page("a.html", "A"), OutputFile(path: "site.css", contents: .copy(source))])
        try FileManager.default.removeItem(at: source)
        var cache = OutputWriter(site: destination)
        XCTAssertThrowsError(try cache.update([page("a.html", "A2"), OutputFile(path: "site.css", contents: .copy(source))],
                                              present: ["a.html", "site.css"], unchanged: [])) { error in
            XCTAssertTrue("\(error)".contains("cannot read the file"), "\(error)")
        }
        XCTAssertEqual(try SiteFixture.read(destination, "a.html"), "A")
        XCTAssertEqual(try SiteFixture.read(destination, "site.css"), "p {}")
    }
}
