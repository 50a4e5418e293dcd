import Foundation
import Highlight
import XCTest
@testable import Site

/// `.strata-cache/highlight`: Rouge's answers kept between builds, used only while the same
/// interpreter and Rouge would answer, and enough to highlight without starting a worker.
final class HighlightRecordTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try SiteFixture.temporaryFolder(self)
    }

    private let answers = [
        RougeLibrary.Answer(language: "python", code: "print(\"hi\") # <\n",
                               tokens: [HighlightToken("print", "nb"), HighlightToken("(", "p"), HighlightToken("\"hi\"", "s2"), HighlightToken(")", "p"),
                                        HighlightToken(" "), HighlightToken("# <", "c1"), HighlightToken("\n")]),
        RougeLibrary.Answer(language: "no-such-language", code: "x", tokens: nil),
        RougeLibrary.Answer(language: "python", code: "", tokens: []),
    ]

    /// A record whose "Rouge" is a file of this test, so that its stamp can be changed.
    private func record(interpreter: String?) throws -> (HighlightRecord, URL) {
        let module = folder.appendingPathComponent("rouge-3.30.0/lib/rouge.rb")
        try FileManager.default.createDirectory(at: module.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("module Rouge; end\n".utf8).write(to: module)
        let record = HighlightRecord(interpreter: try XCTUnwrap(interpreter),
                                     rouge: .ran(moduleFile: module.path, moduleStamp: try XCTUnwrap(FileStamp.of(module.path))),
                                     answers: answers)
        return (record, module)
    }

    func testTheRecordReadsBackAsWritten() throws {
        let (record, _) = try record(interpreter: "/usr/bin/ruby3.1")
        let data = record.encoded()
        XCTAssertEqual(HighlightRecord.decode(data), record)
        XCTAssertNil(HighlightRecord.decode(data.dropLast(1)), "a cut-off record is no record")
        XCTAssertNil(HighlightRecord.decode(data + Data([0])), "nor one with bytes after its end")
        XCTAssertNil(HighlightRecord.decode(Data("strata-highlight-record 0\n".utf8) + data.dropFirst(HighlightRecord.formatLine.utf8.count)))
        for other in [HighlightRecord(interpreter: "", rouge: .missing, answers: []),
                      HighlightRecord(interpreter: "/usr/bin/ruby3.1", rouge: .unused, answers: [])] {
            XCTAssertEqual(HighlightRecord.decode(other.encoded()), other)
        }
    }

    /// Pages rendered while Rouge could not answer show plain code: they stand only while it
    /// still cannot, for the same interpreter (`""`: none on `PATH`).
    func testARecordOfMissingRougeStandsOnlyWhileItIsMissing() throws {
        let missing = RougeLibrary(ruby: folder.appendingPathComponent("no-ruby").path)
        XCTAssertTrue(HighlightRecord(interpreter: "", rouge: .missing, answers: []).stands(for: missing))
        XCTAssertFalse(HighlightRecord(interpreter: "/usr/bin/ruby", rouge: .missing, answers: []).stands(for: missing),
                       "the interpreter the pages were rendered with is gone")
        // A "Ruby" that starts and exits as one without Rouge does (`RougeScript`: status 3).
        let script = folder.appendingPathComponent("ruby-without-rouge")
        try Data("#!/bin/sh\nexit 3\n".utf8).write(to: script)
        XCTAssertEqual(chmod(script.path, 0o755), 0)
        let withoutRouge = RougeLibrary(ruby: script.path)
        let interpreter = try XCTUnwrap(withoutRouge.interpreterPath)
        XCTAssertTrue(HighlightRecord(interpreter: interpreter, rouge: .missing, answers: []).stands(for: withoutRouge))
        XCTAssertTrue(HighlightRecord(interpreter: "", rouge: .unused, answers: []).stands(for: withoutRouge),
                      "no page used Rouge: nothing to check")
        guard let working = Highlighter.shared.library, working.isAvailable else { throw XCTSkip("Rouge does not run here") }
        XCTAssertFalse(HighlightRecord(interpreter: working.interpreterPath ?? "", rouge: .missing, answers: []).stands(for: working),
                       "Rouge runs now: the pages must be rendered again")
    }

    /// A block that no worker could answer marks the library, whatever the reason.
    func testAMissedAnswerIsRemembered() {
        let library = RougeLibrary(ruby: folder.appendingPathComponent("no-ruby").path)
        library.remember(answers)
        XCTAssertEqual(library.highlight(code: "x", language: "no-such-language"), .unknownLanguage)
        XCTAssertFalse(library.missedAnswers, "a remembered answer misses nothing")
        XCTAssertEqual(library.highlight(code: "print(2)\n", language: "python"), .unavailable)
        XCTAssertTrue(library.missedAnswers)
    }

    /// Another interpreter, or the same Rouge module rewritten (an upgrade), may answer
    /// otherwise: the record's answers are then not used.
    func testAnswersAreUsedOnlyWithTheSameRubyAndRouge() throws {
        // An interpreter named by path: `/bin/sh` stands in for Ruby, which this test never runs.
        let library = RougeLibrary(ruby: "/bin/sh")
        let (record, module) = try record(interpreter: library.interpreterPath)
        XCTAssertTrue(record.stands(for: library))
        XCTAssertFalse(record.stands(for: RougeLibrary(ruby: "/bin/cat")), "another interpreter")
        try Data("__version__ = '2.21.0'\n".utf8).write(to: module, options: .atomic)
        XCTAssertFalse(record.stands(for: library), "Rouge upgraded")
        try FileManager.default.removeItem(at: module)
        XCTAssertFalse(record.stands(for: library), "Rouge removed")
    }

    /// Remembered answers are given without a worker: here no worker can start at all, and a
    /// block not remembered shows that (plain text), while remembered ones come highlighted.
    func testRememberedAnswersNeedNoWorker() throws {
        let library = RougeLibrary(ruby: folder.appendingPathComponent("no-ruby").path)
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

    /// A build keeps the answers Rouge gave it; a worker that really ran names its module.
    func testABuildKeepsRougeAnswers() throws {
        guard let library = Highlighter.shared.library, library.isAvailable else { throw XCTSkip("Rouge does not run here") }
        let root = folder.appendingPathComponent("site")
        try FileManager.default.copyItem(at: SiteFixture.fixturesURL().appendingPathComponent("sites/basic"), to: root)
        let post = root.appendingPathComponent("content/_posts/2021-04-01-second.md")
        let code = "docker run --rm -it alpine:3.19 sh -c 'echo \(UUID().uuidString)'\n"
        try (String(contentsOf: post, encoding: .utf8) + "\n```sh\n\(code)```\n").write(to: post, atomically: true, encoding: .utf8)
        _ = try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })).build()
        let data = try XCTUnwrap(FileManager.default.contents(atPath: root.appendingPathComponent(".strata-cache/highlight").path))
        let record = try XCTUnwrap(HighlightRecord.decode(data))
        guard case .ran(let moduleFile, _) = record.rouge else { return XCTFail("\(record.rouge)") }
        XCTAssertEqual(moduleFile, library.moduleFile)
        XCTAssertTrue(moduleFile.hasSuffix("/lib/rouge.rb"), moduleFile)
        XCTAssertTrue(record.stands(for: library))
        let kept = try XCTUnwrap(record.answers.first { $0.code == code })
        XCTAssertEqual(kept.tokens.map { $0.map(\.text).joined() }, code)
    }
}
