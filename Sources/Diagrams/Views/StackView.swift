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
            var labels = [
                Draw.text(group.origin, x: band.x + 10, y: band.y + 18, maxWidth: Self.groupLabelWidth - 14,
                          weight: "bold"),
                Draw.text(Draw.count(layers.count, "layer"), x: band.x + 10,
                          y: band.y + 33, maxWidth: Self.groupLabelWidth - 14, metrics: Draw.small,
                          cssClass: "muted"),
            ]
            if scene.sampleOrigins.contains(group.origin), band.height >= 52 {
                // The base images' files are the catalogue's sample listing, not a real pull.
                labels.append(Draw.text("contents: sample data", x: band.x + 10, y: band.y + 47,
                                        maxWidth: Self.groupLabelWidth - 14, metrics: Draw.small, cssClass: "muted"))
            }
            nodes.append(Draw.box(band, cssClass: "group", strokeWidth: 0.6, radius: 6, labels: labels))
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
        let size = Draw.size(scene.layers.reduce(0) { $0 + $1.size })
        var summary = "\(Draw.count(scene.layers.count, "layer")), \(size)"
        if let card = scene.card { summary += " · \(Draw.count(card.historyCount, "history entry", "history entries"))" }
        let nameWidth = min(Draw.heading.width(of: scene.imageName), Self.width * 0.5)
        return [
            Draw.text(scene.imageName, x: Self.margin, y: y, maxWidth: nameWidth, metrics: Draw.heading, weight: "bold"),
            Draw.text(summary, x: Self.margin + nameWidth + 12, y: y, maxWidth: Self.width - 2 * Self.margin - nameWidth - 12,
                      metrics: Draw.small, cssClass: "muted"),
        ]
    }

    /// The sentence that says why `docker history` and `docker image inspect` count differently.
    static func countsSentence(_ card: ConfigCard) -> String {
        let empty = card.historyCount - card.layerCount
        return "docker history shows \(Draw.count(card.historyCount, "row")): \(card.layerCount) point at the layers, "
            + "\(empty) \(empty == 1 ? "is an empty_layer entry" : "are empty_layer entries") from instructions that only "
            + "changed the config below. docker image inspect lists the \(Draw.count(card.layerCount, "layer")) under RootFS."
    }

    static let cardLineHeight = 16.0
    static let maximumSettings = 6

    /// The config and history card's lines: the counts sentence, then the settings.
    func cardLines(width: Double) -> (sentence: [String], settings: [String]) {
        guard let card = scene.card else { return ([], []) }
        var settings = Array(card.settings.prefix(Self.maximumSettings))
        if card.settings.count > Self.maximumSettings { settings.append("… \(card.settings.count - Self.maximumSettings) more") }
        return (Draw.wrap(Self.countsSentence(card), maxWidth: width, metrics: Draw.small), settings)
    }

    func cardHeight() -> Double {
        guard scene.card != nil else { return 0 }
        let lines = cardLines(width: Self.width - 2 * Self.margin - 24)
        return 30 + Double(lines.sentence.count + lines.settings.count) * Self.cardLineHeight + 12
    }

    /// The card under the stack: config and history are metadata of the image, not layers.
    func card(top: Double) -> [SVGNode] {
        guard scene.card != nil else { return [] }
        let frame = Rect(x: Self.margin, y: top, width: Self.width - 2 * Self.margin, height: cardHeight())
        let lines = cardLines(width: frame.width - 24)
        var labels = [Draw.text("config and history of \(scene.imageName) (not layers)", x: frame.x + 12, y: frame.y + 20,
                                maxWidth: frame.width - 24, weight: "bold")]
        var y = frame.y + 20 + Self.cardLineHeight + 2
        for line in lines.sentence {
            labels.append(Draw.text(line, x: frame.x + 12, y: y, maxWidth: frame.width - 24, metrics: Draw.small))
            y += Self.cardLineHeight
        }
        for line in lines.settings {
            labels.append(Draw.text(line, x: frame.x + 12, y: y, maxWidth: frame.width - 24, metrics: Draw.small, cssClass: "muted"))
            y += Self.cardLineHeight
        }
        return [Draw.box(frame, cssClass: "node-other", dashed: true, strokeWidth: 1, radius: 6, labels: labels)]
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
        let cardTop = top + height + (scene.card == nil ? 0 : 14)
        let legend = Legend.layers(y: cardTop + cardHeight() + 14, maxX: Self.width - Self.margin,
                                   includeShared: scene.layers.contains(where: \.isShared))
        let totalHeight = cardTop + cardHeight() + 14 + legend.height + 8
        let description = "A stack of the layers of image \(scene.imageName), from the base at the bottom to the "
            + "top, each box's height on a log scale of its size. " + spokenLayers()
            + (scene.card.map { " " + Self.countsSentence($0) } ?? "")
        return SVGDocument(
            idPrefix: idPrefix, width: Self.width, height: totalHeight,
            title: "Layers of \(scene.imageName)", description: description, viewClass: "strata-diagram-stack",
            body: heading(y: 26) + layers + card(top: cardTop) + legend.nodes
        )
    }
}
