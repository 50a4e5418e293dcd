/// The **chain** view: the base-image chain as a vertical path, the built image at the top
/// and `scratch` at the bottom, each with its layer counts.
struct ChainView {
    static let width = 520.0
    static let nodeWidth = 400.0
    static let nodeHeight = 48.0
    static let arrowGap = 34.0

    var scene: ChainScene

    static func counts(_ link: ChainItem) -> String {
        if link.isOpaque { return "not in the catalogue: layers unknown" }
        if link.layerCount == 0 && link.historyCount == 0 { return "the empty image: no layers" }
        return "adds \(Draw.count(link.layerCount, "layer")), \(Draw.count(link.historyCount, "history entry", "history entries"))"
    }

    func document(idPrefix: String) -> SVGDocument {
        let x = (Self.width - Self.nodeWidth) / 2
        var nodes: [SVGNode] = []
        var y = 44.0
        // Top of the drawing is the newest image; walk the chain from the top down.
        let topDown = Array(scene.links.reversed())
        var total = scene.links.reduce(0) { $0 + $1.layerCount }
        for (index, link) in topDown.enumerated() {
            let frame = Rect(x: x, y: y, width: Self.nodeWidth, height: Self.nodeHeight)
            let totalText = "\(Draw.count(total, "layer")) in all"
            let totalWidth = Draw.small.width(of: totalText)
            nodes.append(Draw.box(frame, cssClass: link.isOpaque || link.isScratchLike ? "node-other" : "node-image",
                                  dashed: link.isOpaque || link.isScratchLike, strokeWidth: 1.4, radius: 6, labels: [
                Draw.text(link.name, x: frame.x + 12, y: frame.y + 20, maxWidth: frame.width - 24 - totalWidth - 10,
                          weight: "bold"),
                Draw.text(Self.counts(link), x: frame.x + 12, y: frame.y + 38, maxWidth: frame.width - 24,
                          metrics: Draw.small, cssClass: "muted"),
                Draw.text(totalText, x: frame.maxX - 12, y: frame.y + 20, maxWidth: totalWidth, metrics: Draw.small,
                          anchor: .end, cssClass: "muted"),
            ]))
            total -= link.layerCount
            y = frame.maxY
            if index < topDown.count - 1 {
                nodes.append(Draw.arrow(from: (frame.midX, y + 2), to: (frame.midX, y + Self.arrowGap - 2),
                                        label: "FROM", labelOffset: (28, 4), labelWidth: 40))
                y += Self.arrowGap
            }
        }
        let name = topDown.first?.name ?? "image"
        let heading = Draw.text("base-image chain of \(name)", x: 16, y: 26, maxWidth: Self.width - 32,
                                metrics: Draw.heading, weight: "bold")
        let spoken = topDown.map { "\($0.name) (\(Self.counts($0)))" }.joined(separator: ", built FROM ")
        return SVGDocument(
            idPrefix: idPrefix, width: Self.width, height: y + 16,
            title: "Base-image chain of \(name)",
            description: "A vertical chain of images, each built FROM the one below it: \(spoken).",
            viewClass: "strata-diagram-chain", body: [heading] + nodes
        )
    }
}
