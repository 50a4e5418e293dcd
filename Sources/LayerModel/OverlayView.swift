/// Stacks changesets the way overlayfs does: upper entries hide lower ones, a whiteout
/// hides a path and everything below it, an opaque directory hides the lower contents.
enum OverlayView {
    static let containerOrigin = "container"

    static func merge(layers: [Layer], writable: [FileChange]?) -> [MergedFile] {
        var visible: [String: MergedFile] = [:]
        for layer in layers {
            apply(layer.changes, to: &visible, layerID: layer.id, origin: layer.origin)
        }
        if let writable {
            apply(writable, to: &visible, layerID: nil, origin: containerOrigin)
        }
        return visible.values.sorted { $0.path < $1.path }
    }

    private static func apply(_ changes: [FileChange], to visible: inout [String: MergedFile], layerID: LayerID?, origin: String) {
        for change in changes {
            let path = FilePath.clean(change.path)
            switch change.kind {
            case .added, .modified:
                visible[path] = MergedFile(path: path, size: change.size, isDirectory: change.isDirectory, layerID: layerID, origin: origin)
            case .deleted:
                for key in visible.keys where FilePath.isInside(key, path) { visible[key] = nil }
            case .opaqueDirectory:
                // The folder is this layer's own now; only what this layer puts in it shows.
                for key in visible.keys where FilePath.isInside(key, path) { visible[key] = nil }
                visible[path] = MergedFile(path: path, size: nil, isDirectory: true, layerID: layerID, origin: origin)
            }
        }
    }
}
