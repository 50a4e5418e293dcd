import Foundation
import XCTest
@testable import Highlight

/// One golden HTML file per language family, written as Rouge's fenced-code markup.
/// Rouge must run here (scripts/install-deps.sh installs Debian's ruby-rouge for tests).
final class LanguageGoldenTests: XCTestCase {
    func testRougeRunsForTheGoldens() {
        XCTAssertTrue(Highlighter.shared.library?.isAvailable ?? false, "ruby with Rouge is needed: scripts/install-deps.sh test")
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

    /// Every sample but the Dockerfiles (Strata's own parser colours those) is written exactly as
    /// Rouge's own HTML formatter writes it, as Jekyll's kramdown and `highlight` tag call it:
    /// asked of `ruby` itself, in one process for all samples.
    func testEverySampleIsWhatRougeItselfWrites() throws {
        let samples = try Golden.samples().filter { !$0.language.hasPrefix("dockerfile") }
        let request = try JSONSerialization.data(withJSONObject: samples.map { ["language": $0.language, "code": $0.code] })
        let ruby = Process()
        ruby.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ruby.arguments = ["ruby", "-rjson", "-rrouge", "-e", """
            out = JSON.parse($stdin.read).map do |s|
              lexer = Rouge::Lexer.find_fancy(s["language"], s["code"])
              lexer && Rouge::Formatters::HTML.new.format(lexer.lex(s["code"]))
            end
            print JSON.generate(out)
            """]
        let input = Pipe(), output = Pipe()
        ruby.standardInput = input
        ruby.standardOutput = output
        try ruby.run()
        input.fileHandleForWriting.write(request)
        try input.fileHandleForWriting.close()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        ruby.waitUntilExit()
        XCTAssertEqual(ruby.terminationStatus, 0, "ruby with Rouge is needed: scripts/install-deps.sh test")
        let expected = try XCTUnwrap(JSONSerialization.jsonObject(with: answer) as? [Any])
        XCTAssertEqual(expected.count, samples.count)
        for (sample, rouge) in zip(samples, expected) {
            let tokens = try XCTUnwrap(Highlighter.shared.tokens(code: sample.code, language: sample.language), sample.name)
            XCTAssertEqual(tokens.html, try XCTUnwrap(rouge as? String, sample.name), sample.name)
        }
    }

    func testLanguageNamesAuthorsUse() {
        for name in ["sh", "bash", "shell", "console", "yml", "js", "ts", "c++", "html", "make", "Dockerfile", "docker"] {
            XCTAssertNotNil(Highlighter.shared.tokens(code: "x\n", language: name), name)
        }
    }
}
