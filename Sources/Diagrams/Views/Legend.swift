/// The key under a diagram: a swatch and a label per kind of box.
enum Legend {
    struct Item {
        var cssClass: String
        var dashed: Bool
        var label: String
    }

    static let swatchWidth = 18.0
    static let swatchHeight = 12.0

    static let rowHeight = 20.0

    /// Swatches for filesystem, config-only and (optionally) shared layers; wraps onto more
    /// rows when they do not fit before `maxX`. Returns the nodes and the height used.
    static func layers(y: Double, maxX: Double, includeShared: Bool, extra: [Item] = []) -> (nodes: [SVGNode], height: Double) {
        var items = [
            Item(cssClass: "layer-fs", dashed: false, label: "layer (height: log of its size)"),
        ]
        if includeShared { items.append(Item(cssClass: "shared-mark", dashed: false, label: "shared with other images")) }
        return row(items + extra, y: y, maxX: maxX)
    }

    /// Lays the items out left to right from the margin, wrapping before `maxX`.
    static func row(_ items: [Item], y: Double, maxX: Double, x: Double = StackView.margin,
                    metrics: TextMetrics = Draw.small) -> (nodes: [SVGNode], height: Double) {
        var nodes: [SVGNode] = []
        var cursor = x
        var top = y
        for item in items {
            let itemWidth = swatchWidth + 6 + metrics.width(of: item.label)
            if cursor > x, cursor + itemWidth > maxX {
                cursor = x
                top += rowHeight
            }
            let swatch = Rect(x: cursor, y: top, width: swatchWidth, height: swatchHeight)
            nodes.append(Draw.rect(swatch, cssClass: item.cssClass, radius: 2, dashed: item.dashed))
            let labelWidth = metrics.width(of: item.label)
            nodes.append(Draw.text(item.label, x: swatch.maxX + 6, y: swatch.midY + metrics.fontSize * 0.35,
                                   maxWidth: min(labelWidth, maxX - swatch.maxX - 6), metrics: metrics,
                                   cssClass: "muted"))
            cursor = swatch.maxX + 6 + labelWidth + 18
        }
        return ([.el("g", [("class", "legend")], nodes)], top - y + rowHeight)
    }
}
