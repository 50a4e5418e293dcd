/// A built image as OCI describes it: the manifest's ordered layers (changesets, base
/// first), a config (env, cmd, working dir, user, labels, ports…) and a history whose
/// entries each point at the next layer or are `empty_layer` (image-spec config.md).
/// Images are values with no mutating API: running and committing make new values.
public struct Image: Hashable, Sendable, Codable {
    /// The display name (`python:3.9-slim`, `flask-app`).
    public let name: String
    /// The parsed reference, when the name is one (nil for an untagged build).
    public let reference: ImageReference?
    /// The layers with filesystem content, base first: `rootfs.diff_ids`, in order.
    public let layers: [Layer]
    /// Every step that made the image, oldest first: one entry per layer, plus the
    /// `empty_layer` entries of instructions that only changed the config.
    public let history: [HistoryEntry]
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
        history: [HistoryEntry],
        config: ImageConfig,
        chain: [ChainLink],
        stageDependencies: [StageDependency] = []
    ) {
        self.name = name
        self.reference = reference
        self.layers = layers
        self.history = history
        self.config = config
        self.chain = chain
        self.stageDependencies = stageDependencies
    }

    /// The image id: the digest of the image's OCI config, as Docker's image id is (the
    /// config holds the layers' diff ids, the history and the runtime settings).
    public var id: String { "sha256:" + SHA256.hex(OCIImageConfig(self).canonicalJSON) }

    /// The short form of `id` (12 hex digits), as `docker images` and `docker history` print it.
    public var shortID: String { Digest.short(id) }

    /// The total size of the layers in bytes, what `docker image inspect` reports as `Size`.
    public var size: Int { layers.reduce(0) { $0 + $1.size } }

    /// The files a container of this image sees: every visible path with the layer it comes from.
    public var mergedFiles: [MergedFile] { OverlayView.merge(layers: layers, writable: nil) }

    /// The topmost layer that holds `path` as a visible file, if any.
    public func layer(holding path: String) -> Layer? {
        let cleaned = FilePath.clean(path)
        guard let file = mergedFiles.first(where: { FilePath.clean($0.path) == cleaned }) else { return nil }
        return layers.first { $0.id == file.layerID }
    }

    /// The layer each history entry points at (nil for `empty_layer` entries), in history
    /// order: the n-th non-empty entry points at the n-th layer (image-spec config.md).
    public var historyLayers: [(entry: HistoryEntry, layer: Layer?)] {
        var next = 0
        return history.map { entry in
            guard !entry.emptyLayer, next < layers.count else { return (entry, nil) }
            defer { next += 1 }
            return (entry, layers[next])
        }
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
    /// How many layers (changesets with files) this image adds on top of its base.
    public let layerCount: Int
    /// How many history entries it adds: its layers plus its `empty_layer` entries.
    public let historyCount: Int
    /// True for a base not found in the catalogue: drawn, but not expanded into layers.
    public let isOpaque: Bool
    /// The digest of this image's manifest (`OCIImageManifest`), set when a later image is
    /// built FROM it: what BuildKit pins the base to (`FROM …@sha256:…`). Nil for the image
    /// at the top of a chain, for `scratch` and for opaque bases, whose manifest is unknown.
    public let manifestDigest: String?

    public init(name: String, reference: ImageReference?, dockerfilePath: String?, layerCount: Int, historyCount: Int,
                isOpaque: Bool, manifestDigest: String? = nil) {
        self.name = name
        self.reference = reference
        self.dockerfilePath = dockerfilePath
        self.layerCount = layerCount
        self.historyCount = historyCount
        self.isOpaque = isOpaque
        self.manifestDigest = manifestDigest
    }

    /// The same link with its manifest digest.
    func pinned(to digest: String) -> ChainLink {
        ChainLink(name: name, reference: reference, dockerfilePath: dockerfilePath, layerCount: layerCount,
                  historyCount: historyCount, isOpaque: isOpaque, manifestDigest: digest)
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

/// One entry of an image's history, as in the OCI image config: `created_by`, `comment`
/// and `empty_layer` (true for steps that changed only the config and made no layer).
public struct HistoryEntry: Hashable, Sendable, Codable {
    /// The step in BuildKit's form: `RUN /bin/sh -c … # buildkit`, `ENV K=v`, `COPY . . # buildkit`.
    public let createdBy: String
    /// `buildkit.dockerfile.v0` for Dockerfile steps; a commit's message for `docker commit`.
    public let comment: String?
    /// True when the step made no layer.
    public let emptyLayer: Bool
    /// The instruction (or commit) the entry records.
    public let instruction: InstructionSource
    /// The image of the chain the entry comes from.
    public let origin: String
    /// The size of the layer it points at, in bytes (0 for empty entries).
    public let size: Int

    public init(createdBy: String, comment: String?, emptyLayer: Bool, instruction: InstructionSource, origin: String, size: Int) {
        self.createdBy = createdBy
        self.comment = comment
        self.emptyLayer = emptyLayer
        self.instruction = instruction
        self.origin = origin
        self.size = size
    }

    /// BuildKit's `comment` on every entry of a Dockerfile build (dockerfile2llb's historyComment).
    public static let buildKitComment = "buildkit.dockerfile.v0"
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
