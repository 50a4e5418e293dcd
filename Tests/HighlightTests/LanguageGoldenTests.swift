import Foundation
import XCTest
@testable import Highlight

/// One golden HTML file per language family, written as Rouge's fenced-code markup.
/// Pygments must run here (scripts/install-deps.sh installs it for tests).
final class LanguageGoldenTests: XCTestCase {
    func testPygmentsRunsForTheGoldens() {
        XCTAssertTrue(Highlighter.shared.library?.isAvailable ?? false, "python3 with Pygments is needed: scripts/install-deps.sh test")
    }

    func testEverySampleMatchesItsGolden() throws {
        for sample in try Golden.samples() {
            let html = Highlighter.shared.codeBlockHTML(code: sample.code, language: sample.language)
            Golden.assertMatches(html, named: sample.name + ".html")
        }
    }

    func testEverySampleKeepsItsTextAndIsColoured() throws {
        for sample in try Golden.samples() {
            let tokens = try XCTUnwrap(Highlighter.shared.tokens(code: sample.code, language: sample.language), sample.name)
            XCTAssertEqual(tokens.map(\.text).joined(), sample.code, sample.name)
            let classes = Set(tokens.compactMap(\.className))
            if sample.name.contains("invalid") || sample.name.contains("not-a") || sample.name.contains("unterminated") { continue }
            XCTAssertGreaterThanOrEqual(classes.count, 3, "\(sample.name) has hardly any colour: \(classes.sorted())")
        }
    }

    func testLanguageNamesAuthorsUse() {
        for name in ["sh", "bash", "shell", "console", "yml", "js", "ts", "c++", "html", "make", "Dockerfile", "docker"] {
            XCTAssertNotNil(Highlighter.shared.tokens(code: "x\n", language: name), name)
        }
    }
}
