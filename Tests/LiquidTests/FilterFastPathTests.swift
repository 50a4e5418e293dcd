import Foundation
@testable import Liquid
import XCTest

/// Filters that work on bytes or arithmetic for speed, held to the general code they stand in
/// for: `normalize_whitespace` against the split by `Character`s, date fields against
/// Foundation's Gregorian calendar.
final class FilterFastPathTests: XCTestCase {
    func testNormalizeWhitespaceEqualsTheSplitByCharacters() throws {
        let samples = [
            "", " ", "a", "  a  b\t\tc\n\nd \r\n e\u{0B}f\u{0C}g\u{0}h  ",
            "I’d seen it “lying around” 😕 on the web.\n<p>next</p>",
            // A combining mark after a space joins it into one Character, which is not whitespace.
            "a \u{301}b", "a  \u{301} b", "a \u{200D}b", "a \u{FE0F} b",
            // A prepend mark before a space (Arabic number sign) joins it too.
            "\u{600} x", "x \u{600} y",
            "é è\u{A0}non-breaking\u{2003}em space", "tab\there", "\r\n\r\nlines\r\n",
        ]
        let engine = LiquidEngine()
        let template = try engine.parse(source: "{{ s | normalize_whitespace }}", path: "t.html")
        for sample in samples {
            let expected = sample.split(whereSeparator: { $0.isRubyWhitespace }).joined(separator: " ")
            XCTAssertEqual(try engine.render(template, variables: ["s": .string(sample)]).output, expected, sample.debugDescription)
        }
    }

    func testAbsoluteURLTestEqualsTheCharacterScan() {
        func byCharacters(_ s: String) -> Bool {
            guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
            let scheme = s[..<colon]
            guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
            return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        }
        let samples = ["", ":", "/assets/main.css", "https://x.org", "HTTP://X", "mailto:a@b", "a+b-c.d:x", "1http://x", "-x:y",
                       "ht tp://x", "é:x", "a\u{301}:x", "a:\u{301}b:c", "ab:\u{301}", "x:\u{301}", ":\u{301}a:b", "#top", "?q=a:b", "a/b:c"]
        for sample in samples { XCTAssertEqual(isAbsoluteURL(sample), byCharacters(sample), sample.debugDescription) }
    }

    func testAbsoluteURLsKeepTheirNormalForm() throws {
        let engine = LiquidEngine()
        let template = try engine.parse(source: "{{ u | absolute_url }}", path: "t.html")
        func absolute(_ site: String, _ url: String) throws -> String {
            try engine.render(template, variables: ["site": ["url": .string(site), "baseurl": "/blog"], "u": .string(url)]).output
        }
        XCTAssertEqual(try absolute("HTTPS://Example.ORG:443", "/a/../b c/"), "https://example.org/blog/b%20c/")
        XCTAssertEqual(try absolute("http://example.org:80", "x.css"), "http://example.org/blog/x.css")
        XCTAssertEqual(try absolute("http://example.org:8080", "/p?q=a://b"), "http://example.org:8080/blog/p?q=a://b")
        XCTAssertEqual(try absolute("https://ümlaut.example.org", "/"), "https://xn--mlaut-jva.example.org/blog/")
    }

    func testDateFieldsByArithmeticEqualTheCalendar() {
        var instants: [TimeInterval] = [0, -1, 86_399, 86_400, 951_782_400, 4_102_444_800, -11_676_009_600, 253_402_000_000]
        // Every 7,919,999 seconds (about 92 days, shifting the time of day) from 1600 to 2400.
        var t: TimeInterval = -11_670_000_000
        while t < 13_000_000_000 { instants.append(t); t += 7_919_999 }
        for instant in instants {
            for offset in [0, 3600, -18_000, 19_800, 45_900, -43_200, 50_400] {
                let date = LiquidDate(instant: Date(timeIntervalSince1970: instant), utcOffset: offset, zoneName: nil)
                guard let fast = DateFields(wholeSeconds: date) else {
                    XCTFail("no fields by arithmetic for \(instant) at \(offset)")
                    continue
                }
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: offset)!
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date.instant)
                let yearDay = calendar.ordinality(of: .day, in: .year, for: date.instant)
                XCTAssertEqual([fast.year, fast.month, fast.day, fast.hour, fast.minute, fast.second, fast.weekday + 1, fast.yearDay],
                               [c.year, c.month, c.day, c.hour, c.minute, c.second, c.weekday, yearDay].map { $0 ?? -1 }, "\(instant) at \(offset)")
            }
        }
    }

    func testDateFieldsLeaveFractionsAndOldDatesToTheCalendar() {
        XCTAssertNil(DateFields(wholeSeconds: LiquidDate(instant: Date(timeIntervalSince1970: 0.5), utcOffset: 0, zoneName: nil)))
        XCTAssertNil(DateFields(wholeSeconds: LiquidDate(instant: Date(timeIntervalSince1970: -13_000_000_000), utcOffset: 0, zoneName: nil)))
        XCTAssertNil(DateFields(wholeSeconds: LiquidDate(instant: Date(timeIntervalSince1970: 0), utcOffset: 30, zoneName: nil)))
    }
}
