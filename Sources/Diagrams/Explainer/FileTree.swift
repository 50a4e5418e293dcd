/// The merged view as a folder tree, the way dive lists an image's files: every listed
/// path under the folders that hold it, folders before their contents.
enum FileTree {
    /// `files` (paths from the model, any order) as tree rows in path order, each folder
    /// above it that is not listed itself added as a `folder` row whose size is what is
    /// listed below it. Depth counts the path's components below `/`, from 0.
    static func rows(_ files: [ExplainerFile]) -> [ExplainerFile] {
        var byPath: [String: ExplainerFile] = [:]
        for file in files { byPath[file.path] = file }
        var folderSizes: [String: Int] = [:]
        for file in files {
            let components = file.path.split(separator: "/")
            for count in stride(from: components.count - 1, through: 1, by: -1) {
                let folder = "/" + components.prefix(count).joined(separator: "/")
                guard byPath[folder] == nil else { continue }
                folderSizes[folder, default: 0] += file.size ?? 0
            }
        }
        let folders = folderSizes.map { path, size in
            ExplainerFile(path: path, depth: 0, layer: nil, copiedFrom: nil, size: size, directory: true, status: "folder")
        }
        // Compared by components, so `/etc/x` sorts right after `/etc`, before `/etc-old`.
        return (Array(byPath.values) + folders)
            .map { row in (row, row.path.split(separator: "/")) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
            .map { row, components in
                ExplainerFile(path: row.path, depth: max(0, components.count - 1), layer: row.layer,
                              copiedFrom: row.copiedFrom, size: row.size, directory: row.directory, status: row.status)
            }
    }
}
