/// A built image: read-only layers (base first), a config and the history that made it.
/// Images are values with no mutating API: running and committing make new values.
public struct Image: Hashable, Sendable, Codable {
    /// The display name (`python:3.9-slim`, `flask-app`).
    public let name: String
    /// The parsed reference, when the name is one (nil for an untagged build).
    public let reference: ImageReference?
    /// Every layer, base first; config-only ("empty") layers included, as in the history.
    public let layers: [Layer]
    /// The runtime configuration the image's instructions produced.
    public let config: ImageConfig
    /// The base-image chain, base first: `scratch`, `debian:buster-slim`, `python:3.9-slim`, the app.
    public let chain: [ChainLink]
    /// `COPY --from` and `FROM <stage>` edges between stages of the build that made this image.
    public let stageDependencies: [StageDependency]

    public init(
        name: String,
        reference: ImageReference? = nil,
        layers: [Layer],
        config: ImageConfig,
        chain: [ChainLink],
        stageDependencies: [StageDependency] = []
    ) {
        self.name = name
        self.reference = reference
        self.layers = layers
        self.config = config
        self.chain = chain
        self.stageDependencies = stageDependencies
    }

    /// A digest over the layer ids and the config, like an image id.
    public var id: String {
        var text = layers.map(\.id.digest).joined(separator: "\n") + "\n"
        text += config.fingerprint
        return "sha256:" + SHA256.hex(text)
    }

    /// The short form of `id` (12 hex digits).
    public var shortID: String { String(id.dropFirst("sha256:".count).prefix(12)) }

    /// Only the layers with filesystem content: what `docker inspect` lists under RootFS.
    public var filesystemLayers: [Layer] { layers.filter(\.isFilesystem) }

    /// The OCI-style history, oldest first (`docker history` prints it reversed).
    public var history: [HistoryEntry] {
        layers.map { layer in
            HistoryEntry(
                createdBy: layer.createdBy,
                emptyLayer: layer.kind == .empty,
                layerID: layer.id,
                origin: layer.origin,
                size: layer.size,
                builtElsewhere: layer.origin != name
            )
        }
    }

    /// The files a container of this image sees: every visible path with the layer it comes from.
    public var mergedFiles: [MergedFile] { OverlayView.merge(layers: layers, writable: nil) }

    /// The topmost layer that holds `path` as a visible file, if any.
    public func layer(holding path: String) -> Layer? {
        let cleaned = FilePath.clean(path)
        guard let file = mergedFiles.first(where: { FilePath.clean($0.path) == cleaned }) else { return nil }
        return layers.first { $0.id == file.layerID }
    }
}

/// One image in a base-image chain with the number of layers it adds.
public struct ChainLink: Hashable, Sendable, Codable {
    /// `scratch`, `debian:buster-slim`, `python:3.9-slim`, or the app's name.
    public let name: String
    /// The parsed reference (nil for `scratch` and for local build names).
    public let reference: ImageReference?
    /// The Dockerfile that defines it, when the catalogue has one.
    public let dockerfilePath: String?
    /// How many layers (filesystem and empty) this image adds on top of its base.
    public let layerCount: Int
    /// How many of those layers carry files.
    public let filesystemLayerCount: Int
    /// True for a base not found in the catalogue: drawn, but not expanded into layers.
    public let isOpaque: Bool

    public init(name: String, reference: ImageReference?, dockerfilePath: String?, layerCount: Int, filesystemLayerCount: Int, isOpaque: Bool) {
        self.name = name
        self.reference = reference
        self.dockerfilePath = dockerfilePath
        self.layerCount = layerCount
        self.filesystemLayerCount = filesystemLayerCount
        self.isOpaque = isOpaque
    }

    /// True for the empty image every chain starts from.
    public var isScratch: Bool { name == "scratch" }
}

/// A build-time edge between stages: `COPY --from=builder` or `FROM builder`.
public struct StageDependency: Hashable, Sendable, Codable {
    /// How the stage was used.
    public enum Kind: String, Hashable, Sendable, Codable { case copyFrom, fromStage }
    /// The stage (or image) that is read from.
    public let source: String
    /// The stage that reads it.
    public let target: String
    public let kind: Kind
    /// The 1-based line of the instruction that made the edge.
    public let line: Int

    public init(source: String, target: String, kind: Kind, line: Int) {
        self.source = source
        self.target = target
        self.kind = kind
        self.line = line
    }
}

/// One row of an image history, as in the OCI image config (`created_by`, `empty_layer`).
public struct HistoryEntry: Hashable, Sendable, Codable {
    public let createdBy: String
    public let emptyLayer: Bool
    public let layerID: LayerID
    /// The image of the chain the row comes from.
    public let origin: String
    /// Rough size in bytes (0 for empty layers).
    public let size: Int
    /// True for rows from base images, which `docker history` shows as `<missing>`.
    public let builtElsewhere: Bool
}

/// A file visible in the merged (overlay) view and the layer that provides it.
public struct MergedFile: Hashable, Sendable, Codable {
    public let path: String
    public let size: Int?
    public let isDirectory: Bool
    /// The layer the visible version comes from; nil when it lives in a container's writable layer.
    public let layerID: LayerID?
    /// The chain image of that layer, or `container` for the writable layer.
    public let origin: String
}
