import Diagnostics
import Liquid
import XCTest
@testable import Site

final class FrontMatterTests: XCTestCase {
    func testNoFrontMatterKeepsWholeBody() throws {
        let file = try FrontMatterFile.parse("Just text\n---\n", path: "a.md")
        XCTAssertFalse(file.hasFrontMatter)
        XCTAssertEqual(file.body, "Just text\n---\n")
        XCTAssertEqual(file.bodyFirstLine, 1)
    }

    func testEmptyFrontMatter() throws {
        let file = try FrontMatterFile.parse("---\n---\nBody\n", path: "a.md")
        XCTAssertTrue(file.hasFrontMatter)
        XCTAssertTrue(file.values.isEmpty)
        XCTAssertEqual(file.body, "Body\n")
        XCTAssertEqual(file.bodyFirstLine, 3)
    }

    func testValuesKeepTypesOrderAndKeyLines() throws {
        let file = try FrontMatterFile.parse("---\ntitle: \"2021\"\ncount: 3\nratio: 0.5\nflag: true\nnothing: ~\nlist: [a, b]\n---\nBody", path: "a.md")
        XCTAssertEqual(file.values.keys, ["title", "count", "ratio", "flag", "nothing", "list"])
        XCTAssertEqual(file.values["title"], .string("2021"))
        XCTAssertEqual(file.values["count"], .int(3))
        XCTAssertEqual(file.values["ratio"], .double(0.5))
        XCTAssertEqual(file.values["flag"], .bool(true))
        XCTAssertEqual(file.values["nothing"], .null)
        XCTAssertEqual(file.values["list"], .array([.string("a"), .string("b")]))
        XCTAssertEqual(file.keyLines["count"], 3)
        XCTAssertEqual(file.bodyFirstLine, 9)
    }

    func testWindowsLineEndingsAndDotsTerminator() throws {
        let file = try FrontMatterFile.parse("---\r\ntitle: Hi\r\n...\r\nBody\r\n", path: "a.md")
        XCTAssertEqual(file.values["title"], .string("Hi"))
        XCTAssertEqual(file.body, "Body\r\n")
        XCTAssertEqual(file.bodyFirstLine, 4)
    }

    /// The YAML and the body are cut from the text by byte offsets: non-ASCII next to
    /// every cut (a combining mark after a line end, `\r\n` split from its `\r`) comes through whole.
    func testNonASCIIAtEveryCutComesThroughWhole() throws {
        let file = try FrontMatterFile.parse("---\r\n\u{301}: x\ntitle: Café 😕\n---  \r\n\n\u{301}é body\r\n", path: "a.md")
        XCTAssertEqual(file.values["title"], .string("Café 😕"))
        XCTAssertEqual(file.values["\u{301}"], .string("x"))
        XCTAssertEqual(Array(file.body.unicodeScalars), Array("\u{301}é body\r\n".unicodeScalars))
        XCTAssertEqual(file.bodyFirstLine, 6)
    }

    func testBrokenYAMLNamesFileLineAndColumn() {
        XCTAssertThrowsError(try FrontMatterFile.parse("---\ntitle: ok\ntags: [a, b\nlayout: post\n---\n", path: "content/_posts/x.md")) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.location?.file, "content/_posts/x.md")
            XCTAssertEqual(diagnostic?.location?.line, 4)
            XCTAssertTrue(diagnostic?.message.hasPrefix("invalid YAML") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try FrontMatterFile.parse("---\ntitle: a: b\n---\n", path: "x.md")) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.location?.line, 2)
            XCTAssertEqual(diagnostic?.location?.column, 9)
        }
    }

    func testUnclosedFrontMatterIsAnError() {
        XCTAssertThrowsError(try FrontMatterFile.parse("---\ntitle: x\nno end\n", path: "x.md")) { error in
            XCTAssertTrue("\(error)".contains("x.md:1:1: error: front matter opened with `---` is never closed"), "\(error)")
        }
    }

    func testFrontMatterThatIsNotAMapping() {
        XCTAssertThrowsError(try FrontMatterFile.parse("---\n- a\n- b\n---\n", path: "x.md")) { error in
            XCTAssertTrue("\(error)".contains("x.md:2:1: error: front matter must be a mapping"), "\(error)")
        }
    }

    func testInvalidUTF8IsLocated() {
        var bytes = Array("---\ntitle: ok\n---\nfine\nbad ".utf8)
        bytes += [0xC3, 0x28]
        XCTAssertThrowsError(try SourceText.decode(Data(bytes), path: "p.md")) { error in
            XCTAssertEqual((error as? Diagnostic)?.location, SourceLocation(file: "p.md", line: 5, column: 5))
        }
    }

    func testCategoriesFromStringOrList() {
        XCTAssertEqual(SiteReader.words(.string("a  b\tc")), ["a", "b", "c"])
        XCTAssertEqual(SiteReader.words(.array([.string("x y"), .int(2)])), ["x y", "2"])
        XCTAssertEqual(SiteReader.words(nil), [])
    }

    func testDatesWithZones() throws {
        let london = try XCTUnwrap(TimeZone(identifier: "Europe/London"))
        let iso = ISO8601DateFormatter()
        XCTAssertEqual(DateParsing.parse("2021-03-07", timeZone: london), iso.date(from: "2021-03-07T00:00:00Z"))
        XCTAssertEqual(DateParsing.parse("2021-07-07", timeZone: london), iso.date(from: "2021-07-06T23:00:00Z"))
        XCTAssertEqual(DateParsing.parse("2021-03-07 10:20:30 +0100", timeZone: london), iso.date(from: "2021-03-07T09:20:30Z"))
        XCTAssertEqual(DateParsing.parse("2021-03-07T10:20:30-05:00", timeZone: london), iso.date(from: "2021-03-07T15:20:30Z"))
        XCTAssertEqual(DateParsing.parse("2021-03-07 10:20", timeZone: london), iso.date(from: "2021-03-07T10:20:00Z"))
        XCTAssertEqual(DateParsing.parse("2021-03-07T10:20:30.25Z", timeZone: london), iso.date(from: "2021-03-07T10:20:30Z"))
        // Rolled over as Jekyll 4.3 (Ruby's Time.parse) rolls it: Debian's jekyll wrote 2021-02-30-x.md to 2021/03/02/.
        XCTAssertEqual(DateParsing.parse("2021-02-30", timeZone: london), iso.date(from: "2021-03-02T00:00:00Z"))
        XCTAssertNil(DateParsing.parse("2021-13-01", timeZone: london))
        XCTAssertNil(DateParsing.parse("yesterday", timeZone: london))
        XCTAssertNil(DateParsing.parse("2021-03-07 25", timeZone: london))
        // After the time, Ruby's Time.parse (Jekyll 4.3.1, TZ=Europe/London) takes a zone and
        // ignores the rest: Jekyll's own docs date a post `2023-01-29 18:30:22 2023 -0800`.
        XCTAssertEqual(DateParsing.parse("2021-03-07 10:20:30 2023 -0800", timeZone: london), iso.date(from: "2021-03-07T10:20:30Z"))
        XCTAssertEqual(DateParsing.parse("2021-03-07 10:20 nonsense words", timeZone: london), iso.date(from: "2021-03-07T10:20:00Z"))
        XCTAssertEqual(DateParsing.parse("2021-03-07 10:20:30 +0100 extra", timeZone: london), iso.date(from: "2021-03-07T09:20:30Z"))
        XCTAssertEqual(DateParsing.parse("2021-07-07 10:20:30 (note)", timeZone: london), iso.date(from: "2021-07-07T09:20:30Z"))
    }
}
