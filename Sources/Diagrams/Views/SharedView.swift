/// The **shared** view: two images side by side; the layers they share are drawn once,
/// spanning both columns, under the layers that are each image's own.
struct SharedView {
    static let width = 880.0
    static let margin = 16.0
    static let columnGap = 24.0
    static let bandPadding = 6.0
    static let bandLabelHeight = 24.0

    var scene: SharedScene

    var columnWidth: Double { (Self.width - 2 * Self.margin - Self.columnGap) / 2 }

    var shared: ArraySlice<LayerItem> { scene.left.layers.prefix(scene.sharedCount) }
    var leftOwn: ArraySlice<LayerItem> { scene.left.layers.dropFirst(scene.sharedCount) }
    var rightOwn: ArraySlice<LayerItem> { scene.right.layers.dropFirst(scene.sharedCount) }

    func bandHeight(_ layers: ArraySlice<LayerItem>) -> Double {
        Self.bandLabelHeight + LayerRows.height(of: layers) + Self.bandPadding * (layers.isEmpty ? 0.5 : 1.5)
    }

    /// A band with a label at its top and the rows under it.
    func band(_ layers: ArraySlice<LayerItem>, frame: Rect, label: String, cssClass: String) -> [SVGNode] {
        let labelNode = Draw.text(label, x: frame.x + 10, y: frame.y + 17, maxWidth: frame.width - 20,
                                  metrics: Draw.small, cssClass: cssClass, weight: "bold")
        let box = Draw.box(frame, cssClass: "group", strokeWidth: 0.6, radius: 6, labels: [labelNode])
        let rows = LayerRows.column(layers, x: frame.x + 8, width: frame.width - 16,
                                    bottom: frame.maxY - Self.bandPadding, showShared: false)
        return [box] + rows.nodes
    }

    func document(idPrefix: String) -> SVGDocument {
        let left = scene.left.imageName, right = scene.right.imageName
        let ownHeight = max(bandHeight(leftOwn), bandHeight(rightOwn))
        let columnsTop = 64.0
        let sharedTop = columnsTop + ownHeight + 10
        let sharedFrame = Rect(x: Self.margin, y: sharedTop, width: Self.width - 2 * Self.margin,
                               height: bandHeight(shared))
        let origins = orderedUnique(shared.map(\.origin))
        let sharedLabel = scene.sharedCount == 0
            ? "no layers in common"
            : "shared by both: \(Draw.count(scene.sharedCount, "layer")), stored once"
                + (origins.isEmpty ? "" : " (from " + origins.joined(separator: ", ") + ")")
        var nodes: [SVGNode] = [
            Draw.text("\(left) and \(right)", x: Self.margin, y: 26, maxWidth: Self.width - 2 * Self.margin,
                      metrics: Draw.heading, weight: "bold"),
        ]
        for (index, (name, own)) in [(left, leftOwn), (right, rightOwn)].enumerated() {
            let x = Self.margin + Double(index) * (columnWidth + Self.columnGap)
            let height = bandHeight(own)
            let frame = Rect(x: x, y: columnsTop + ownHeight - height, width: columnWidth, height: height)
            nodes.append(Draw.text(name, x: x + 2, y: 52, maxWidth: columnWidth - 4, weight: "bold"))
            nodes += band(own, frame: frame, label: "only in \(name): \(Draw.count(own.count, "layer"))",
                          cssClass: "muted")
        }
        nodes += band(shared, frame: sharedFrame, label: sharedLabel, cssClass: "shared")
        let legendY = sharedFrame.maxY + 14
        let legend = Legend.layers(y: legendY, maxX: Self.width - Self.margin, includeShared: false)
        nodes += legend.nodes
        let sharedPart: String = scene.sharedCount == 0
            ? "They share no layers. "
            : "At the bottom, the \(Draw.count(scene.sharedCount, "layer")) they share, stored once: "
                + shared.map(LayerRows.spoken).joined(separator: "; ") + ". "
        let leftPart: String = leftOwn.isEmpty ? "nothing" : leftOwn.map(LayerRows.spoken).joined(separator: "; ")
        let rightPart: String = rightOwn.isEmpty ? "nothing" : rightOwn.map(LayerRows.spoken).joined(separator: "; ")
        let description = "Images \(left) and \(right) side by side. " + sharedPart
            + "Only in \(left): \(leftPart). Only in \(right): \(rightPart)."
        return SVGDocument(
            idPrefix: idPrefix, width: Self.width, height: legendY + legend.height + 8,
            title: "Layers shared by \(left) and \(right)", description: description,
            viewClass: "strata-diagram-shared", body: nodes
        )
    }

    private func orderedUnique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
