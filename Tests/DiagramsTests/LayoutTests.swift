import Foundation
import XCTest
@testable import Diagrams
import LayerModel

/// The layout arithmetic, checked on the SVG tree: by the module's own width estimate,
/// every label lies inside its box and inside the canvas. (The Chromium check measures
/// the same with real fonts.)
final class LayoutTests: XCTestCase {
    struct Label {
        var text: String
        var frame: Rect
    }

    func attributes(_ list: [SVGAttribute]) -> [String: String] {
        Dictionary(list.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    func number(_ value: String?) -> Double { value.flatMap(Double.init) ?? .nan }

    /// The estimated extent of a <text>: advance-based width, about 0.8 em above the
    /// baseline and 0.25 em below it.
    func label(_ node: SVGNode) -> Label? {
        guard case .element("text", let list, let children) = node else { return nil }
        let a = attributes(list)
        let text = children.compactMap { child -> String? in
            if case .text(let value) = child { return value }
            return nil
        }.joined()
        let size = number(a["font-size"])
        let width = TextMetrics(fontSize: size).width(of: text)
        let x = number(a["x"]), y = number(a["y"])
        let left: Double
        switch a["text-anchor"] {
        case "middle": left = x - width / 2
        case "end": left = x - width
        default: left = x
        }
        return Label(text: text, frame: Rect(x: left, y: y - 0.8 * size, width: width, height: 1.05 * size))
    }

    func rect(_ node: SVGNode) -> Rect? {
        guard case .element("rect", let list, _) = node else { return nil }
        let a = attributes(list)
        return Rect(x: number(a["x"]), y: number(a["y"]), width: number(a["width"]), height: number(a["height"]))
    }

    /// Problems found under `node`; counts the boxes it looked at.
    func check(_ node: SVGNode, canvas: Rect, name: String, boxes: inout Int) -> [String] {
        guard case .element(let element, let list, let children) = node else { return [] }
        var problems: [String] = []
        if let label = label(node), !label.text.isEmpty, !canvas.contains(label.frame) {
            problems.append("\(name): '\(label.text)' leaves the canvas")
        }
        if element == "g", attributes(list)["class"] == "strata-box", let frame = children.lazy.compactMap(rect).first {
            boxes += 1
            let labels = children.compactMap(label).filter { !$0.text.isEmpty }
            for label in labels where !frame.contains(label.frame) {
                problems.append("\(name): '\(label.text)' \(label.frame) leaves box \(frame)")
            }
            for (i, a) in labels.enumerated() {
                for b in labels[(i + 1)...] {
                    let overlaps = a.frame.x < b.frame.maxX && b.frame.x < a.frame.maxX
                        && a.frame.y < b.frame.maxY && b.frame.y < a.frame.maxY
                    if overlaps { problems.append("\(name): '\(a.text)' overlaps '\(b.text)'") }
                }
            }
        }
        for child in children { problems += check(child, canvas: canvas, name: name, boxes: &boxes) }
        return problems
    }

    func testLabelsStayInsideTheirBoxesByEstimate() throws {
        for testCase in RenderCase.all {
            let document = try DiagramRenderer.document(testCase.view, image: testCase.image, other: testCase.other,
                                                        options: testCase.options)
            var boxes = 0
            let problems = check(document.root, canvas: Rect(x: 0, y: 0, width: document.width, height: document.height),
                                 name: testCase.name, boxes: &boxes)
            XCTAssertEqual(problems, [], testCase.name)
            XCTAssertGreaterThan(boxes, 0, testCase.name)
        }
    }

    /// The phone layout is 300 units wide and has no text under 12 units, so in a column at
    /// least 300 px wide no label renders under 12 CSS px (the browser tests measure it at 375 px).
    func testNarrowDrawingsHaveNoTextUnderTwelveUnits() throws {
        let narrow = RenderCase.all.filter { $0.options.layout == .narrow }
        XCTAssertEqual(narrow.count, RenderCase.wide.count)
        for testCase in narrow {
            let document = try DiagramRenderer.document(testCase.view, image: testCase.image, other: testCase.other,
                                                        options: testCase.options)
            XCTAssertEqual(document.width, 300, testCase.name)
            XCTAssertTrue(document.viewClass.hasSuffix("strata-diagram-narrow"), testCase.name)
            let sizes = fontSizes(document.root)
            XCTAssertGreaterThan(sizes.count, 5, testCase.name)
            XCTAssertEqual(sizes.filter { $0 < 12 }, [], testCase.name)
        }
        // The wide drawings do use smaller text: that is why phones get the narrow ones.
        let wide = try DiagramRenderer.document(.stack, image: SampleImages.flask)
        XCTAssertTrue(fontSizes(wide.root).contains { $0 < 12 })
    }

    func fontSizes(_ node: SVGNode) -> [Double] {
        guard case .element(let element, let list, let children) = node else { return [] }
        let own = element == "text" ? [number(attributes(list)["font-size"])] : []
        return own + children.flatMap(fontSizes)
    }

    /// A word too long for a line is broken where the line ends; what overflows the last
    /// line is joined back as the text had it, with no space inside the word (a newcomer saw
    /// `…/ftp/pytho n/…` in a tooltip).
    func testNarrowWrapRejoinsABrokenWordWithoutASpace() {
        let url = "https://www.python.org/ftp/python/3.9.18/Python-3.9.18.tgz/and/a/long/tail/of/folders"
        let lines = Narrow.wrap("RUN curl " + url, maxWidth: 60, maxLines: 2)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines.joined(separator: " "), "RUN curl " + url)
        XCTAssertEqual(lines[0], "RUN curl")
        XCTAssertEqual(lines[1], url)
        let unlimited = Narrow.wrap("RUN curl " + url, maxWidth: 60)
        XCTAssertGreaterThan(unlimited.count, 3, "the URL is broken over several lines")
    }

    func testTheCheckCatchesAnOverflowingLabel() {
        let bad = SVGNode.el("g", [("class", "strata-box")], [
            .el("rect", [("x", "0"), ("y", "0"), ("width", "50"), ("height", "20")]),
            .el("text", [("x", "4"), ("y", "14"), ("font-size", "12")], [.text("far too long for the box")]),
        ])
        var boxes = 0
        let problems = check(bad, canvas: Rect(x: 0, y: 0, width: 500, height: 100), name: "canary", boxes: &boxes)
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(boxes, 1)
    }

    func testRowHeightFollowsTheLogOfTheSize() {
        let layer = { (size: Int) in
            LayerItem(id: "x", instruction: "RUN x", origin: "app", isShared: false, size: size)
        }
        XCTAssertEqual(LayerRows.height(of: layer(0)), 24)
        XCTAssertEqual(LayerRows.height(of: layer(36)), (24 + 5 * log10(36.0)).rounded())
        XCTAssertEqual(LayerRows.height(of: layer(118_000_000)), (24 + 5 * log10(118_000_000.0)).rounded())
        XCTAssertLessThan(LayerRows.height(of: layer(36)), LayerRows.height(of: layer(118_000_000)))
        XCTAssertEqual(LayerRows.height(of: [layer(0), layer(1_000)]), 24 + 39 + 4)
        XCTAssertEqual(LayerRows.height(of: [LayerItem]()), 0)
        let one = StackView(scene: StackScene(imageName: "a", layers: [layer(1_000)], floor: nil))
        let two = StackView(scene: StackScene(imageName: "a", layers: [layer(1_000), layer(1_000)], floor: nil))
        XCTAssertEqual(two.stackHeight() - one.stackHeight(), 43)
    }

    func testGroupsFollowTheOriginOfConsecutiveLayers() {
        let item = { (origin: String) in
            LayerItem(id: "x", instruction: "RUN x", origin: origin, isShared: false, size: 0)
        }
        let scene = StackScene(imageName: "a", layers: ["d", "d", "p", "a", "a"].map(item), floor: nil)
        XCTAssertEqual(scene.groups.map(\.origin), ["d", "p", "a"])
        XCTAssertEqual(scene.groups.map(\.range), [0..<2, 2..<3, 3..<5])
    }
}
