/// One step of an image: the instruction that made it, what it changed and a chained id.
public struct Layer: Hashable, Sendable, Codable, Identifiable {
    /// Content-addressed and chained from the parent layer, like an OCI chain ID, so two
    /// images built from the same base share the ids of their common layers.
    public let id: LayerID
    /// Whether the layer has filesystem content or only changes the image config.
    public let kind: LayerKind
    /// The instruction that created this layer and where it was written.
    public let instruction: InstructionSource
    /// The history line, as `docker history --no-trunc` shows it under CREATED BY.
    public let createdBy: String
    /// The image of the base chain this layer belongs to (`debian:buster-slim`,
    /// `python:3.9-slim`, or the app's own name).
    public let origin: String
    /// The paths this layer adds, modifies or deletes (empty for config-only layers).
    public let changes: [FileChange]

    /// Creates a layer whose id chains `parent` with the layer's own content.
    public init(
        parent: LayerID?,
        kind: LayerKind,
        instruction: InstructionSource,
        createdBy: String,
        origin: String,
        changes: [FileChange]
    ) {
        self.kind = kind
        self.instruction = instruction
        self.createdBy = createdBy
        self.origin = origin
        self.changes = kind == .filesystem ? changes : []
        self.id = LayerID.chained(parent: parent, content: Self.contentDigest(kind: kind, createdBy: createdBy, changes: self.changes))
    }

    /// The rough size of the layer in bytes: the sum of what it adds or modifies. A sized
    /// directory entry stands for its whole contents, so entries listed inside it are not
    /// counted twice.
    public var size: Int {
        let sizedDirectories = changes.filter { $0.isDirectory && $0.size != nil && $0.kind != .deleted }
        return changes.reduce(0) { total, change in
            guard change.kind == .added || change.kind == .modified, let size = change.size else { return total }
            let covered = sizedDirectories.contains { $0.path != change.path && FilePath.isInside(change.path, $0.path) }
            return covered ? total : total + size
        }
    }

    /// True for layers that touch the filesystem (RUN, COPY, ADD, WORKDIR creating its folder).
    public var isFilesystem: Bool { kind == .filesystem }

    /// The digest of what the layer itself holds, independent of its parents (like a diff ID).
    public var contentDigest: String {
        Self.contentDigest(kind: kind, createdBy: createdBy, changes: changes)
    }

    static func contentDigest(kind: LayerKind, createdBy: String, changes: [FileChange]) -> String {
        var text = kind.rawValue + "\n" + createdBy + "\n"
        for change in changes {
            text += "\(change.kind.rawValue) \(change.path) \(change.size.map(String.init) ?? "-") \(change.isDirectory)\n"
        }
        return "sha256:" + SHA256.hex(text)
    }
}

/// Whether a layer carries files or only image configuration.
public enum LayerKind: String, Hashable, Sendable, Codable {
    /// RUN, COPY, ADD, WORKDIR that creates its folder, or a commit: a real changeset.
    case filesystem
    /// ENV, CMD, LABEL, EXPOSE, USER, ENTRYPOINT…: `empty_layer` in the OCI history, 0 B in `docker history`.
    case empty
}

/// A layer's id: `sha256:` and 64 hex digits.
public struct LayerID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The full digest, `sha256:…`.
    public let digest: String

    public init(digest: String) { self.digest = digest }

    /// The id for a layer with `content` on top of `parent`: the parent's id and the
    /// content digest hashed together, so equal prefixes give equal ids.
    public static func chained(parent: LayerID?, content: String) -> LayerID {
        guard let parent else { return LayerID(digest: content) }
        return LayerID(digest: "sha256:" + SHA256.hex(parent.digest + " " + content))
    }

    /// The 12 hex digits `docker` shows by default.
    public var short: String {
        let hex = digest.hasPrefix("sha256:") ? digest.dropFirst("sha256:".count) : Substring(digest)
        return String(hex.prefix(12))
    }

    public var description: String { digest }
    public static func < (lhs: LayerID, rhs: LayerID) -> Bool { lhs.digest < rhs.digest }
}

/// Where an instruction came from: its text and its place in a Dockerfile.
public struct InstructionSource: Hashable, Sendable, Codable {
    /// The instruction keyword in upper case (`RUN`, `COPY`…), or `COMMIT` for a commit.
    public let keyword: String
    /// The instruction as written (continuations joined, heredoc bodies included).
    public let text: String
    /// The Dockerfile's path, when the layer was built from one.
    public let file: String?
    /// The 1-based first line of the instruction.
    public let startLine: Int
    /// The 1-based last line of the instruction (heredoc bodies included).
    public let endLine: Int

    public init(keyword: String, text: String, file: String?, startLine: Int, endLine: Int) {
        self.keyword = keyword
        self.text = text
        self.file = file
        self.startLine = startLine
        self.endLine = endLine
    }
}

/// One path that a layer adds, modifies or deletes.
public struct FileChange: Hashable, Sendable, Codable {
    /// What happened to the path.
    public enum Kind: String, Hashable, Sendable, Codable {
        case added
        case modified
        /// Deleted: the layer holds a whiteout file `.wh.NAME` next to it.
        case deleted
        /// The directory's lower contents are hidden: the layer holds `.wh..wh..opq` inside it.
        case opaqueDirectory
    }

    /// An absolute path inside the image (`/usr/local/lib/python3.9/site-packages/`).
    public let path: String
    public let kind: Kind
    /// A rough size in bytes, when known.
    public let size: Int?
    /// True when the path names a directory (a listing may summarise a whole folder).
    public let isDirectory: Bool
    /// For a container's modified file: the lower layer it was copied up from.
    public let copiedUpFrom: LayerID?

    public init(path: String, kind: Kind, size: Int? = nil, isDirectory: Bool = false, copiedUpFrom: LayerID? = nil) {
        self.path = path
        self.kind = kind
        self.size = size
        self.isDirectory = isDirectory
        self.copiedUpFrom = copiedUpFrom
    }

    /// The file an overlay filesystem stores for this change: the path itself, or the
    /// whiteout (`/etc/.wh.motd`) or opaque marker (`/tmp/.wh..wh..opq`) that stands for it.
    public var storedPath: String {
        switch kind {
        case .added, .modified:
            return path
        case .deleted:
            let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            let parent = FilePath.parent(of: trimmed)
            return FilePath.join(parent, ".wh." + FilePath.lastComponent(of: trimmed))
        case .opaqueDirectory:
            return FilePath.join(path, ".wh..wh..opq")
        }
    }
}
