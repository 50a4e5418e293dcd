/// What a view draws, reduced from the model to plain labelled values.
///
/// The views lay these out; the adapters in `Scenes+Model.swift` fill them from
/// LayerModel. Keeping the two apart lets the layout be tested with any text.
struct LayerItem: Sendable, Hashable {
    /// Short stable id (12 hex digits).
    var id: String
    /// The instruction as written (may span lines; shortened when drawn).
    var instruction: String
    /// The chain image the layer comes from.
    var origin: String
    /// Whether another image holds this very layer (a base layer, or one in both images).
    var isShared: Bool
    /// Size in bytes (0 when the model lists no sizes for the layer).
    var size: Int
}

/// An image's config and history, drawn as a card beside its layers: what `docker image
/// inspect` shows under Config, and how many `docker history` rows are not layers.
struct ConfigCard: Sendable, Hashable {
    /// `docker history` rows: one per layer plus the `empty_layer` entries.
    var historyCount: Int
    var layerCount: Int
    /// `Key value` lines, e.g. `WorkingDir /usr/src/app`, `Cmd ["gunicorn" …]`.
    var settings: [String]
}

/// One image's layers, base first.
struct StackScene: Sendable, Hashable {
    var imageName: String
    var layers: [LayerItem]
    /// What the chain starts from, drawn as a floor under the layers: `scratch`, or an
    /// opaque base that the catalogue could not expand.
    var floor: ChainItem?
    /// The config and history card; nil where the view draws layers only.
    var card: ConfigCard?
    /// Chain images whose layer contents come from the catalogue's sample listings.
    var sampleOrigins: [String] = []

    /// Consecutive runs of layers from the same chain image, base first.
    var groups: [(origin: String, range: Range<Int>)] {
        var result: [(origin: String, range: Range<Int>)] = []
        for (index, layer) in layers.enumerated() {
            if let last = result.last, last.origin == layer.origin, last.range.upperBound == index {
                result[result.count - 1].range = last.range.lowerBound..<(index + 1)
            } else {
                result.append((layer.origin, index..<(index + 1)))
            }
        }
        return result
    }
}

/// One change in a container's writable layer.
struct ChangeItem: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable { case added, modified, deleted, opaqueDirectory }
    var kind: Kind
    var path: String
    /// What the overlay stores: the path, or its whiteout / opaque marker.
    var storedPath: String
    /// For a copy-up: the chain image and instruction of the lower layer that held the file.
    var copiedUpFrom: String?
}

/// A container: the image's stack plus the writable layer's changes.
struct ContainerScene: Sendable, Hashable {
    var stack: StackScene
    var changes: [ChangeItem]
}

/// One image of a base chain.
struct ChainItem: Sendable, Hashable {
    var name: String
    var layerCount: Int
    var historyCount: Int
    var isOpaque: Bool

    /// `scratch`: no layers and no history, drawn dashed like an opaque base.
    var isScratchLike: Bool { layerCount == 0 && historyCount == 0 }
}

/// The base-image chain, base first.
struct ChainScene: Sendable, Hashable {
    var links: [ChainItem]
}

/// Dockerfile → build → image → run → container → commit → image, with real counts.
struct ProcessScene: Sendable, Hashable {
    var dockerfileName: String
    var instructionCount: Int
    var imageName: String
    var layerCount: Int
    var historyCount: Int
    var containerChangeCount: Int
    var committedName: String
    var committedLayerCount: Int
}

/// Two images side by side; the first `sharedCount` layers are the same in both.
struct SharedScene: Sendable, Hashable {
    var left: StackScene
    var right: StackScene
    var sharedCount: Int
}
