/// One layer of an image: a changeset (paths added, modified or deleted) with a content
/// digest, as listed in an OCI manifest's `layers` and the config's `rootfs.diff_ids`.
///
/// Only instructions that change the filesystem make one (RUN, COPY, ADD, and WORKDIR when
/// it creates its folder; a `docker commit` of a container that changed something); the
/// config-only instructions leave an `empty_layer` history entry instead (OCI image-spec,
/// config.md, `history` and `rootfs`).
public struct Layer: Hashable, Sendable, Codable, Identifiable {
    /// The digest of the changeset alone, like a `diff_id`: equal content gives an equal id
    /// in any image, which is why two images built on one base store its layers once.
    public let id: LayerID
    /// The instruction whose history entry points at this layer.
    public let instruction: InstructionSource
    /// That history entry's `created_by`, in BuildKit's form (`RUN /bin/sh -c … # buildkit`).
    public let createdBy: String
    /// The image of the base chain this layer belongs to (`debian:buster-slim`,
    /// `python:3.9-slim`, or the app's own name).
    public let origin: String
    /// The paths this layer adds, modifies or deletes.
    public let changes: [FileChange]

    /// A layer holding `changes`; its id is the digest of the changes, not of the command.
    public init(instruction: InstructionSource, createdBy: String, origin: String, changes: [FileChange]) {
        self.instruction = instruction
        self.createdBy = createdBy
        self.origin = origin
        self.changes = changes
        self.id = LayerID(digest: Self.diffID(of: changes))
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

    /// The `sha256:` digest of the changeset as the layer's tar would hold it: every stored
    /// path (a deletion as its `.wh.` whiteout), sorted, with its kind and size. The model
    /// has no file bytes, so this stands in for the digest of the uncompressed tar.
    public static func diffID(of changes: [FileChange]) -> String {
        let entries = changes.map { change in
            "\(change.storedPath) \(change.kind.rawValue) \(change.size.map(String.init) ?? "-") \(change.isDirectory ? "dir" : "file")"
        }.sorted()
        return "sha256:" + SHA256.hex("layer.v1\n" + entries.joined(separator: "\n"))
    }
}

/// A layer's content digest: `sha256:` and 64 hex digits.
public struct LayerID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The full digest, `sha256:…`.
    public let digest: String

    public init(digest: String) { self.digest = digest }

    /// The 12 hex digits `docker` shows by default.
    public var short: String { Digest.short(digest) }

    public var description: String { digest }
    public static func < (lhs: LayerID, rhs: LayerID) -> Bool { lhs.digest < rhs.digest }
}

/// Helpers for `sha256:` digests as the docker CLI prints them.
public enum Digest {
    /// The first 12 hex digits, without `sha256:` (the CLI's `TruncateID`).
    public static func short(_ digest: String) -> String {
        let hex = digest.hasPrefix("sha256:") ? digest.dropFirst("sha256:".count) : Substring(digest)
        return String(hex.prefix(12))
    }
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
