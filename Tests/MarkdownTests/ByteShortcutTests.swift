import Foundation
import XCTest
@testable import Markdown

/// Shortcuts on bytes held to the `Character` and Foundation code they stand in for.
final class ByteShortcutTests: XCTestCase {
    private let headings = [
        "", " ", "Images vs. Containers", "Images are Immutable - They Can't Be Modified", "A_B-C 1.2.3 (draft) & more!",
        "  leading and trailing  ", "\tTabbed\t", "ALL CAPS 42", "Café — naïve “quotes”", "e\u{301} combining", "日本語 heading",
        "Ünïcödé at the end é", "x\u{A0}", "\u{2003}em", "a\u{301}", "ends with combining\u{301}",
        // Typography on the byte path; a mark or joiner after it leaves the path.
        "Images are Immutable – They Can’t Be Modified", "‘single’ “double” — em … «guillemets»", "’", "x’", "A’B", "’\u{301}x",
        "a\u{200D}’b", "’\u{200D}a", "«\u{FE0F}»", "Q&A: “What’s new?”\r\n",
    ]

    func testSlugifyEqualsTheCharacterWalk() {
        for text in headings {
            var expected = ""
            for character in text.lowercased() {
                if character == " " { expected.append("-") }
                else if character == "-" || character == "_" || character.isLetter || character.isNumber { expected.append(character) }
            }
            XCTAssertEqual(Slugger.slugify(text), expected, text)
        }
    }

    func testHeadingTrimEqualsFoundations() {
        for text in headings {
            XCTAssertEqual(TreeRewriter.trimmingWhitespace(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }
}
