/// A running (or stopped) container: an image's read-only layers plus one thin writable
/// layer. Writing to the container only ever changes the writable layer; the image
/// value it was made from stays as it was.
public struct Container: Hashable, Sendable, Codable {
    /// A name for diagrams and commits (`web`, `flask-app-1`).
    public let name: String
    /// The image the container runs; never changed by the container.
    public let image: Image
    /// The writable layer's changes, in the order they were made (one entry per path).
    public private(set) var changes: [FileChange]

    /// The container's id, 64 hex digits, as `docker run -d` prints it. Docker draws it from
    /// 32 random bytes; the model derives it from the image id and the name instead, so a page
    /// that shows it is the same on every build.
    public var id: String { SHA256.hex("container.v1\n" + image.id + "\n" + name) }

    /// A fresh container: the image and an empty writable layer, as after `docker run`.
    public init(image: Image, name: String) {
        self.image = image
        self.name = name
        self.changes = []
    }

    /// Writes a file: a new path is added in the writable layer; an existing lower file is
    /// copied up first and recorded as modified, with the layer that held it.
    public mutating func write(_ path: String, size: Int) throws(ContainerError) {
        let cleaned = try checked(path)
        if lowerFile(at: cleaned) != nil {
            try modify(cleaned, size: size)
            return
        }
        // Writing into a deleted folder recreates it: overlayfs marks the new folder opaque
        // so the image's old contents stay hidden.
        if let index = changes.firstIndex(where: { $0.kind == .deleted && $0.path != cleaned && FilePath.isInside(cleaned, $0.path) }) {
            changes[index] = FileChange(path: changes[index].path, kind: .opaqueDirectory, isDirectory: true)
        }
        record(FileChange(path: cleaned, kind: .added, size: size))
    }

    /// Modifies an existing file. A file from an image layer is copied up into the writable
    /// layer first (overlayfs copy-up); the change remembers which layer held it.
    public mutating func modify(_ path: String, size: Int? = nil) throws(ContainerError) {
        let cleaned = try checked(path)
        if let own = changes.first(where: { $0.path == cleaned && $0.kind != .deleted }) {
            record(FileChange(path: cleaned, kind: own.kind, size: size ?? own.size, copiedUpFrom: own.copiedUpFrom))
            return
        }
        guard let lower = lowerFile(at: cleaned) else {
            throw ContainerError(path: cleaned, reason: "cannot modify a file that does not exist in the container")
        }
        guard !lower.isDirectory else {
            throw ContainerError(path: cleaned, reason: "expected a file, but the image has a directory here")
        }
        record(FileChange(path: cleaned, kind: .modified, size: size ?? lower.size, copiedUpFrom: lower.layerID))
    }

    /// Deletes a file or directory: a file only in the writable layer just disappears; one
    /// from the image is hidden by a whiteout (`.wh.NAME`) in the writable layer.
    public mutating func delete(_ path: String) throws(ContainerError) {
        let cleaned = try checked(path)
        let lower = lowerFile(at: cleaned) ?? lowerDirectoryContents(at: cleaned)
        let ownIndex = changes.firstIndex { $0.path == cleaned && $0.kind != .deleted }
        guard lower != nil || ownIndex != nil else {
            throw ContainerError(path: cleaned, reason: "cannot delete a path that does not exist in the container")
        }
        changes.removeAll { FilePath.isInside($0.path, cleaned) }
        if lower != nil {
            changes.append(FileChange(path: cleaned, kind: .deleted, isDirectory: lower?.isDirectory ?? false))
        }
    }

    /// The writable layer's total size of added and copied-up files.
    public var writableSize: Int {
        changes.reduce(0) { $0 + ($1.kind == .deleted ? 0 : ($1.size ?? 0)) }
    }

    /// What a process in the container sees: every visible path and where it comes from.
    public var mergedFiles: [MergedFile] { OverlayView.merge(layers: image.layers, writable: changes) }

    private mutating func record(_ change: FileChange) {
        if let index = changes.firstIndex(where: { $0.path == change.path }) {
            changes[index] = change
        } else {
            changes.append(change)
        }
    }

    private func checked(_ path: String) throws(ContainerError) -> String {
        guard path.hasPrefix("/") else {
            throw ContainerError(path: path, reason: "expected an absolute path starting with '/'")
        }
        let cleaned = FilePath.clean(path)
        guard cleaned != "/" else { throw ContainerError(path: path, reason: "expected a path below '/'") }
        return cleaned
    }

    /// The file as the image layers provide it, ignoring anything the container deleted.
    private func lowerFile(at path: String) -> MergedFile? {
        let hidden = changes.contains {
            ($0.kind == .deleted && FilePath.isInside(path, $0.path)) || ($0.kind == .opaqueDirectory && path != $0.path && FilePath.isInside(path, $0.path))
        }
        guard !hidden else { return nil }
        return image.mergedFiles.first { $0.path == path }
    }

    private func lowerDirectoryContents(at path: String) -> MergedFile? {
        guard !changes.contains(where: { $0.kind == .deleted && FilePath.isInside(path, $0.path) }) else { return nil }
        guard let inside = image.mergedFiles.first(where: { FilePath.isInside($0.path, path) }) else { return nil }
        return MergedFile(path: path, size: nil, isDirectory: true, layerID: inside.layerID, origin: inside.origin)
    }
}

/// A container operation that cannot be done, with the path it was tried on.
public struct ContainerError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// `docker commit`: a new image from the container's image plus, when the container
/// changed something, one layer holding the writable layer's changes. The history gains
/// one entry either way; with no changes it is an `empty_layer` entry (moby's commit marks
/// an empty diff so). The container's image is not changed.
public func commit(_ container: Container, name: String? = nil, comment: String? = nil) -> Image {
    let base = container.image
    // moby records the container's command as the entry's created_by, the message as its comment.
    let command = (base.config.entrypoint ?? []) + (base.config.cmd ?? [])
    let createdBy = command.isEmpty ? "" : command.joined(separator: " ")
    let imageName = name ?? "\(container.name)-commit"
    let source = InstructionSource(keyword: "COMMIT", text: "docker commit \(container.name) \(imageName)", file: nil, startLine: 0, endLine: 0)
    let changes = container.changes
        .map { FileChange(path: $0.path, kind: $0.kind, size: $0.size, isDirectory: $0.isDirectory) }
        .sorted { $0.path < $1.path }
    let layer = changes.isEmpty ? nil : Layer(instruction: source, createdBy: createdBy, origin: imageName, changes: changes)
    let entry = HistoryEntry(createdBy: createdBy, comment: comment, emptyLayer: layer == nil, instruction: source,
                             origin: imageName, size: layer?.size ?? 0)
    let link = ChainLink(
        name: imageName,
        reference: try? ImageReference(parsing: imageName),
        dockerfilePath: nil,
        layerCount: layer == nil ? 0 : 1,
        historyCount: 1,
        isOpaque: false
    )
    return Image(
        name: imageName,
        reference: link.reference,
        layers: base.layers + (layer.map { [$0] } ?? []),
        history: base.history + [entry],
        config: base.config,
        chain: base.chain + [link],
        stageDependencies: []
    )
}
