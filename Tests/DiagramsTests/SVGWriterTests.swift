import XCTest
@testable import Diagrams

final class SVGWriterTests: XCTestCase {
    func testTextAndAttributesAreEscaped() {
        let node = SVGNode.el("text", [("data-x", "a\"b'c<d>&e\nf")], [.text("</svg><script>alert(1)</script> & more")])
        XCTAssertEqual(
            node.xml,
            "<text data-x=\"a&quot;b&apos;c&lt;d&gt;&amp;e&#10;f\">&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</text>\n"
        )
    }

    func testControlCharactersBecomeReplacementCharacters() {
        XCTAssertEqual(XMLEscaping.text("a\u{0}b\u{1B}c\u{FFFF}"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        XCTAssertEqual(XMLEscaping.text("tab\tnew\nline"), "tab\tnew\nline")
        XCTAssertEqual(XMLEscaping.text("cr\r"), "cr&#13;")
    }

    func testNilAttributesAreLeftOutAndOrderIsKept() {
        let node = SVGNode.el("rect", [("z", "1"), ("skip", nil), ("a", "2")])
        XCTAssertEqual(node.xml, "<rect z=\"1\" a=\"2\"/>\n")
    }

    func testNestedElementsIndentButLabelsStayOnOneLine() {
        let node = SVGNode.el("g", [], [
            .el("text", [], [.el("title", [], [.text("full")]), .text("short")]),
            .el("text", [], [.text("x")]),
            .el("g", [], [.el("rect")]),
        ])
        XCTAssertEqual(node.xml, """
        <g>
          <text><title>full</title>short</text>
          <text>x</text>
          <g>
            <rect/>
          </g>
        </g>

        """)
    }

    func testNumbersAreFormattedDeterministically() {
        XCTAssertEqual(SVGNumber.format(0), "0")
        XCTAssertEqual(SVGNumber.format(12), "12")
        XCTAssertEqual(SVGNumber.format(12.5), "12.5")
        XCTAssertEqual(SVGNumber.format(12.345), "12.35")
        XCTAssertEqual(SVGNumber.format(0.05), "0.05")
        XCTAssertEqual(SVGNumber.format(-3.2), "-3.2")
        XCTAssertEqual(SVGNumber.format(.nan), "0")
        XCTAssertEqual(SVGNumber.format(.infinity), "0")
    }

    func testDiagramIDsAreStableAndValid() {
        XCTAssertEqual(DiagramID.prefix(view: "stack", key: "flask-app"), DiagramID.prefix(view: "stack", key: "flask-app"))
        XCTAssertNotEqual(DiagramID.prefix(view: "stack", key: "flask-app"), DiagramID.prefix(view: "chain", key: "flask-app"))
        XCTAssertEqual(DiagramID.hash(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(DiagramID.hash("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(DiagramID.sanitize("my diagram\"><x"), "my-diagram---x")
        XCTAssertEqual(DiagramID.sanitize("1st"), "d1st")
        XCTAssertEqual(DiagramID.sanitize(""), "d")
        XCTAssertEqual(DiagramID.sanitize("é"), "d-")
    }

    func testDocumentHasAccessibleRoot() {
        let doc = SVGDocument(idPrefix: "p1", width: 100, height: 50, title: "T <&>", description: "D",
                              viewClass: "strata-diagram-test", body: [])
        let xml = doc.xml
        XCTAssertTrue(xml.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"p1\""))
        XCTAssertTrue(xml.contains("role=\"img\""))
        XCTAssertTrue(xml.contains("aria-labelledby=\"p1-title p1-desc\""))
        XCTAssertTrue(xml.contains("viewBox=\"0 0 100 50\""))
        XCTAssertTrue(xml.contains("<title id=\"p1-title\">T &lt;&amp;&gt;</title>"))
        XCTAssertTrue(xml.contains("<desc id=\"p1-desc\">D</desc>"))
        XCTAssertTrue(xml.contains("#p1 .layer-fs"))
    }
}
