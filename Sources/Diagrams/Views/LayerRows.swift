import Foundation

/// Layout of a column of layer rows, shared by the stack, container and shared views.
struct LayerRows {
    /// The height of an empty (0 B) layer's row; each tenfold of bytes adds `heightPerDecade`.
    static let minimumHeight = 24.0
    static let heightPerDecade = 5.0
    static let gap = 4.0
    static let tagGap = 10.0

    /// Height of one layer's row: on a log scale of its size, so a 36 B layer and a 118 MB
    /// one look different without the large one swallowing the picture.
    static func height(of layer: LayerItem) -> Double {
        let decades = layer.size > 0 ? log10(Double(layer.size)) : 0
        return (minimumHeight + heightPerDecade * decades).rounded()
    }

    /// Total height of `layers` stacked with gaps.
    static func height(of layers: some Collection<LayerItem>) -> Double {
        guard !layers.isEmpty else { return 0 }
        return layers.reduce(0) { $0 + height(of: $1) } + gap * Double(layers.count - 1)
    }

    /// The right-hand tag of a row: the layer's size, always written.
    static func kindTag(_ layer: LayerItem) -> String { Draw.size(layer.size) }

    /// A tooltip with everything about the layer, including the full instruction.
    static func tooltip(_ layer: LayerItem) -> String {
        var parts = ["layer", Draw.size(layer.size)]
        parts.append("from \(layer.origin)")
        if layer.isShared { parts.append("shared") }
        parts.append("id \(layer.id)")
        return layer.instruction + "\n" + parts.joined(separator: ", ")
    }

    /// One layer drawn in `frame`: box, instruction, and on the right its kind/size and,
    /// when shared, a marker.
    static func row(_ layer: LayerItem, frame: Rect, showShared: Bool = true) -> SVGNode {
        let metrics = Draw.label
        let tag = kindTag(layer)
        let tagWidth = Draw.small.width(of: tag)
        let sharedLabel = "shared"
        let sharedWidth = layer.isShared && showShared ? Draw.small.width(of: sharedLabel) + tagGap : 0
        let textX = frame.x + 10 + (layer.isShared && showShared ? 4 : 0)
        let textMax = frame.maxX - 8 - tagWidth - sharedWidth - tagGap - textX
        var labels: [SVGNode] = [
            Draw.text(layer.instruction, x: textX, y: Draw.baseline(in: frame, metrics: metrics),
                      maxWidth: max(0, textMax), metrics: metrics),
            Draw.text(tag, x: frame.maxX - 8, y: Draw.baseline(in: frame, metrics: Draw.small),
                      maxWidth: tagWidth, metrics: Draw.small, anchor: .end, cssClass: "muted"),
        ]
        if layer.isShared && showShared {
            labels.insert(.el("rect", [
                ("x", (frame.x + 1).svg), ("y", (frame.y + 1).svg), ("width", "4"),
                ("height", (frame.height - 2).svg), ("class", "shared-mark"), ("stroke-width", "0"),
            ]), at: 0)
            labels.append(Draw.text(sharedLabel, x: frame.maxX - 8 - tagWidth - tagGap,
                                    y: Draw.baseline(in: frame, metrics: Draw.small),
                                    maxWidth: Draw.small.width(of: sharedLabel), metrics: Draw.small,
                                    anchor: .end, cssClass: "shared", weight: "bold"))
        }
        return Draw.box(frame, cssClass: "layer-fs", tooltip: tooltip(layer), labels: labels)
    }

    /// Rows for `layers` (base first) drawn upwards so that the base ends at `bottom`.
    /// Returns the nodes in drawing order and the y of the topmost row.
    static func column(_ layers: some Collection<LayerItem>, x: Double, width: Double, bottom: Double,
                       showShared: Bool = true) -> (nodes: [SVGNode], top: Double) {
        var y = bottom
        var nodes: [SVGNode] = []
        for layer in layers {
            let height = height(of: layer)
            y -= height
            nodes.append(row(layer, frame: Rect(x: x, y: y, width: width, height: height), showShared: showShared))
            y -= gap
        }
        return (nodes, layers.isEmpty ? bottom : y + gap)
    }

    /// A one-line spoken summary of a layer for `<desc>`.
    static func spoken(_ layer: LayerItem) -> String {
        let text = TextMetrics(fontSize: 1).fit(layer.instruction, maxWidth: 0.62 * 90).display
        return text + " (\(Draw.size(layer.size)))" + (layer.isShared ? ", shared" : "")
    }
}
