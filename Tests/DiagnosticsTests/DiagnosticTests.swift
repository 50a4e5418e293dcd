import XCTest
import Diagnostics

final class DiagnosticTests: XCTestCase {
    func testRenderedLikeACompilerWithCaret() {
        let source = "line one\n\tline two has {{ bad }}\nline three\n"
        let diagnostic = Diagnostic(location: SourceLocation(file: "a.md", line: 2, column: 15), message: "unknown filter", notes: ["included from b.html:3:1"], source: source, kind: Diagnostic.Kind(rawValue: "bodies"))
        XCTAssertEqual(diagnostic.rendered, """
        a.md:2:15: error: unknown filter [bodies]
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

    func testCRLFAndLoneCRFilesKeepTheirExcerpt() {
        let crlf = Diagnostic(location: SourceLocation(file: "w.md", line: 2, column: 3), message: "bad", source: "one\r\ntwo\r\nthree\r\n")
        XCTAssertEqual(crlf.rendered, "w.md:2:3: error: bad\n 1 | one\n 2 | two\n   |   ^\n 3 | three")
        XCTAssertEqual(SourceExcerpt(source: "a\rb\rc", line: 2)?.lines, ["a", "b", "c"])
        XCTAssertEqual(SourceExcerpt(source: "a\n", line: 1)?.lines, ["a"])
        XCTAssertEqual(SourceExcerpt(source: "a\n\n", line: 2)?.lines, ["a", ""])
    }

    func testALongLineIsCutAroundTheCaret() {
        let line = String(repeating: "x", count: 300_000) + "{{ oops" + String(repeating: "y", count: 1000)
        let diagnostic = Diagnostic(location: SourceLocation(file: "min.html", line: 1, column: 300_001), message: "unclosed", source: line)
        let rendered = diagnostic.rendered.split(separator: "\n").map(String.init)
        XCTAssertEqual(rendered.count, 3)
        XCTAssertLessThanOrEqual(rendered[1].count, SourceExcerpt.maximumWidth + 10)
        XCTAssertTrue(rendered[1].contains("…" + String(repeating: "x", count: 60) + "{{ oops"), rendered[1])
        XCTAssertTrue(rendered[1].hasSuffix("…"))
        // The caret still sits under `{{`.
        let caret = rendered[2].firstIndex(of: "^").map { rendered[2].distance(from: rendered[2].startIndex, to: $0) }
        let brace = rendered[1].range(of: "{{").map { rendered[1].distance(from: rendered[1].startIndex, to: $0.lowerBound) }
        XCTAssertEqual(caret, brace)
    }
}

/// `HTMLEscaping.escape` scans bytes; held to the scalar-by-scalar escape it replaced.
final class HTMLEscapingTests: XCTestCase {
    func testByteEscapeEqualsTheScalarEscape() {
        func byScalars(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let samples = ["", "plain", "&", "<>", "\"'", "a & b < c > d \" e ' f", "&amp; already", "é😕中 <b>“q”</b> & 'x'",
                       "e\u{301}<\u{301}", "\u{0}<\u{7F}>", "tail&", "<head", String(repeating: "<&>\"'é", count: 50)]
        for sample in samples { XCTAssertEqual(HTMLEscaping.escape(sample), byScalars(sample), sample.debugDescription) }
    }
}
