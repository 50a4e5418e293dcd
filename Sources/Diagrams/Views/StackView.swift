/// The **stack** view: an image's layers from the base (bottom) to the top, banded by the
/// chain image each comes from, with the chain's floor (`scratch`) underneath.
struct StackView {
    static let width = 720.0
    static let margin = 16.0
    static let groupLabelWidth = 170.0
    static let bandPadding = 6.0
    static let bandGap = 8.0
    static let minimumBandHeight = 40.0
    static let floorHeight = 28.0

    var scene: StackScene

    static var rowsX: Double { margin + groupLabelWidth + 12 }
    static var rowsWidth: Double { width - margin - 8 - rowsX }

    /// The height that `stack(bottom:)` will use.
    func stackHeight() -> Double {
        let bands = scene.groups.map { bandHeight(for: $0.range) }
        var total = bands.reduce(0, +) + Self.bandGap * Double(max(0, bands.count - 1))
        if scene.floor != nil || bands.isEmpty { total += (bands.isEmpty ? 0 : Self.bandGap) + Self.floorHeight }
        return total
    }

    func bandHeight(for range: Range<Int>) -> Double {
        max(LayerRows.height(of: scene.layers[range]) + 2 * Self.bandPadding, Self.minimumBandHeight)
    }

    /// Draws the floor and the banded layers upwards from `bottom`; the container view
    /// reuses it to put its writable layer on top of the very same drawing.
    func stack(bottom: Double) -> [SVGNode] {
        var nodes: [SVGNode] = []
        var y = bottom
        let bandX = Self.margin, bandWidth = Self.width - 2 * Self.margin
        if scene.floor != nil || scene.layers.isEmpty {
            let frame = Rect(x: bandX, y: y - Self.floorHeight, width: bandWidth, height: Self.floorHeight)
            nodes.append(Draw.box(frame, cssClass: "node-other", dashed: true, labels: [
                Draw.text(floorLabel, x: frame.x + 12, y: Draw.baseline(in: frame), maxWidth: frame.width - 24,
                          cssClass: "muted"),
            ]))
            y = frame.y - Self.bandGap
        }
        for group in scene.groups {
            let height = bandHeight(for: group.range)
            let band = Rect(x: bandX, y: y - height, width: bandWidth, height: height)
            let layers = scene.layers[group.range]
            let files = layers.filter(\.isFilesystem).count
            nodes.append(Draw.box(band, cssClass: "group", strokeWidth: 0.6, radius: 6, labels: [
                Draw.text(group.origin, x: band.x + 10, y: band.y + 18, maxWidth: Self.groupLabelWidth - 14,
                          weight: "bold"),
                Draw.text("\(Draw.count(layers.count, "layer")) · \(files) with files", x: band.x + 10,
                          y: band.y + 33, maxWidth: Self.groupLabelWidth - 14, metrics: Draw.small,
                          cssClass: "muted"),
            ]))
            let rows = LayerRows.column(layers, x: Self.rowsX, width: Self.rowsWidth, bottom: band.maxY - Self.bandPadding)
            nodes += rows.nodes
            y = band.y - Self.bandGap
        }
        return nodes
    }

    var floorLabel: String {
        guard let floor = scene.floor else { return "no layers" }
        if floor.isOpaque { return "\(floor.name) · base image not in the catalogue, layers not shown" }
        return "\(floor.name) · the empty image: no layers"
    }

    /// The heading line: name and counts.
    func heading(y: Double) -> [SVGNode] {
        let files = scene.layers.filter(\.isFilesystem).count
        let summary = "\(Draw.count(scene.layers.count, "layer")): \(files) with files, "
            + "\(scene.layers.count - files) config only"
        let nameWidth = min(Draw.heading.width(of: scene.imageName), Self.width * 0.5)
        return [
            Draw.text(scene.imageName, x: Self.margin, y: y, maxWidth: nameWidth, metrics: Draw.heading, weight: "bold"),
            Draw.text(summary, x: Self.margin + nameWidth + 12, y: y, maxWidth: Self.width - 2 * Self.margin - nameWidth - 12,
                      metrics: Draw.small, cssClass: "muted"),
        ]
    }

    /// Sentences for `<desc>`: each band with its layers, base first.
    func spokenLayers() -> String {
        var sentences: [String] = []
        if scene.floor != nil { sentences.append("At the bottom is \(floorLabel).") }
        for group in scene.groups {
            let layers = scene.layers[group.range].map(LayerRows.spoken).joined(separator: "; ")
            sentences.append("From \(group.origin): \(layers).")
        }
        if scene.layers.contains(where: \.isShared) {
            let shared = scene.layers.filter(\.isShared).count
            sentences.append("\(Draw.count(shared, "layer is", "layers are")) shared with other images.")
        }
        return sentences.joined(separator: " ")
    }

    func document(idPrefix: String) -> SVGDocument {
        let top = 44.0
        let height = stackHeight()
        let layers = stack(bottom: top + height)
        let legend = Legend.layers(y: top + height + 14, maxX: Self.width - Self.margin,
                                   includeShared: scene.layers.contains(where: \.isShared))
        let totalHeight = top + height + 14 + legend.height + 8
        let description = "A stack of the layers of image \(scene.imageName), from the base at the bottom to the "
            + "top. Solid boxes are filesystem layers, dashed boxes config-only (empty) layers. " + spokenLayers()
        return SVGDocument(
            idPrefix: idPrefix, width: Self.width, height: totalHeight,
            title: "Layers of \(scene.imageName)", description: description, viewClass: "strata-diagram-stack",
            body: heading(y: 26) + layers + legend.nodes
        )
    }
}
