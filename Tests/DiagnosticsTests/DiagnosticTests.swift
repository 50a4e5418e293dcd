import XCTest
import Diagnostics

final class DiagnosticTests: XCTestCase {
    func testRenderedLikeACompilerWithCaret() {
        let source = "line one\n\tline two has {{ bad }}\nline three\n"
        let diagnostic = Diagnostic(location: SourceLocation(file: "a.md", line: 2, column: 15), message: "unknown filter", notes: ["included from b.html:3:1"], source: source, step: "liquid")
        XCTAssertEqual(diagnostic.rendered, """
        a.md:2:15: error: unknown filter [liquid]
         1 | line one
         2 | \tline two has {{ bad }}
           | \t             ^
         3 | line three
          note: included from b.html:3:1
        """)
    }

    func testWithoutLocationOrSource() {
        XCTAssertEqual(Diagnostic(location: nil, message: "disk full").rendered, "error: disk full")
        let warning = Diagnostic(.warning, location: SourceLocation(file: "x", line: 1), message: "odd")
        XCTAssertEqual(warning.rendered, "x:1:1: warning: odd")
    }

    func testExcerptClampsAtFileEdges() {
        let excerpt = SourceExcerpt(source: "a\nb", line: 1)
        XCTAssertEqual(excerpt?.firstLine, 1)
        XCTAssertEqual(excerpt?.lines, ["a", "b"])
        XCTAssertNil(SourceExcerpt(source: "a\n", line: 9))
    }
}
