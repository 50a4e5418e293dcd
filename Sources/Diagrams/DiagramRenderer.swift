import LayerModel

/// Model → SVG: pure functions from images and containers to standalone, inline-ready SVG.
///
/// Output is deterministic (same input, same bytes), well-formed XML with every text
/// escaped, accessible (`role="img"`, `<title>`, `<desc>`), sized by its `viewBox`, and
/// coloured through the `--strata-*` custom properties with light and dark fallbacks.
public enum DiagramRenderer {
    /// Draws `view` of `image`.
    ///
    /// - `container` and `process` run a container of the image and apply `options.changes`.
    /// - `shared` puts the image beside `other`; without one, beside its own base image
    ///   (which shares all of its layers).
    /// - `process` counts `dockerfile`'s instructions when given; otherwise one FROM plus the
    ///   image's own history entries.
    public static func render(
        _ view: DiagramView, image: Image, other: Image? = nil, dockerfile: Dockerfile? = nil,
        options: DiagramOptions = DiagramOptions()
    ) throws(DiagramError) -> String {
        try document(view, image: image, other: other, dockerfile: dockerfile, options: options).xml
    }

    static func document(
        _ view: DiagramView, image: Image, other: Image? = nil, dockerfile: Dockerfile? = nil,
        options: DiagramOptions = DiagramOptions()
    ) throws(DiagramError) -> SVGDocument {
        let key = [view.rawValue, image.id, other?.id ?? "", options.fingerprint].joined(separator: "\n")
        let prefix = options.idPrefix.map(DiagramID.sanitize) ?? DiagramID.prefix(view: view.rawValue, key: key)
        let narrow = options.layout == .narrow
        switch view {
        case .stack:
            let drawing = StackView(scene: SceneBuilder.stack(image))
            return narrow ? drawing.narrowDocument(idPrefix: prefix) : drawing.document(idPrefix: prefix)
        case .chain:
            let drawing = ChainView(scene: SceneBuilder.chain(image))
            return narrow ? drawing.narrowDocument(idPrefix: prefix) : drawing.document(idPrefix: prefix)
        case .container:
            let container = try run(image, options: options)
            let drawing = ContainerView(scene: SceneBuilder.container(container))
            return narrow ? drawing.narrowDocument(idPrefix: prefix) : drawing.document(idPrefix: prefix)
        case .shared:
            // The image reads first next to a peer; a base reads first, below its child.
            let scene: SharedScene
            if let other {
                scene = SceneBuilder.shared(image, other)
            } else {
                let base = SceneBuilder.baseImage(of: image)
                    ?? Image(name: "scratch", layers: [], history: [], config: ImageConfig(), chain: [])
                scene = SceneBuilder.shared(base, image)
            }
            let drawing = SharedView(scene: scene)
            return narrow ? drawing.narrowDocument(idPrefix: prefix) : drawing.document(idPrefix: prefix)
        case .process:
            let container = try run(image, options: options)
            let committed = commit(container, name: image.name + "-committed")
            let count = dockerfile?.instructions.count ?? (1 + image.history.filter { $0.origin == image.name }.count)
            let scene = SceneBuilder.process(image: image, instructionCount: count, container: container,
                                             committed: committed)
            let drawing = ProcessView(scene: scene)
            return narrow ? drawing.narrowDocument(idPrefix: prefix) : drawing.document(idPrefix: prefix)
        }
    }

    /// Draws a container that the caller has already changed (the container view).
    public static func render(container: Container, idPrefix: String? = nil, layout: DiagramLayout = .wide) -> String {
        let key = ["container", container.image.id, container.name]
            + container.changes.map { "\($0.kind.rawValue) \($0.path)" } + (layout == .narrow ? ["narrow"] : [])
        let prefix = idPrefix.map(DiagramID.sanitize)
            ?? DiagramID.prefix(view: "container", key: key.joined(separator: "\n"))
        let drawing = ContainerView(scene: SceneBuilder.container(container))
        return (layout == .narrow ? drawing.narrowDocument(idPrefix: prefix) : drawing.document(idPrefix: prefix)).xml
    }

    /// A container of `image` with `options.changes` applied in order.
    public static func run(_ image: Image, options: DiagramOptions) throws(DiagramError) -> Container {
        var container = Container(image: image, name: options.containerName ?? image.name + "-1")
        do {
            for change in options.changes {
                switch change {
                case .write(let path, let size): try container.write(path, size: size)
                case .modify(let path): try container.modify(path)
                case .delete(let path): try container.delete(path)
                }
            }
        } catch {
            throw .containerChange(path: error.path, reason: error.reason)
        }
        return container
    }
}
