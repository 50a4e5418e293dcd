import LayerModel

/// Reduces model values to the scenes the views draw.
enum SceneBuilder {
    static func item(_ layer: Layer, isShared: Bool) -> LayerItem {
        LayerItem(
            id: layer.id.short,
            instruction: layer.instruction.text.isEmpty ? layer.createdBy : layer.instruction.text,
            origin: layer.origin,
            isShared: isShared,
            size: layer.size
        )
    }

    /// The config card: history and layer counts and the settings `docker image inspect`
    /// shows under Config.
    static func card(_ image: Image) -> ConfigCard {
        let config = image.config
        var settings: [String] = []
        if !config.workingDir.isEmpty { settings.append("WorkingDir \(config.workingDir)") }
        if !config.user.isEmpty { settings.append("User \(config.user)") }
        if let entrypoint = config.entrypoint { settings.append("Entrypoint " + jsonList(entrypoint)) }
        if let cmd = config.cmd { settings.append("Cmd " + jsonList(cmd)) }
        if !config.exposedPorts.isEmpty { settings.append("ExposedPorts " + config.exposedPorts.joined(separator: " ")) }
        // Labels before the (long, inherited) environment, so a small card still shows them.
        for (key, value) in config.labels.sorted(by: { $0.key < $1.key }) { settings.append("Label \(key)=\(value)") }
        for entry in config.env { settings.append("Env " + entry) }
        return ConfigCard(historyCount: image.history.count, layerCount: image.layers.count, settings: settings)
    }

    /// `["a", "b"]`, as `docker image inspect` prints a list (labels only: not escaped JSON).
    static func jsonList(_ items: [String]) -> String {
        "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// Chain images drawn from the catalogue's sample listings: every built link but the
    /// image itself, whose files come from its own build context and listing.
    static func sampleOrigins(_ image: Image) -> [String] {
        image.chain.dropLast().filter { !$0.isScratch && !$0.isOpaque && $0.dockerfilePath != nil }.map(\.name)
    }

    /// The chain's first link when it is drawn as a floor: `scratch`, or an opaque base.
    static func floor(of image: Image) -> ChainItem? {
        guard let first = image.chain.first, first.isScratch || first.isOpaque else { return nil }
        return chainItem(first)
    }

    static func chainItem(_ link: ChainLink) -> ChainItem {
        ChainItem(name: link.name, layerCount: link.layerCount, historyCount: link.historyCount,
                  isOpaque: link.isOpaque)
    }

    /// An image's stack; layers that come from a base image are marked shared, since every
    /// image built on that base holds the very same layers.
    static func stack(_ image: Image) -> StackScene {
        StackScene(
            imageName: image.name,
            layers: image.layers.map { item($0, isShared: $0.origin != image.name) },
            floor: floor(of: image),
            card: card(image),
            sampleOrigins: sampleOrigins(image)
        )
    }

    static func container(_ container: Container) -> ContainerScene {
        let image = container.image
        let changes = container.changes.map { change -> ChangeItem in
            let kind: ChangeItem.Kind
            switch change.kind {
            case .added: kind = .added
            case .modified: kind = .modified
            case .deleted: kind = .deleted
            case .opaqueDirectory: kind = .opaqueDirectory
            }
            let source = change.copiedUpFrom.flatMap { id in image.layers.first { $0.id == id } }.map { layer in
                "\(layer.origin) (\(TextMetrics.singleLine(layer.instruction.text.isEmpty ? layer.createdBy : layer.instruction.text)))"
            }
            return ChangeItem(kind: kind, path: change.path, storedPath: change.storedPath, copiedUpFrom: source)
        }
        return ContainerScene(stack: stack(image), changes: changes)
    }

    static func chain(_ image: Image) -> ChainScene {
        ChainScene(links: image.chain.map(chainItem))
    }

    /// Two images; the shared part is their common prefix of layer diff ids: the same
    /// content in the same place of the stack, stored once.
    static func shared(_ left: Image, _ right: Image) -> SharedScene {
        let count = left.sharedLayerCount(with: right)
        func own(_ image: Image) -> StackScene {
            StackScene(imageName: image.name,
                       layers: image.layers.enumerated().map { item($1, isShared: $0 < count) },
                       floor: floor(of: image))
        }
        return SharedScene(left: own(left), right: own(right), sharedCount: count)
    }

    /// The image `image` was built FROM, cut out of its own layers: the layers of every
    /// chain link but the last (none for `scratch` or an opaque base). Nil without a base.
    static func baseImage(of image: Image) -> Image? {
        guard image.chain.count >= 2 else { return nil }
        let base = image.chain[image.chain.count - 2]
        let layers = Array(image.layers.prefix { $0.origin != image.name })
        let history = Array(image.history.prefix { $0.origin != image.name })
        return Image(name: base.name, reference: base.reference, layers: layers, history: history, config: ImageConfig(),
                     chain: Array(image.chain.dropLast()))
    }

    static func process(image: Image, instructionCount: Int, container: Container, committed: Image) -> ProcessScene {
        ProcessScene(
            dockerfileName: image.history.last(where: { $0.origin == image.name })?.instruction.file
                .map(displayName(ofDockerfile:)) ?? "Dockerfile",
            instructionCount: instructionCount,
            imageName: image.name,
            layerCount: image.layers.count,
            historyCount: image.history.count,
            containerChangeCount: container.changes.count,
            committedName: committed.name,
            committedLayerCount: committed.layers.count
        )
    }

    /// `flask-app/Dockerfile` for `content/dockerfiles/flask-app/Dockerfile`.
    static func displayName(ofDockerfile path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }
}
