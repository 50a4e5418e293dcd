import Foundation
/// Drawing helpers shared by the views: labelled boxes, fitted text, arrows.
///
/// A box and the labels that must stay inside it are grouped as
/// `<g class="strata-box">` whose first child is the box; the Chromium check relies on this
/// to compare bounding boxes.
enum Draw {
    static let labelSize = 12.0
    static let smallSize = 10.5
    static let headingSize = 14.0

    static let label = TextMetrics(fontSize: labelSize)
    static let small = TextMetrics(fontSize: smallSize)
    static let heading = TextMetrics(fontSize: headingSize)

    enum Anchor: String { case start, middle, end }

    /// A one-line label shortened to `maxWidth`; the full text becomes a tooltip.
    static func text(
        _ raw: String, x: Double, y: Double, maxWidth: Double, metrics: TextMetrics = label,
        anchor: Anchor = .start, cssClass: String? = nil, weight: String? = nil
    ) -> SVGNode {
        let fitted = metrics.fit(raw, maxWidth: maxWidth)
        var children: [SVGNode] = []
        if fitted.isShortened { children.append(.el("title", [], [.text(fitted.full)])) }
        children.append(.text(fitted.display))
        return .el("text", [
            ("x", x.svg), ("y", y.svg),
            ("font-size", metrics.fontSize.svg),
            ("text-anchor", anchor == .start ? nil : anchor.rawValue),
            ("font-weight", weight),
            ("class", cssClass),
        ], children)
    }

    /// Baseline that centres a line of `metrics` text vertically in `rect`. Monospace cap
    /// height is about 0.7 em, so the baseline sits 0.35 em below the middle.
    static func baseline(in rect: Rect, metrics: TextMetrics = label) -> Double {
        rect.midY + metrics.fontSize * 0.35
    }

    static func rect(_ rect: Rect, cssClass: String, radius: Double = 4, dashed: Bool = false,
                     strokeWidth: Double = 1.2) -> SVGNode {
        .el("rect", [
            ("x", rect.x.svg), ("y", rect.y.svg), ("width", rect.width.svg), ("height", rect.height.svg),
            ("rx", radius.svg), ("class", cssClass), ("stroke-width", strokeWidth.svg),
            ("stroke-dasharray", dashed ? "5 3" : nil),
        ])
    }

    /// A box and the labels drawn inside it.
    static func box(_ frame: Rect, cssClass: String, dashed: Bool = false, strokeWidth: Double = 1.2,
                    radius: Double = 4, tooltip: String? = nil, labels: [SVGNode]) -> SVGNode {
        var children: [SVGNode] = []
        if let tooltip { children.append(.el("title", [], [.text(tooltip)])) }
        children.append(rect(frame, cssClass: cssClass, radius: radius, dashed: dashed, strokeWidth: strokeWidth))
        children += labels
        return .el("g", [("class", "strata-box")], children)
    }

    /// A straight arrow with a filled triangular head at `to` (no markers, so no ids).
    static func arrow(from: (Double, Double), to: (Double, Double), label: String? = nil,
                      labelOffset: (Double, Double) = (0, -6), labelWidth: Double = 80) -> SVGNode {
        let dx = to.0 - from.0, dy = to.1 - from.1
        let length = max((dx * dx + dy * dy).squareRoot(), 0.001)
        let ux = dx / length, uy = dy / length
        let head = 8.0, half = 4.0
        let baseX = to.0 - ux * head, baseY = to.1 - uy * head
        let points = [
            (to.0, to.1),
            (baseX - uy * half, baseY + ux * half),
            (baseX + uy * half, baseY - ux * half),
        ].map { "\($0.0.svg),\($0.1.svg)" }.joined(separator: " ")
        var children: [SVGNode] = [
            .el("line", [("x1", from.0.svg), ("y1", from.1.svg), ("x2", baseX.svg), ("y2", baseY.svg),
                         ("class", "arrow"), ("stroke-width", "1.5")]),
            .el("polygon", [("points", points), ("class", "arrow-head")]),
        ]
        if let label {
            let midX = (from.0 + to.0) / 2 + labelOffset.0
            let midY = (from.1 + to.1) / 2 + labelOffset.1
            children.append(text(label, x: midX, y: midY, maxWidth: labelWidth, metrics: small,
                                 anchor: .middle, cssClass: "muted"))
        }
        return .el("g", [("class", "strata-arrow")], children)
    }

    /// Human-readable byte size (`12 kB`, `44.9 MB`), decimal units and precision like `docker history`.
    static func size(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(max(0, bytes))
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) B" }
        // Three significant digits, as docker history prints sizes (go-units HumanSizeWithPrecision).
        return String(format: "%.3g", value) + " " + units[unit]
    }

    /// "1 layer", "3 layers".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }

    /// `text` broken into lines no wider than `maxWidth` at spaces (a longer word is left
    /// to `text(…)` to shorten).
    static func wrap(_ text: String, maxWidth: Double, metrics: TextMetrics = label) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty, metrics.width(of: candidate) > maxWidth {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
