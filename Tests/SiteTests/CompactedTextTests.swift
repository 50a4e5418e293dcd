import XCTest
@testable import Site

/// `String.compacted()` keeps every page until the site is written: the same text, in
/// storage of its own rather than the buffer appending grew.
final class CompactedTextTests: XCTestCase {
    func testSameTextInStorageOfItsOwn() {
        var grown = ""
        for index in 0..<2_000 { grown += index.isMultiple(of: 7) ? "é😕\u{301}\r\n" : "<p>\(index)</p>" }
        for text in ["", "short", "é", grown, String(grown.dropFirst(3))] {
            let copy = text.compacted()
            XCTAssertEqual(Array(copy.utf8), Array(text.utf8))
            XCTAssertEqual(copy.count, text.count)
        }
        var original = grown
        var copy = grown.compacted()
        let shared = original.withUTF8 { a in copy.withUTF8 { b in a.baseAddress == b.baseAddress } }
        XCTAssertFalse(shared, "a large page must be copied, not keep the grown buffer")
    }
}
