/// The process, chain and shared views for a phone: boxes one under the other, full width.
extension ProcessView {
    static let narrowNodeHeight = 62.0
    static let narrowArrowGap = 30.0

    func narrowDocument(idPrefix: String) -> SVGDocument {
        let title = StackView.narrowTitle("from Dockerfile to image to container and back",
                                          detail: "read from the top down", top: 0)
        var drawn = title.nodes
        var y = title.bottom
        let width = Narrow.contentWidth
        for (index, node) in nodes.enumerated() {
            let frame = Rect(x: Narrow.margin, y: y, width: width, height: Self.narrowNodeHeight)
            drawn.append(Draw.box(frame, cssClass: node.cssClass, dashed: node.dashed, strokeWidth: 1.4, radius: 6, labels: [
                Draw.text(node.kind, x: frame.x + 12, y: frame.y + 20, maxWidth: frame.width - 24, metrics: Narrow.heading,
                          weight: "bold"),
                Draw.text(node.name, x: frame.x + 12, y: frame.y + 37, maxWidth: frame.width - 24, metrics: Narrow.label),
                Draw.text(node.detail, x: frame.x + 12, y: frame.y + 53, maxWidth: frame.width - 24, metrics: Narrow.small,
                          cssClass: "muted"),
            ]))
            y = frame.maxY
            if index < Self.verbs.count {
                let arrowX = frame.x + 40
                drawn.append(Draw.arrow(from: (arrowX, y + 2), to: (arrowX, y + Self.narrowArrowGap - 2)))
                drawn.append(Draw.text(Self.verbs[index], x: arrowX + 12, y: y + Self.narrowArrowGap / 2 + 4,
                                       maxWidth: width - 60, metrics: Narrow.small, cssClass: "muted"))
                y += Self.narrowArrowGap
            }
        }
        let wide = self.document(idPrefix: idPrefix)
        return SVGDocument(idPrefix: idPrefix, width: Narrow.width, height: y + 10, title: wide.title,
                           description: wide.description,
                           viewClass: "strata-diagram-process strata-diagram-narrow", body: drawn)
    }
}

extension ChainView {
    static let narrowNodeHeight = 64.0

    func narrowDocument(idPrefix: String) -> SVGDocument {
        let topDown = Array(scene.links.reversed())
        let name = topDown.first?.name ?? "image"
        let title = StackView.narrowTitle("base-image chain of \(name)", detail: "each image is built FROM the one below it",
                                          top: 0)
        var nodes = title.nodes
        var y = title.bottom
        var total = scene.links.reduce(0) { $0 + $1.layerCount }
        let width = Narrow.contentWidth
        for (index, link) in topDown.enumerated() {
            let frame = Rect(x: Narrow.margin, y: y, width: width, height: Self.narrowNodeHeight)
            let plain = link.isOpaque || link.isScratchLike
            nodes.append(Draw.box(frame, cssClass: plain ? "node-other" : "node-image", dashed: plain, strokeWidth: 1.4,
                                  radius: 6, labels: [
                Draw.text(link.name, x: frame.x + 12, y: frame.y + 20, maxWidth: frame.width - 24, metrics: Narrow.label,
                          weight: "bold"),
                Draw.text(Self.counts(link), x: frame.x + 12, y: frame.y + 37, maxWidth: frame.width - 24,
                          metrics: Narrow.small, cssClass: "muted"),
                Draw.text("\(Draw.count(total, "layer")) in all", x: frame.x + 12, y: frame.y + 53,
                          maxWidth: frame.width - 24, metrics: Narrow.small, cssClass: "muted"),
            ]))
            total -= link.layerCount
            y = frame.maxY
            if index < topDown.count - 1 {
                let arrowX = frame.midX
                nodes.append(Draw.arrow(from: (arrowX, y + 2), to: (arrowX, y + Self.arrowGap - 2)))
                nodes.append(Draw.text("FROM", x: arrowX + 10, y: y + Self.arrowGap / 2 + 4, maxWidth: 60,
                                       metrics: Narrow.small, cssClass: "muted"))
                y += Self.arrowGap
            }
        }
        let wide = self.document(idPrefix: idPrefix)
        return SVGDocument(idPrefix: idPrefix, width: Narrow.width, height: y + 12, title: wide.title,
                           description: wide.description,
                           viewClass: "strata-diagram-chain strata-diagram-narrow", body: nodes)
    }
}

extension SharedView {
    /// Each image's own layers in a band of its own, one under the other, then the shared ones.
    func narrowDocument(idPrefix: String) -> SVGDocument {
        let left = scene.left.imageName, right = scene.right.imageName
        let title = StackView.narrowTitle("\(left) and \(right)", detail: "what each has alone, then what they share",
                                          top: 0)
        var nodes = title.nodes
        var y = title.bottom
        let origins = orderedUniqueOrigins
        let sharedLabel = scene.sharedCount == 0
            ? "no layers in common"
            : "shared by both: \(Draw.count(scene.sharedCount, "layer")), stored once"
                + (origins.isEmpty ? "" : " (from " + origins.joined(separator: ", ") + ")")
        let bands = [
            Narrow.Band(heading: [("only in \(left): \(Draw.count(leftOwn.count, "layer"))", Narrow.label, nil, "bold")],
                        layers: leftOwn, showShared: false),
            Narrow.Band(heading: [("only in \(right): \(Draw.count(rightOwn.count, "layer"))", Narrow.label, nil, "bold")],
                        layers: rightOwn, showShared: false),
            Narrow.Band(heading: [(sharedLabel, Narrow.label, "shared", "bold")], layers: shared, showShared: false),
        ]
        for band in bands {
            let frame = Rect(x: Narrow.margin, y: y, width: Narrow.contentWidth, height: band.height(width: Narrow.contentWidth))
            nodes += band.nodes(frame: frame)
            y = frame.maxY + StackView.bandGap
        }
        let legend = Narrow.legend(Narrow.layerLegend(includeShared: false), y: y + 4)
        nodes += legend.nodes
        let wide = self.document(idPrefix: idPrefix)
        return SVGDocument(idPrefix: idPrefix, width: Narrow.width, height: y + 4 + legend.height + 6,
                           title: wide.title, description: wide.description,
                           viewClass: "strata-diagram-shared strata-diagram-narrow", body: nodes)
    }

    var orderedUniqueOrigins: [String] {
        var seen = Set<String>()
        return shared.map(\.origin).filter { seen.insert($0).inserted }
    }
}
