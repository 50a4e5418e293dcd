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


    /// The preview's session updates the same outputs over and over (a layout edit rewrites
    /// every post): its writer swaps each changed output with its staged file and writes the
    /// next update into the files it swapped out, so repeated updates make no new files
    /// (creating them was most of a layout edit's time); the bytes served are the new ones.
    func testTheSessionsUpdatesReuseTheFilesTheyReplace() throws {
        let parent = try SiteFixture.temporaryFolder(self)
        let destination = parent.appendingPathComponent("_site")
        let staging = SiteWriter.stagingFolder(for: destination)
        var writer = OutputWriter(site: destination, reusingReplacedFiles: true)
        let paths = ["index.html", "2026/01/01/a.html", "2026/01/02/b.html"]
        try writer.replaceAll(paths.map { page($0, "\($0) 0") })
        XCTAssertEqual(try writer.update(paths.map { page($0, "\($0) 1") }, complete: true).sorted(), paths.sorted())
        let afterFirst = SiteFixture.regularFileInodes(under: destination).union(SiteFixture.regularFileInodes(under: staging))
        XCTAssertEqual(afterFirst.count, 6, "three outputs and the three files they replaced")
        for edit in 2...4 {
            XCTAssertEqual(try writer.update(paths.map { page($0, "\($0) \(edit)") }, complete: true).sorted(), paths.sorted())
            for path in paths { XCTAssertEqual(try SiteFixture.read(destination, path), "\(path) \(edit)") }
            XCTAssertEqual(SiteFixture.regularFileInodes(under: destination).union(SiteFixture.regularFileInodes(under: staging)), afterFirst, "edit \(edit) made new files")
        }
        XCTAssertEqual(SiteFixture.tree(destination).keys.sorted(), paths.sorted())
        // A new output is renamed in; an output removed goes, its spare stays in the staging folder.
        XCTAssertEqual(try writer.update([page("index.html", "index 5"), page("new.html", "N")], complete: true).sorted(),
                       ["2026/01/01/a.html", "2026/01/02/b.html", "index.html", "new.html"])
        XCTAssertEqual(SiteFixture.tree(destination).keys.sorted(), ["index.html", "new.html"])
        XCTAssertEqual(try SiteFixture.read(destination, "index.html"), "index 5")
        // Ctrl-C (and the server's stop) removes the kept files with the staging folder.
        SiteWriter.abandonStaging(for: destination)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["_site"])
    }

    /// The session's first write leaves a spare file per page in the staging folder, so its
    /// first update (a layout edit rewrites every post) makes no new files either; an output
    /// in a folder the destination lacks still gets its folder.
    func testSparesLeftByTheFirstWriteServeTheFirstUpdate() throws {
        let parent = try SiteFixture.temporaryFolder(self)
        let destination = parent.appendingPathComponent("_site")
        let staging = SiteWriter.stagingFolder(for: destination)
        var writer = OutputWriter(site: destination, reusingReplacedFiles: true)
        let paths = ["index.html", "2026/01/01/a.html", "2026/01/02/b.html"]
        let first = paths.map { page($0, "\($0) 0") }
        try writer.replaceAll(first)
        writer.stageSpares(for: first)
        let afterFirst = SiteFixture.regularFileInodes(under: destination).union(SiteFixture.regularFileInodes(under: staging))
        XCTAssertEqual(afterFirst.count, 6, "three outputs and a spare for each")
        XCTAssertEqual(try writer.update(paths.map { page($0, "\($0) 1, longer than before") }, complete: true).sorted(), paths.sorted())
        for path in paths { XCTAssertEqual(try SiteFixture.read(destination, path), "\(path) 1, longer than before") }
        XCTAssertEqual(SiteFixture.regularFileInodes(under: destination).union(SiteFixture.regularFileInodes(under: staging)), afterFirst, "the first update made new files")
        _ = try writer.update(paths.map { page($0, "\($0) 2") } + [page("2026/02/01/c.html", "C")], complete: true)
        XCTAssertEqual(try SiteFixture.read(destination, "2026/02/01/c.html"), "C")
        XCTAssertEqual(try SiteFixture.read(destination, "index.html"), "index.html 2")
        SiteWriter.abandonStaging(for: destination)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["_site"])
    }

    /// `strata build`'s writer leaves no spares.
    func testABuildsWriterStagesNoSpares() throws {
        let parent = try SiteFixture.temporaryFolder(self)
        let destination = parent.appendingPathComponent("_site")
        var writer = OutputWriter(site: destination)
        let files = [page("a.html", "A0")]
        try writer.replaceAll(files)
        writer.stageSpares(for: files)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["_site"])
    }

    /// A replaced output that another name also links to (here a copy of the site made with
    /// hard links) is never rewritten: that name keeps its bytes.
    func testAReplacedFileWithAnotherLinkIsNotRewritten() throws {
        let parent = try SiteFixture.temporaryFolder(self)
        let destination = parent.appendingPathComponent("_site")
        var writer = OutputWriter(site: destination, reusingReplacedFiles: true)
        try writer.replaceAll([page("a.html", "A0")])
        _ = try writer.update([page("a.html", "A1")], complete: true)
        let backup = parent.appendingPathComponent("backup.html")
        XCTAssertEqual(link(destination.path + "/a.html", backup.path), 0)
        _ = try writer.update([page("a.html", "A2")], complete: true)
        _ = try writer.update([page("a.html", "A3")], complete: true)
        _ = try writer.update([page("a.html", "A4")], complete: true)
        XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), "A1")
        XCTAssertEqual(try SiteFixture.read(destination, "a.html"), "A4")
        SiteWriter.abandonStaging(for: destination)
    }

    /// `strata build`'s writer (the build cache's updates) keeps nothing beside the site.
    func testABuildsUpdateKeepsNoFilesBesideTheSite() throws {
        let parent = try SiteFixture.temporaryFolder(self)
        let destination = parent.appendingPathComponent("_site")
        var writer = OutputWriter(site: destination)
        try writer.replaceAll([page("a.html", "A0")])
        XCTAssertEqual(try writer.update([page("a.html", "A1")], present: ["a.html"], unchanged: []), 1)
        XCTAssertEqual(try SiteFixture.read(destination, "a.html"), "A1")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent.path), ["_site"])
    }
}
