import LayerModel

/// Reduces model values to the scenes the views draw.
enum SceneBuilder {
    static func item(_ layer: Layer, isShared: Bool) -> LayerItem {
        LayerItem(
            id: layer.id.short,
            instruction: layer.instruction.text.isEmpty ? layer.createdBy : layer.instruction.text,
            isFilesystem: layer.isFilesystem,
            origin: layer.origin,
            isShared: isShared,
            size: layer.isFilesystem && layer.changes.contains(where: { $0.size != nil }) ? layer.size : nil
        )
    }

    /// The chain's first link when it is drawn as a floor: `scratch`, or an opaque base.
    static func floor(of image: Image) -> ChainItem? {
        guard let first = image.chain.first, first.isScratch || first.isOpaque else { return nil }
        return chainItem(first)
    }

    static func chainItem(_ link: ChainLink) -> ChainItem {
        ChainItem(name: link.name, layerCount: link.layerCount, filesystemLayerCount: link.filesystemLayerCount,
                  isOpaque: link.isOpaque)
    }

    /// An image's stack; layers that come from a base image are marked shared, since every
    /// image built on that base holds the very same layers.
    static func stack(_ image: Image) -> StackScene {
        StackScene(
            imageName: image.name,
            layers: image.layers.map { item($0, isShared: $0.origin != image.name) },
            floor: floor(of: image)
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

    /// Two images; the shared part is their common prefix of layer ids, which with chained
    /// ids is exactly the set of layers they have in common.
    static func shared(_ left: Image, _ right: Image) -> SharedScene {
        var count = 0
        while count < left.layers.count, count < right.layers.count, left.layers[count].id == right.layers[count].id {
            count += 1
        }
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
        return Image(name: base.name, reference: base.reference, layers: layers, config: ImageConfig(),
                     chain: Array(image.chain.dropLast()))
    }

    static func process(image: Image, instructionCount: Int, container: Container, committed: Image) -> ProcessScene {
        ProcessScene(
            dockerfileName: image.layers.last(where: { $0.origin == image.name })?.instruction.file
                .map(displayName(ofDockerfile:)) ?? "Dockerfile",
            instructionCount: instructionCount,
            imageName: image.name,
            layerCount: image.layers.count,
            filesystemLayerCount: image.filesystemLayers.count,
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
