import LayerModel

/// What overlay2 and `docker commit` store for a container's changes (Docker's overlayfs
/// storage-driver docs; the kernel's overlayfs.rst; moby's `pkg/archive` whiteouts):
/// - in the upper directory, a deleted lower path is a character device with device number
///   0/0, a folder whose lower contents are hidden is marked opaque by the
///   `trusted.overlay.opaque=y` attribute, and the folders above a change are copied up;
/// - in a layer tar (what `docker commit` and `docker push` write), a deletion is an empty
///   file `.wh.NAME` beside it and an opaque folder holds `.wh..wh..opq`.
enum OverlayDisk {
    static func upper(_ container: Container) -> [ExplainerDiskEntry] {
        entries(container.changes) { change in
            switch change.kind {
            case .added: return (relative(change.path), change.isDirectory ? "folder, new" : "file, new", change.size)
            case .modified: return (relative(change.path), "file, copied up from a lower layer", change.size)
            case .deleted: return (relative(change.path), "character device 0/0: the whiteout", nil)
            case .opaqueDirectory: return (relative(change.path) + "/", "folder, trusted.overlay.opaque=y", nil)
            }
        }
    }

    /// The tar of the layer `docker commit` makes from `container`'s changes.
    static func tar(_ container: Container) -> [ExplainerDiskEntry] {
        entries(container.changes) { change in
            switch change.kind {
            case .added, .modified: return (relative(change.path), change.isDirectory ? "folder" : "file", change.size)
            case .deleted: return (relative(change.storedPath), "whiteout file (empty): hides " + change.path, 0)
            case .opaqueDirectory: return (relative(change.storedPath), "opaque marker (empty)", 0)
            }
        }
    }

    /// The entries for `changes`, with the folders above them (copied up to hold them), in path order.
    private static func entries(
        _ changes: [FileChange], _ describe: (FileChange) -> (path: String, kind: String, size: Int?)
    ) -> [ExplainerDiskEntry] {
        var byPath: [String: ExplainerDiskEntry] = [:]
        for change in changes {
            let entry = describe(change)
            byPath[entry.path] = ExplainerDiskEntry(path: entry.path, kind: entry.kind, size: entry.size)
            let components = relative(change.path).split(separator: "/")
            for count in stride(from: components.count - 1, through: 1, by: -1) {
                let folder = components.prefix(count).joined(separator: "/") + "/"
                if byPath[folder] == nil { byPath[folder] = ExplainerDiskEntry(path: folder, kind: "folder", size: nil) }
            }
        }
        return byPath.values
            .map { ($0, $0.path.split(separator: "/")) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
            .map(\.0)
    }

    private static func relative(_ path: String) -> String {
        String(path.drop { $0 == "/" })
    }
}
