import XCTest
@testable import Diagrams

final class TextMetricsTests: XCTestCase {
    let metrics = TextMetrics(fontSize: 10, advance: 0.6)

    func testWidthCountsMonospaceCells() {
        XCTAssertEqual(metrics.width(of: "abcd"), 24, accuracy: 1e-9)
        XCTAssertEqual(metrics.width(of: ""), 0)
        // Wide characters and emoji take two cells; a combining accent none of its own.
        XCTAssertEqual(metrics.columns(of: "日本"), 4)
        XCTAssertEqual(metrics.columns(of: "🐳"), 2)
        XCTAssertEqual(metrics.columns(of: "e\u{301}"), 1)
        XCTAssertEqual(metrics.columns(of: "\u{200B}"), 0)
        XCTAssertEqual(metrics.columns(of: "…→─"), 3)
        // Scripts outside the monospace face are estimated wider than one cell.
        XCTAssertEqual(metrics.columns(of: "א"), 1.5)
    }

    func testShortTextIsKept() {
        let fitted = metrics.fit("RUN ls", maxWidth: 36)
        XCTAssertEqual(fitted, FittedText(display: "RUN ls", full: "RUN ls", isShortened: false))
    }

    func testLongTextIsShortenedWithEllipsisAndFits() {
        let text = "RUN apt-get update && apt-get install -y curl"
        for width in stride(from: 6.0, through: 300, by: 7) {
            let fitted = metrics.fit(text, maxWidth: width)
            XCTAssertLessThanOrEqual(metrics.width(of: fitted.display), width + 1e-9, "width \(width)")
            XCTAssertEqual(fitted.full, text)
            if fitted.isShortened, !fitted.display.isEmpty {
                XCTAssertEqual(fitted.display.last, "…")
                XCTAssertTrue(text.hasPrefix(String(fitted.display.dropLast()).trimmingCharacters(in: .whitespaces)))
            }
        }
        XCTAssertEqual(metrics.fit(text, maxWidth: 60).display, "RUN apt-g…")
    }

    func testShorteningNeverSplitsAGraphemeOrEndsWithASpace() {
        XCTAssertEqual(metrics.fit("ab 🐳🐳🐳", maxWidth: 42).display, "ab 🐳…")
        XCTAssertEqual(metrics.fit("abc def", maxWidth: 30).display, "abc…")
    }

    func testNoRoomLeavesEmptyLabel() {
        let fitted = metrics.fit("RUN x", maxWidth: 3)
        XCTAssertEqual(fitted.display, "")
        XCTAssertTrue(fitted.isShortened)
    }

    func testMultilineInstructionsBecomeOneLine() {
        let text = "RUN apt-get update \\\n    && apt-get install -y \\\n\tcurl"
        XCTAssertEqual(TextMetrics.singleLine(text), "RUN apt-get update \\ && apt-get install -y \\ curl")
        XCTAssertEqual(TextMetrics.singleLine("  \n "), "")
    }

    func testRectContainment() {
        let outer = Rect(x: 0, y: 0, width: 100, height: 40)
        XCTAssertTrue(outer.contains(Rect(x: 10, y: 10, width: 80, height: 20)))
        XCTAssertFalse(outer.contains(Rect(x: 10, y: 10, width: 91, height: 20)))
        XCTAssertEqual(outer.inset(dx: 60, dy: 5), Rect(x: 60, y: 5, width: 0, height: 30))
    }

    func testSizesAreHumanReadable() {
        XCTAssertEqual(Draw.size(0), "0 B")
        XCTAssertEqual(Draw.size(999), "999 B")
        XCTAssertEqual(Draw.size(1_500), "1.5 kB")
        XCTAssertEqual(Draw.size(27_100_000), "27.1 MB")
        XCTAssertEqual(Draw.size(44_912_345), "44.9 MB", "three significant digits, as docker history prints")
        XCTAssertEqual(Draw.size(118_422_349), "118 MB")
        XCTAssertEqual(Draw.size(-5), "0 B")
    }
}
