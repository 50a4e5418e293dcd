/// The stack and container views for a phone: each band's name above its layers instead of
/// beside them, the config and history card under the stack, every label wrapped.
extension StackView {
    /// One band per chain image, its name and counts as heading lines.
    var narrowBands: [Narrow.Band] {
        scene.groups.map { group in
            var detail = Draw.count(group.range.count, "layer")
            // The base images' files are the catalogue's sample listing, not a real pull.
            if scene.sampleOrigins.contains(group.origin) { detail += " · contents: sample data" }
            return Narrow.Band(heading: [(group.origin, Narrow.label, nil, "bold"), (detail, Narrow.small, "muted", nil)],
                               layers: scene.layers[group.range])
        }
    }

    var narrowFloorLines: [String] {
        Narrow.wrap(floorLabel, maxWidth: Narrow.contentWidth - 20)
    }

    var hasFloor: Bool { scene.floor != nil || scene.layers.isEmpty }

    /// The height `narrowStack(bottom:)` uses.
    func narrowStackHeight() -> Double {
        let bands = narrowBands.map { $0.height(width: Narrow.contentWidth) }
        var total = bands.reduce(0, +) + Self.bandGap * Double(max(0, bands.count - 1))
        if hasFloor { total += (bands.isEmpty ? 0 : Self.bandGap) + Narrow.height(lines: narrowFloorLines.count, firstBaseline: 18) }
        return total
    }

    /// The floor and the bands upwards from `bottom`, as `stack(bottom:)` draws them wide.
    func narrowStack(bottom: Double) -> [SVGNode] {
        var nodes: [SVGNode] = []
        var y = bottom
        if hasFloor {
            let lines = narrowFloorLines
            let height = Narrow.height(lines: lines.count, firstBaseline: 18)
            let frame = Rect(x: Narrow.margin, y: y - height, width: Narrow.contentWidth, height: height)
            nodes.append(Draw.box(frame, cssClass: "node-other", dashed: true,
                                  labels: Narrow.lines(lines, x: frame.x + 10, y: frame.y + 18, maxWidth: frame.width - 20,
                                                       cssClass: "muted")))
            y = frame.y - Self.bandGap
        }
        for band in narrowBands {
            let height = band.height(width: Narrow.contentWidth)
            let frame = Rect(x: Narrow.margin, y: y - height, width: Narrow.contentWidth, height: height)
            nodes += band.nodes(frame: frame)
            y = frame.y - Self.bandGap
        }
        return nodes
    }

    /// The image's name, then its counts on the lines below; returns the nodes and the y under them.
    func narrowHeading(top: Double) -> (nodes: [SVGNode], bottom: Double) {
        let size = Draw.size(scene.layers.reduce(0) { $0 + $1.size })
        var summary = "\(Draw.count(scene.layers.count, "layer")), \(size)"
        if let card = scene.card { summary += " · \(Draw.count(card.historyCount, "history entry", "history entries"))" }
        return Self.narrowTitle(scene.imageName, detail: summary, top: top)
    }

    /// A bold title and muted wrapped detail lines under it.
    static func narrowTitle(_ title: String, detail: String, top: Double) -> (nodes: [SVGNode], bottom: Double) {
        let titleLines = Narrow.wrap(title, maxWidth: Narrow.contentWidth, metrics: Narrow.heading, maxLines: 2)
        let detailLines = Narrow.wrap(detail, maxWidth: Narrow.contentWidth)
        var nodes: [SVGNode] = []
        var y = top + 20
        for line in titleLines {
            nodes.append(Draw.text(line, x: Narrow.margin, y: y, maxWidth: Narrow.contentWidth, metrics: Narrow.heading,
                                   weight: "bold"))
            y += 18
        }
        nodes += Narrow.lines(detailLines, x: Narrow.margin, y: y, maxWidth: Narrow.contentWidth, cssClass: "muted")
        return (nodes, y + Double(max(0, detailLines.count - 1)) * Narrow.lineHeight + 12)
    }

    /// The config and history card's lines: title, the counts sentence, the settings.
    func narrowCardLines() -> (title: [String], sentence: [String], settings: [String]) {
        let width = Narrow.contentWidth - 20
        let (_, settings) = cardLines(width: width)
        guard let card = scene.card else { return ([], [], []) }
        return (Narrow.wrap("config and history of \(scene.imageName) (not layers)", maxWidth: width, metrics: Narrow.label),
                Narrow.wrap(Self.countsSentence(card), maxWidth: width),
                settings.flatMap { Narrow.wrap($0, maxWidth: width, maxLines: 3) })
    }

    func narrowCardHeight() -> Double {
        guard scene.card != nil else { return 0 }
        let lines = narrowCardLines()
        return Narrow.height(lines: lines.title.count + lines.sentence.count + lines.settings.count, firstBaseline: 20) + 8
    }

    /// The card under the stack: config and history are metadata of the image, not layers.
    func narrowCard(top: Double) -> [SVGNode] {
        guard scene.card != nil else { return [] }
        let frame = Rect(x: Narrow.margin, y: top, width: Narrow.contentWidth, height: narrowCardHeight())
        let lines = narrowCardLines()
        let x = frame.x + 10, width = frame.width - 20
        var y = frame.y + 20
        var labels = Narrow.lines(lines.title, x: x, y: y, maxWidth: width, metrics: Narrow.label, weight: "bold")
        y += Double(lines.title.count) * Narrow.lineHeight + 4
        labels += Narrow.lines(lines.sentence, x: x, y: y, maxWidth: width)
        y += Double(lines.sentence.count) * Narrow.lineHeight
        labels += Narrow.lines(lines.settings, x: x, y: y, maxWidth: width, cssClass: "muted")
        return [Draw.box(frame, cssClass: "node-other", dashed: true, strokeWidth: 1, radius: 6, labels: labels)]
    }

    func narrowDocument(idPrefix: String) -> SVGDocument {
        let heading = narrowHeading(top: 0)
        let height = narrowStackHeight()
        let layers = narrowStack(bottom: heading.bottom + height)
        let cardTop = heading.bottom + height + (scene.card == nil ? 0 : 12)
        let legend = Narrow.legend(Narrow.layerLegend(includeShared: scene.layers.contains(where: \.isShared)),
                                   y: cardTop + narrowCardHeight() + 12)
        let description = "A stack of the layers of image \(scene.imageName), from the base at the bottom to the "
            + "top, each box's height on a log scale of its size. " + spokenLayers()
            + (scene.card.map { " " + Self.countsSentence($0) } ?? "")
        return SVGDocument(
            idPrefix: idPrefix, width: Narrow.width, height: cardTop + narrowCardHeight() + 12 + legend.height + 6,
            title: "Layers of \(scene.imageName)", description: description,
            viewClass: "strata-diagram-stack strata-diagram-narrow",
            body: heading.nodes + layers + narrowCard(top: cardTop) + legend.nodes
        )
    }
}

extension ContainerView {
    /// Each change: its symbol and path on one line, what the overlay did on the next.
    func narrowChangeLines(width: Double) -> [(change: ChangeItem, path: [String], note: [String])] {
        scene.changes.map { change in
            (change: change, path: Narrow.wrap(change.path, maxWidth: width, metrics: Narrow.label, maxLines: 2),
             note: Narrow.wrap(Self.note(change), maxWidth: width, maxLines: 3))
        }
    }

    static let narrowChangeIndent = 24.0

    func narrowWritableHeight() -> Double {
        let lines = narrowChangeLines(width: Narrow.contentWidth - Self.narrowChangeIndent - 8)
        let count = lines.reduce(0) { $0 + $1.path.count + $1.note.count }
        return Narrow.height(lines: 2 + count, firstBaseline: 18) + Double(lines.count) * 4
    }

    /// The writable layer: its title and count, then each change with its note under it.
    func narrowWritableLayer(frame: Rect) -> [SVGNode] {
        let x = frame.x + 10
        var labels: [SVGNode] = [
            Draw.text("container layer (read-write)", x: x, y: frame.y + 18, maxWidth: frame.width - 20,
                      metrics: Narrow.label, weight: "bold"),
            Draw.text(scene.changes.isEmpty ? "no changes yet" : Draw.count(scene.changes.count, "change"),
                      x: x, y: frame.y + 18 + Narrow.lineHeight, maxWidth: frame.width - 20, metrics: Narrow.small,
                      cssClass: "muted"),
        ]
        let textX = frame.x + Self.narrowChangeIndent
        let width = frame.maxX - 8 - textX
        var y = frame.y + 18 + 2 * Narrow.lineHeight + 4
        for item in narrowChangeLines(width: width) {
            let cssClass = Self.cssClass(item.change.kind)
            labels.append(Draw.text(Self.symbol(item.change.kind), x: x, y: y, maxWidth: 12, metrics: Narrow.label,
                                    cssClass: cssClass, weight: "bold"))
            labels += Narrow.lines(item.path, x: textX, y: y, maxWidth: width, metrics: Narrow.label, cssClass: cssClass)
            y += Double(item.path.count) * Narrow.lineHeight
            labels += Narrow.lines(item.note, x: textX, y: y, maxWidth: width, cssClass: "muted")
            y += Double(item.note.count) * Narrow.lineHeight + 4
        }
        return [Draw.box(frame, cssClass: "layer-writable", strokeWidth: 1.8, labels: labels)]
    }

    func narrowDocument(idPrefix: String) -> SVGDocument {
        let stackView = StackView(scene: scene.stack)
        let name = scene.stack.imageName
        let heading = StackView.narrowTitle("container of \(name)", detail: "image layers are read-only; changes go on top",
                                            top: 0)
        let writable = Rect(x: Narrow.margin, y: heading.bottom, width: Narrow.contentWidth, height: narrowWritableHeight())
        let dividerLines = Narrow.wrap("▼ read-only layers of image \(name)", maxWidth: Narrow.contentWidth - 4)
        let divider = Narrow.lines(dividerLines, x: Narrow.margin + 4, y: writable.maxY + 17,
                                   maxWidth: Narrow.contentWidth - 4, cssClass: "muted")
        let stackTop = writable.maxY + 17 + Double(dividerLines.count - 1) * Narrow.lineHeight + 10
        let stackHeight = stackView.narrowStackHeight()
        let layers = stackView.narrowStack(bottom: stackTop + stackHeight)
        let legend = Narrow.legend(Narrow.layerLegend(includeShared: scene.stack.layers.contains(where: \.isShared)) + [
            Legend.Item(cssClass: "layer-writable", dashed: false, label: "writable container layer"),
        ], y: stackTop + stackHeight + 12)
        let description = spokenDescription(name: name, stackView: stackView)
        return SVGDocument(
            idPrefix: idPrefix, width: Narrow.width, height: stackTop + stackHeight + 12 + legend.height + 6,
            title: "Container of \(name)", description: description,
            viewClass: "strata-diagram-container strata-diagram-narrow",
            body: heading.nodes + narrowWritableLayer(frame: writable) + divider + layers + legend.nodes
        )
    }
}
