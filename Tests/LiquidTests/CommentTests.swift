import Liquid
import XCTest

/// Liquid 5.4 parses a comment's body without rendering it; every expectation here is what Debian's
/// ruby-liquid 5.4 answers for the same template (strict `render!`).
final class CommentTests: XCTestCase {
    private func render(_ source: String) throws -> String {
        let engine = LiquidEngine()
        return try engine.render(engine.parse(source: source, path: "c.liquid"), variables: [:]).output
    }

    func testUnknownAndStrayTagsDirectlyInAComment() throws {
        XCTAssertEqual(try render("{% comment %}{% bogus {{ %}{% endcomment %}"), "")
        XCTAssertEqual(try render("{% comment %}{% endfor %}{% else %}x{% endcomment %}y"), "y")
        XCTAssertEqual(try render("{% comment %}{% comment %}{% bogus %}{% endcomment %}{% endcomment %}z"), "z")
        XCTAssertEqual(try render("{%- comment -%} a {%- endcomment -%} b"), "b")
    }

    func testMalformedTagsAndUnclosedBlocksInsideACommentAreErrors() {
        for (source, expected) in [
            ("{% comment %}{% if %}{% endcomment %}", "expected a condition"),
            ("{% comment %}{% if true %}{% endcomment %}", "`if` from line 1 is still open"),
            ("{% comment %}{% if true %}{% bogus %}{% endif %}{% endcomment %}", "unknown tag `bogus`"),
            ("{% comment %}{% raw %}{% endcomment %}", "`raw` is never closed"),
            ("{% comment %}{% cycle %}{% endcomment %}", "expected `cycle [name:] value"),
            ("{% comment %}x", "`comment` is never closed"),
        ] {
            XCTAssertThrowsError(try render(source), source) { error in
                let message = (error as? LiquidError)?.message ?? "\(error)"
                XCTAssertTrue(message.contains(expected), "\(source): \(message)")
            }
        }
    }
}
