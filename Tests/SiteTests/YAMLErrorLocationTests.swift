import Diagnostics
import XCTest
@testable import Site

/// Where a YAML error points: always at a line of the file, so the message can show it.
final class YAMLErrorLocationTests: XCTestCase {
    /// An unclosed bracket on the last line is noticed at the end of the stream, past every
    /// line; the error points at the bracket instead (found by a newcomer: `_config.yml:22:1`
    /// for a 21-line file, with no source line shown).
    func testAnUnclosedBracketOnTheLastLinePointsAtTheBracket() {
        for yaml in ["a: 1\ntitle: [unclosed\n", "a: 1\ntitle: [unclosed"] {
            do {
                _ = try YAMLReader(path: "_config.yml", firstLine: 1).read(yaml, flat: false)
                XCTFail("no error for \(yaml.debugDescription)")
            } catch {
                XCTAssertEqual(error.location?.line, 2, yaml.debugDescription)
                XCTAssertEqual(error.location?.column, 8, yaml.debugDescription)
                XCTAssertTrue(error.message.hasPrefix("invalid YAML: "), error.message)
            }
        }
    }

    /// Front matter starts below its `---`: the line is the file's, not the YAML's.
    func testTheLineCountsFromTheFrontMattersFirstLine() {
        do {
            _ = try YAMLReader(path: "post.md", firstLine: 2).read("title: x\ntags: [a, b\n", flat: false)
            XCTFail("no error")
        } catch {
            XCTAssertEqual(error.location?.line, 3)
            XCTAssertEqual(error.location?.column, 7)
        }
    }

    /// A quote left open runs on until the next quote, and libyaml stops there: the error
    /// points at the quote that was not closed (newcomer: `title: "My site` was blamed on
    /// a later, correct line).
    func testAnUnclosedQuoteIsBlamedWhereItOpens() {
        for (yaml, column) in [("title: T\nauthor: \"Me\ndescription: hi\nurl: \"https://x.org\"\n", 9),
                               ("title: T\nauthor: 'Me\ndescription: hi\nurl: 'https://x.org'\n", 9),
                               ("list:\n  - \"one\n  - two\n  - \"three\"\n", 5)] {
            do {
                _ = try YAMLReader(path: "_config.yml", firstLine: 1).read(yaml, flat: false)
                XCTFail("no error for \(yaml.debugDescription)")
            } catch {
                XCTAssertEqual(error.location?.line, 2, "\(yaml.debugDescription): \(error.message)")
                XCTAssertEqual(error.location?.column, column, yaml.debugDescription)
                XCTAssertTrue(error.message.contains("this quote is not closed on its line"), error.message)
            }
        }
    }

    /// A quoted value written over two lines is valid YAML, and an error after it is not blamed on it.
    func testAMultiLineQuoteIsNotBlamedForALaterError() {
        // Nor is a closed quote holding YAML's escapes: `''` in single quotes, `\"` in double.
        for (yaml, line) in [("title: \"a\n  b\"\nx: [1\ny: 2\n", 4),
                             ("title: 'it''s \"x'\nx: [1\ny: 2\n", 3),
                             ("title: \"say \\\"hi\\\"\"\nx: [1\ny: 2\n", 3),
                             // Closed on its second line, with a quote on the error line (review).
                             ("title: \"a\n  b\"\nx: \"y\" z\n", 3)] {
            do {
                _ = try YAMLReader(path: "_config.yml", firstLine: 1).read(yaml, flat: false)
                XCTFail("no error for \(yaml.debugDescription)")
            } catch {
                XCTAssertEqual(error.location?.line, line, "\(yaml.debugDescription): \(error.message)")
                XCTAssertFalse(error.message.contains("quote"), error.message)
            }
        }
    }
}
