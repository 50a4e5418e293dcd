/// The **process** view: Dockerfile → build → Image → run → Container → commit → Image,
/// with the counts of an actual build and commit.
struct ProcessView {
    static let width = 920.0
    static let nodeWidth = 180.0
    static let nodeHeight = 70.0

    var scene: ProcessScene

    struct Node {
        var kind: String
        var name: String
        var detail: String
        var cssClass: String
        var dashed = false
    }

    var nodes: [Node] {
        [
            Node(kind: "Dockerfile", name: scene.dockerfileName,
                 detail: Draw.count(scene.instructionCount, "instruction"), cssClass: "node-other", dashed: true),
            Node(kind: "Image", name: scene.imageName,
                 detail: "\(Draw.count(scene.layerCount, "layer")), \(Draw.count(scene.historyCount, "history entry", "history entries"))",
                 cssClass: "node-image"),
            Node(kind: "Container", name: "of \(scene.imageName)",
                 detail: "writable layer, \(Draw.count(scene.containerChangeCount, "change"))",
                 cssClass: "node-container"),
            Node(kind: "Image", name: scene.committedName,
                 detail: Draw.count(scene.committedLayerCount, "layer") + (scene.committedLayerCount > scene.layerCount ? " (one more)" : " (no new layer)"),
                 cssClass: "node-image"),
        ]
    }

    static let verbs = ["build", "run", "commit"]

    func document(idPrefix: String) -> SVGDocument {
        let margin = 16.0
        let gap = (Self.width - 2 * margin - Double(nodes.count) * Self.nodeWidth) / Double(nodes.count - 1)
        let y = 50.0
        var drawn: [SVGNode] = []
        for (index, node) in nodes.enumerated() {
            let frame = Rect(x: margin + Double(index) * (Self.nodeWidth + gap), y: y, width: Self.nodeWidth,
                             height: Self.nodeHeight)
            drawn.append(Draw.box(frame, cssClass: node.cssClass, dashed: node.dashed, strokeWidth: 1.4, radius: 6, labels: [
                Draw.text(node.kind, x: frame.midX, y: frame.y + 22, maxWidth: frame.width - 16, metrics: Draw.heading,
                          anchor: .middle, weight: "bold"),
                Draw.text(node.name, x: frame.midX, y: frame.y + 41, maxWidth: frame.width - 16, anchor: .middle),
                Draw.text(node.detail, x: frame.midX, y: frame.y + 58, maxWidth: frame.width - 16, metrics: Draw.small,
                          anchor: .middle, cssClass: "muted"),
            ]))
            if index < Self.verbs.count {
                drawn.append(Draw.arrow(from: (frame.maxX + 4, frame.midY), to: (frame.maxX + gap - 4, frame.midY),
                                        label: Self.verbs[index], labelWidth: gap - 8))
            }
        }
        let heading = Draw.text("from Dockerfile to image to container and back", x: margin, y: 26,
                                maxWidth: Self.width - 2 * margin, metrics: Draw.heading, weight: "bold")
        let spoken = nodes.map { "\($0.kind) \($0.name) (\($0.detail))" }
        let description = "\(spoken[0]) → build → \(spoken[1]) → run → \(spoken[2]) → commit → \(spoken[3]). "
            + "Building turns the Dockerfile into a read-only image; running the image adds a writable layer "
            + "to make a container; committing the container saves its changes as one more layer in a new image, "
            + "leaving the original image unchanged."
        return SVGDocument(
            idPrefix: idPrefix, width: Self.width, height: y + Self.nodeHeight + 20,
            title: "Dockerfile, image, container, image", description: description,
            viewClass: "strata-diagram-process", body: [heading] + drawn
        )
    }
}
