import Foundation

/// The image as an OCI image configuration (`application/vnd.oci.image.config.v1+json`),
/// so that the explainer can show the same JSON `docker inspect` and registries hold.
public struct OCIImageConfig: Hashable, Sendable, Codable {
    /// The runtime part, with the OCI field names.
    public struct Config: Hashable, Sendable, Codable {
        public let env: [String]?
        public let cmd: [String]?
        public let entrypoint: [String]?
        public let workingDir: String?
        public let user: String?
        public let exposedPorts: [String: EmptyObject]?
        public let volumes: [String: EmptyObject]?
        public let labels: [String: String]?
        public let stopSignal: String?

        enum CodingKeys: String, CodingKey {
            case env = "Env", cmd = "Cmd", entrypoint = "Entrypoint", workingDir = "WorkingDir", user = "User"
            case exposedPorts = "ExposedPorts", volumes = "Volumes", labels = "Labels", stopSignal = "StopSignal"
        }
    }

    /// `{}`: OCI writes port and volume sets as objects with empty values.
    public struct EmptyObject: Hashable, Sendable, Codable {}

    /// The layers' diff ids, base first (filesystem layers only).
    public struct RootFS: Hashable, Sendable, Codable {
        public let type: String
        public let diffIDs: [String]

        enum CodingKeys: String, CodingKey { case type, diffIDs = "diff_ids" }
    }

    /// One history row; `empty_layer` marks config-only steps.
    public struct History: Hashable, Sendable, Codable {
        public let createdBy: String
        public let emptyLayer: Bool?
        public let comment: String?

        enum CodingKeys: String, CodingKey { case createdBy = "created_by", emptyLayer = "empty_layer", comment }
    }

    public let architecture: String
    public let os: String
    public let config: Config
    public let rootfs: RootFS
    public let history: [History]

    /// The OCI configuration of `image`; each history row keeps its `comment`
    /// (`buildkit.dockerfile.v0` for Dockerfile steps).
    public init(_ image: Image, architecture: String = "amd64", os: String = "linux") {
        let settings = image.config
        self.architecture = architecture
        self.os = os
        config = Config(
            env: settings.env.isEmpty ? nil : settings.env,
            cmd: settings.cmd,
            entrypoint: settings.entrypoint,
            workingDir: settings.workingDir.isEmpty ? nil : settings.workingDir,
            user: settings.user.isEmpty ? nil : settings.user,
            exposedPorts: settings.exposedPorts.isEmpty ? nil : Dictionary(uniqueKeysWithValues: settings.exposedPorts.map { ($0, EmptyObject()) }),
            volumes: settings.volumes.isEmpty ? nil : Dictionary(uniqueKeysWithValues: settings.volumes.map { ($0, EmptyObject()) }),
            labels: settings.labels.isEmpty ? nil : settings.labels,
            stopSignal: settings.stopSignal
        )
        rootfs = RootFS(type: "layers", diffIDs: image.layers.map(\.id.digest))
        history = image.history.map {
            History(createdBy: $0.createdBy, emptyLayer: $0.emptyLayer ? true : nil, comment: $0.comment)
        }
    }

    /// The config as compact JSON with sorted keys: stable bytes whose digest is the image id.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types always encode; an empty object would still give a stable digest.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
