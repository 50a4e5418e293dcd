import XCTest
@testable import Site

/// Paths are split on their bytes; the components are what `split(separator: "/")` gives.
final class RelativePathTests: XCTestCase {
    func testComponentsAreTheSplitsOfTheSlashes() {
        for path in ["", "/", "a", "_posts/2021-03-07-a.md", "a//b/c.md/", "/x/y", "caf\u{E9}/\u{1F433} d/ü.md", "_posts/sub/2021-03-07-x.markdown"] {
            XCTAssertEqual(RelativePath.components(path), path.split(separator: "/"), path)
            XCTAssertEqual(RelativePath.lastComponent(path), path.split(separator: "/").last.map(String.init) ?? "", path)
        }
        XCTAssertEqual(RelativePath.removingExtension("_posts/sub/2021-03-07-x.md"), "_posts/sub/2021-03-07-x")
    }
}
