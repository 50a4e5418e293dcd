import Foundation

/// The image as an OCI image manifest (`application/vnd.oci.image.manifest.v1+json`,
/// image-spec manifest.md): the config's descriptor, then one descriptor per layer, base first.
///
/// Its digest is what a registry answers for `python:3.9-slim` and what BuildKit pins the
/// base to in `FROM docker.io/library/python:3.9-slim@sha256:…`. The model has no registry,
/// so the manifest is the one the model's own image would have: the config descriptor points
/// at the image id (the config's digest), and each layer is listed uncompressed
/// (`…layer.v1.tar`, which the spec allows) by its diff id and the model's size. The same
/// image value always gives the same digest, so a base shows one digest wherever it appears.
/// (Docker Hub serves most official images as a multi-platform index whose digest differs;
/// the model builds one platform, so it has no index.)
public struct OCIImageManifest: Hashable, Sendable, Codable {
    /// A content descriptor (image-spec descriptor.md): media type, digest and size in bytes.
    public struct Descriptor: Hashable, Sendable, Codable {
        public let mediaType: String
        public let digest: String
        public let size: Int
    }

    public static let mediaType = "application/vnd.oci.image.manifest.v1+json"
    public static let configMediaType = "application/vnd.oci.image.config.v1+json"
    public static let layerMediaType = "application/vnd.oci.image.layer.v1.tar"

    public let schemaVersion: Int
    public let mediaType: String
    public let config: Descriptor
    public let layers: [Descriptor]

    /// The manifest of `image`.
    public init(_ image: Image) {
        let configJSON = OCIImageConfig(image).canonicalJSON
        schemaVersion = 2
        mediaType = Self.mediaType
        config = Descriptor(mediaType: Self.configMediaType, digest: "sha256:" + SHA256.hex(configJSON),
                            size: configJSON.utf8.count)
        layers = image.layers.map { Descriptor(mediaType: Self.layerMediaType, digest: $0.id.digest, size: $0.size) }
    }

    /// The manifest's bytes: compact JSON with sorted keys, so the digest is stable.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain value types always encode; an empty object would still give a stable digest.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `sha256:` and the hex SHA-256 of `canonicalJSON`: the manifest digest.
    public var digest: String { "sha256:" + SHA256.hex(canonicalJSON) }
}
