import XCTest
import Liquid

final class TextSearchTests: XCTestCase {
    func testFindsLikeFoundation() {
        let text = "héllo → wörld, héllo again"
        for needle in ["héllo", "wörld", "→", "again", "o", "x", "héllo again!", ""] {
            let found = TextSearch.range(of: needle, in: text).map { text[$0] }
            let expected = needle.isEmpty ? "" : text.range(of: needle).map { text[$0] }
            XCTAssertEqual(found.map(String.init), expected.map(String.init), needle)
        }
    }

    func testContinuesFromAnIndex() throws {
        let text = "<!--a--><!--b-->"
        let first = try XCTUnwrap(TextSearch.range(of: "<!--", in: text))
        let second = try XCTUnwrap(TextSearch.range(of: "<!--", in: text, from: first.upperBound))
        XCTAssertEqual(text[second.upperBound...], "b-->")
        XCTAssertNil(TextSearch.range(of: "<!--", in: text, from: second.upperBound))
    }

    func testContains() {
        XCTAssertTrue(TextSearch.contains("abc", ""))
        XCTAssertTrue(TextSearch.contains("abcabd", "abd"))
        XCTAssertFalse(TextSearch.contains("ab", "abc"))
        XCTAssertFalse(TextSearch.contains("", "a"))
    }
}
