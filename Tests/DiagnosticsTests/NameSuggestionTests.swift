import Diagnostics
import XCTest

final class NameSuggestionTests: XCTestCase {
    func testEditDistanceCountsATranspositionAsOneEdit() {
        XCTAssertEqual(NameSuggestion.editDistance("post", "psot"), 1)
        XCTAssertEqual(NameSuggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(NameSuggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(NameSuggestion.editDistance("baseurl", "baseurl"), 0)
        XCTAssertEqual(NameSuggestion.editDistance("héllo", "hello"), 1, "characters, not bytes")
    }

    func testSuggestsOnlyLikelyTypos() {
        let layouts = ["default", "home", "page", "post"]
        XCTAssertEqual(NameSuggestion.closest(to: "psot", in: layouts), "post")
        XCTAssertEqual(NameSuggestion.closest(to: "Defualt", in: layouts), "default", "case is ignored")
        XCTAssertNil(NameSuggestion.closest(to: "archive", in: layouts), "nothing close")
        XCTAssertNil(NameSuggestion.closest(to: "post", in: layouts), "an exact name is not a suggestion")
        XCTAssertEqual(NameSuggestion.closest(to: "excerpt_seperator", in: ["excerpt_separator", "exclude"]), "excerpt_separator")
    }

    func testFileNamesAreComparedWithoutTheirSharedExtension() {
        let includes = ["footer.html", "header.html", "toc.html"]
        XCTAssertNil(NameSuggestion.closest(to: "nope.html", in: includes), "three edits of a four-letter name is no typo")
        XCTAssertEqual(NameSuggestion.closest(to: "heder.html", in: includes), "header.html")
        XCTAssertEqual(NameSuggestion.closest(to: "tco.html", in: includes), "toc.html")
        XCTAssertEqual(NameSuggestion.closest(to: "yeer", in: ["year", "month"]), "year")
    }

    func testTiesGoToTheFirstNameInSortOrder() {
        XCTAssertEqual(NameSuggestion.closest(to: "pat", in: ["pot", "pan"]), "pan")
        XCTAssertEqual(NameSuggestion.closest(to: "pat", in: ["pan", "pot"]), "pan")
    }
}
