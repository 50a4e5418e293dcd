import LayerModel

/// What `docker diff CONTAINER` prints for a container of the model: one line per changed
/// path, `A` added, `C` changed, `D` deleted, sorted by path. Parent folders of a change
/// that the image already had show as `C`: overlay2 copies them up into the upper directory
/// to hold the change (moby's overlay differ reports every upper path).
enum DockerDiff {
    static func lines(_ container: Container) -> [String] {
        var kinds: [String: String] = [:]
        let lower = Set(container.image.mergedFiles.map(\.path))
        for change in container.changes {
            switch change.kind {
            case .added: kinds[change.path] = lower.contains(change.path) ? "C" : "A"
            case .modified, .opaqueDirectory: kinds[change.path] = "C"
            case .deleted: kinds[change.path] = "D"
            }
            var parent = parentPath(change.path)
            while parent != "/" {
                if kinds[parent] == nil { kinds[parent] = lower.contains(parent) || hasLowerChildren(parent, lower) ? "C" : "A" }
                parent = parentPath(parent)
            }
        }
        return kinds.keys.sorted().map { "\(kinds[$0] ?? "C") \($0)" }
    }

    static func output(_ container: Container) -> String {
        let lines = lines(container)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    private static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Listings often name files without their folders: a folder exists below when any lower path lies inside it.
    private static func hasLowerChildren(_ folder: String, _ lower: Set<String>) -> Bool {
        lower.contains { $0.hasPrefix(folder + "/") }
    }
}
