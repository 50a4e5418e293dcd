import Foundation

/// Sample Dockerfiles for base images, so that `FROM python:3.9-slim` can be expanded into
/// python's own layers on top of debian's. Read from a folder holding `catalog.txt` (one
/// `reference folder` pair a line) and, per folder, a `Dockerfile` and an optional
/// `layers.txt` listing the files each instruction adds.
public struct Catalogue: Hashable, Sendable {
    /// One sample image.
    public struct Entry: Hashable, Sendable {
        /// The name as written in the index (`python:3.9-slim`).
        public let name: String
        public let reference: ImageReference
        /// The path of its Dockerfile.
        public let dockerfilePath: String
        /// The folder that serves as its build context.
        public let directory: String
    }

    /// The index file's name inside the catalogue folder.
    public static let indexFileName = "catalog.txt"
    /// The per-sample file listing which paths each instruction (by start line) touches.
    public static let listingFileName = "layers.txt"

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// A catalogue with no samples: every base image stays opaque.
    public static let empty = Catalogue(entries: [])

    /// The sample for `reference`, matched on the normalised name.
    public func entry(for reference: ImageReference) -> Entry? {
        entries.first { $0.reference == reference }
    }
}
