/// The **container** view: the image's stack, read-only, with the thin writable container
/// layer on top listing its changes (written, copied up and modified, deleted as whiteouts).
struct ContainerView {
    static let headerHeight = 26.0
    static let changeLineHeight = 18.0
    static let gapAboveStack = 22.0

    var scene: ContainerScene

    var writableHeight: Double {
        Self.headerHeight + Double(scene.changes.count) * Self.changeLineHeight + (scene.changes.isEmpty ? 4 : 8)
    }

    static func symbol(_ kind: ChangeItem.Kind) -> String {
        switch kind {
        case .added: return "+"
        case .modified: return "~"
        case .deleted, .opaqueDirectory: return "−"
        }
    }

    static func cssClass(_ kind: ChangeItem.Kind) -> String {
        switch kind {
        case .added: return "change-added"
        case .modified: return "change-modified"
        case .deleted, .opaqueDirectory: return "change-deleted"
        }
    }

    /// What the overlay does for the change, in words.
    static func note(_ change: ChangeItem) -> String {
        switch change.kind {
        case .added:
            return "written in the container"
        case .modified:
            if let source = change.copiedUpFrom { return "copied up from \(source), then modified" }
            return "copied up, then modified"
        // In a running container overlay2 stores a deletion as a 0/0 character device and an
        // emptied folder as an opaque xattr; the `.wh.` names only appear in a committed tar.
        case .deleted:
            return "whiteout: 0/0 device, \(FilePathName.last(change.storedPath)) when committed"
        case .opaqueDirectory:
            return "opaque folder, \(FilePathName.last(change.storedPath)) when committed"
        }
    }

    func writableLayer(frame: Rect) -> [SVGNode] {
        var labels: [SVGNode] = [
            Draw.text("container layer (read-write)", x: frame.x + 10, y: frame.y + 18, maxWidth: frame.width * 0.55,
                      weight: "bold"),
            Draw.text(scene.changes.isEmpty ? "no changes yet" : Draw.count(scene.changes.count, "change"),
                      x: frame.maxX - 8, y: frame.y + 18, maxWidth: frame.width * 0.4 - 16, metrics: Draw.small,
                      anchor: .end, cssClass: "muted"),
        ]
        let pathX = frame.x + 26
        let pathWidth = frame.width * 0.42
        let noteX = pathX + pathWidth + 10
        for (index, change) in scene.changes.enumerated() {
            let y = frame.y + Self.headerHeight + Double(index) * Self.changeLineHeight + 12
            let cssClass = Self.cssClass(change.kind)
            labels.append(Draw.text(Self.symbol(change.kind), x: frame.x + 12, y: y, maxWidth: 12,
                                    cssClass: cssClass, weight: "bold"))
            labels.append(Draw.text(change.path, x: pathX, y: y, maxWidth: pathWidth, cssClass: cssClass))
            labels.append(Draw.text(Self.note(change), x: noteX, y: y, maxWidth: frame.maxX - 8 - noteX,
                                    metrics: Draw.small, cssClass: "muted"))
        }
        return [Draw.box(frame, cssClass: "layer-writable", strokeWidth: 1.8, labels: labels)]
    }

    func document(idPrefix: String) -> SVGDocument {
        let stackView = StackView(scene: scene.stack)
        let top = 44.0
        let writable = Rect(x: StackView.margin, y: top, width: StackView.width - 2 * StackView.margin,
                            height: writableHeight)
        let stackTop = writable.maxY + Self.gapAboveStack
        let stackHeight = stackView.stackHeight()
        let layers = stackView.stack(bottom: stackTop + stackHeight)
        let legendY = stackTop + stackHeight + 14
        let name = scene.stack.imageName
        let heading: [SVGNode] = [
            Draw.text("container of \(name)", x: StackView.margin, y: 26, maxWidth: StackView.width * 0.5,
                      metrics: Draw.heading, weight: "bold"),
            Draw.text("image layers are read-only; changes go on top",
                      x: StackView.width - StackView.margin, y: 26, maxWidth: StackView.width * 0.45,
                      metrics: Draw.small, anchor: .end, cssClass: "muted"),
        ]
        let divider = Draw.text("▼ read-only layers of image \(name)", x: StackView.margin + 4,
                                y: writable.maxY + 15, maxWidth: StackView.width - 2 * StackView.margin,
                                metrics: Draw.small, cssClass: "muted")
        let legend = Legend.layers(y: legendY, maxX: StackView.width - StackView.margin, includeShared: scene.stack.layers.contains(where: \.isShared), extra: [
            Legend.Item(cssClass: "layer-writable", dashed: false, label: "writable container layer"),
        ])
        let description = spokenDescription(name: name, stackView: stackView)
        return SVGDocument(
            idPrefix: idPrefix, width: StackView.width, height: legendY + legend.height + 8,
            title: "Container of \(name)", description: description, viewClass: "strata-diagram-container",
            body: heading + writableLayer(frame: writable) + [divider] + layers + legend.nodes
        )
    }

    /// What a screen reader says for the drawing, wide or narrow: the container's changes,
    /// then the image's layers from the base up.
    func spokenDescription(name: String, stackView: StackView) -> String {
        let changes = scene.changes.map { "\(Self.symbol($0.kind)) \($0.path): \(Self.note($0))" }
        return "A container of image \(name): the thin writable container layer on top of the image's "
            + "read-only layers. "
            + (changes.isEmpty ? "The writable layer has no changes yet. "
                : "Changes in the writable layer: " + changes.joined(separator: "; ") + ". ")
            + "Below it, the image layers from the base at the bottom to the top. " + stackView.spokenLayers()
    }
}

/// The last component of a slash-separated path (`.wh.motd` for `/etc/.wh.motd`).
enum FilePathName {
    static func last(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
