import Foundation
import Highlight
import XCTest
@testable import Site

/// `.strata-cache/highlight`: Pygments' answers kept between builds, used only while the same
/// interpreter and Pygments would answer, and enough to highlight without starting a worker.
final class HighlightRecordTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try SiteFixture.temporaryFolder(self)
    }

    private let answers = [
        PygmentsLibrary.Answer(language: "python", code: "print(\"hi\") # <\n",
                               tokens: [HighlightToken("print", "nb"), HighlightToken("(", "p"), HighlightToken("\"hi\"", "s2"), HighlightToken(")", "p"),
                                        HighlightToken(" "), HighlightToken("# <", "c1"), HighlightToken("\n")]),
        PygmentsLibrary.Answer(language: "no-such-language", code: "x", tokens: nil),
        PygmentsLibrary.Answer(language: "python", code: "", tokens: []),
    ]

    /// A record whose "Pygments" is a file of this test, so that its stamp can be changed.
    private func record(interpreter: String?) throws -> (HighlightRecord, URL) {
        let module = folder.appendingPathComponent("pygments/__init__.py")
        try FileManager.default.createDirectory(at: module.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("__version__ = '2.20.0'\n".utf8).write(to: module)
        let record = HighlightRecord(interpreter: try XCTUnwrap(interpreter), moduleFile: module.path,
                                     moduleStamp: try XCTUnwrap(FileStamp.of(module.path)), answers: answers)
        return (record, module)
    }

    func testTheRecordReadsBackAsWritten() throws {
        let (record, _) = try record(interpreter: "/usr/bin/python3.11")
        let data = record.encoded()
        XCTAssertEqual(HighlightRecord.decode(data), record)
        XCTAssertNil(HighlightRecord.decode(data.dropLast(1)), "a cut-off record is no record")
        XCTAssertNil(HighlightRecord.decode(data + Data([0])), "nor one with bytes after its end")
        XCTAssertNil(HighlightRecord.decode(Data("strata-highlight-record 0\n".utf8) + data.dropFirst(HighlightRecord.formatLine.utf8.count)))
    }

    /// Another interpreter, or the same Pygments module rewritten (an upgrade), may answer
    /// otherwise: the record's answers are then not used.
    func testAnswersAreUsedOnlyWithTheSamePythonAndPygments() throws {
        // An interpreter named by path: `/bin/sh` stands in for Python, which this test never runs.
        let library = PygmentsLibrary(python: "/bin/sh")
        let (record, module) = try record(interpreter: library.interpreterPath)
        XCTAssertEqual(record.answers(for: library), answers)
        XCTAssertNil(record.answers(for: PygmentsLibrary(python: "/bin/cat")), "another interpreter")
        try Data("__version__ = '2.21.0'\n".utf8).write(to: module, options: .atomic)
        XCTAssertNil(record.answers(for: library), "Pygments upgraded")
        try FileManager.default.removeItem(at: module)
        XCTAssertNil(record.answers(for: library), "Pygments removed")
    }

    /// Remembered answers are given without a worker: here no worker can start at all, and a
    /// block not remembered shows that (plain text), while remembered ones come highlighted.
    func testRememberedAnswersNeedNoWorker() throws {
        let library = PygmentsLibrary(python: folder.appendingPathComponent("no-python").path)
        library.remember(answers)
        XCTAssertNil(library.newAnswers(), "remembered answers are nothing new to keep")
        XCTAssertEqual(library.highlight(code: answers[0].code, language: "python"), .highlighted(try XCTUnwrap(answers[0].tokens)))
        XCTAssertEqual(library.highlight(code: "x", language: "no-such-language"), .unknownLanguage)
        XCTAssertEqual(library.highlight(code: "print(1)\n", language: "python"), .unavailable)
        XCTAssertNil(library.moduleFile, "no worker started")
        let html = Highlighter(library: library).codeBlockHTML(code: answers[0].code, language: "python")
        XCTAssertEqual(html, "<div class=\"language-python highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>"
            + "<span class=\"nb\">print</span><span class=\"p\">(</span><span class=\"s2\">\"hi\"</span><span class=\"p\">)</span> "
            + "<span class=\"c1\"># &lt;</span>\n</code></pre></div></div>\n")
    }

    /// A build keeps the answers Pygments gave it; a worker that really ran names its module.
    func testABuildKeepsPygmentsAnswers() throws {
        guard let library = Highlighter.shared.library, library.isAvailable else { throw XCTSkip("Pygments does not run here") }
        let root = folder.appendingPathComponent("site")
        try FileManager.default.copyItem(at: SiteFixture.fixturesURL().appendingPathComponent("sites/basic"), to: root)
        let post = root.appendingPathComponent("content/_posts/2021-04-01-second.md")
        let code = "docker run --rm -it alpine:3.19 sh -c 'echo \(UUID().uuidString)'\n"
        try (String(contentsOf: post, encoding: .utf8) + "\n```sh\n\(code)```\n").write(to: post, atomically: true, encoding: .utf8)
        _ = try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })).build()
        let data = try XCTUnwrap(FileManager.default.contents(atPath: root.appendingPathComponent(".strata-cache/highlight").path))
        let record = try XCTUnwrap(HighlightRecord.decode(data))
        XCTAssertEqual(record.moduleFile, library.moduleFile)
        XCTAssertTrue(record.moduleFile.hasSuffix("pygments/__init__.py"), record.moduleFile)
        let kept = try XCTUnwrap(record.answers(for: library)?.first { $0.code == code })
        XCTAssertEqual(kept.tokens.map { $0.map(\.text).joined() }, code)
    }
}
