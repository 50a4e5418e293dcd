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
            drawn.append(Narrow.node(frame, cssClass: node.cssClass, dashed: node.dashed, lines: [
                (node.kind, Narrow.heading, nil, "bold"),
                (node.name, Narrow.label, nil, nil),
                (node.detail, Narrow.small, "muted", nil),
            ]))
            y = frame.maxY
            if index < Self.verbs.count {
                drawn += Narrow.downArrow(x: frame.x + 40, top: y, gap: Self.narrowArrowGap, label: Self.verbs[index],
                                          labelInset: 12, labelWidth: width - 60)
                y += Self.narrowArrowGap
            }
        }
        return Narrow.document(like: document(idPrefix: idPrefix), height: y + 10, view: "process", body: drawn)
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
            nodes.append(Narrow.node(frame, cssClass: plain ? "node-other" : "node-image", dashed: plain, lines: [
                (link.name, Narrow.label, nil, "bold"),
                (Self.counts(link), Narrow.small, "muted", nil),
                ("\(Draw.count(total, "layer")) in all", Narrow.small, "muted", nil),
            ]))
            total -= link.layerCount
            y = frame.maxY
            if index < topDown.count - 1 {
                nodes += Narrow.downArrow(x: frame.midX, top: y, gap: Self.arrowGap, label: "FROM",
                                          labelInset: 10, labelWidth: 60)
                y += Self.arrowGap
            }
        }
        return Narrow.document(like: document(idPrefix: idPrefix), height: y + 12, view: "chain", body: nodes)
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
        return Narrow.document(like: document(idPrefix: idPrefix), height: y + 4 + legend.height + 6, view: "shared", body: nodes)
    }

    var orderedUniqueOrigins: [String] {
        var seen = Set<String>()
        return shared.map(\.origin).filter { seen.insert($0).inserted }
    }
}
