import XCTest
@testable import Diagrams

final class ThemeTests: XCTestCase {
    func testContrastFormula() {
        XCTAssertEqual(RGB("#000000").contrast(with: RGB("#ffffff")), 21, accuracy: 0.01)
        XCTAssertEqual(RGB("#777777").contrast(with: RGB("#ffffff")), 4.48, accuracy: 0.01)
        XCTAssertEqual(RGB("#0a0B0c").hex, "#0a0b0c")
    }

    func testEveryTextColourIsReadableOnItsBackgroundInBothSchemes() {
        for pair in DiagramTheme.textPairs {
            let light = pair.foreground.light.contrast(with: pair.background.light)
            let dark = pair.foreground.dark.contrast(with: pair.background.dark)
            XCTAssertGreaterThanOrEqual(light, 4.5, "light: \(pair.foreground.name) on \(pair.background.name)")
            XCTAssertGreaterThanOrEqual(dark, 4.5, "dark: \(pair.foreground.name) on \(pair.background.name)")
        }
    }

    func testBoxesStandOutFromTheBackground() {
        // Outlines carry the shape; WCAG asks 3:1 for graphical objects.
        for stroke in [DiagramTheme.fsLayerStroke, DiagramTheme.emptyLayerStroke, DiagramTheme.writableStroke,
                       DiagramTheme.imageStroke, DiagramTheme.shared, DiagramTheme.muted] {
            XCTAssertGreaterThanOrEqual(stroke.light.contrast(with: DiagramTheme.background.light), 3, stroke.name)
            XCTAssertGreaterThanOrEqual(stroke.dark.contrast(with: DiagramTheme.background.dark), 3, stroke.name)
        }
    }

    func testColourNamesAreUnique() {
        XCTAssertEqual(Set(DiagramTheme.all.map(\.name)).count, DiagramTheme.all.count)
    }

    func testScopedStyleUsesCustomPropertiesWithBothFallbacks() {
        let css = DiagramTheme.scopedCSS(rootID: "x1")
        XCTAssertTrue(css.contains("#x1 .layer-fs { fill: var(--strata-layer-fs, #dbeafe); stroke: var(--strata-layer-fs-stroke, #1d4ed8); }"))
        XCTAssertTrue(css.contains("@media (prefers-color-scheme: dark) {\n  #x1 .bg { fill: var(--strata-diagram-bg, #0d1117); }"))
        XCTAssertTrue(css.contains("\n  #x1 .layer-fs { fill: var(--strata-layer-fs, #12304f); stroke: var(--strata-layer-fs-stroke, #58a6ff); }"))
        for line in css.split(separator: "\n") where line.contains("{") && !line.contains("@media") {
            XCTAssertTrue(line.trimmingCharacters(in: .whitespaces).hasPrefix("#x1"), "unscoped rule: \(line)")
        }
    }

    /// The site's stylesheet is generated from the palette; re-record with STRATA_RECORD=1.
    func testSiteStylesheetMatchesThePalette() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("assets/css/diagrams.css")
        if ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DiagramTheme.siteCSS.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(committed, DiagramTheme.siteCSS, "assets/css/diagrams.css is stale: run with STRATA_RECORD=1")
    }
}
