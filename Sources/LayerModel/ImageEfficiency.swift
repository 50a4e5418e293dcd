/// How much of an image's stored bytes a container can still see, scored the way dive
/// scores it (wagoodman/dive, `filetree/efficiency.go` and the analysis's `WastedBytes`):
///
/// - every path a layer stores is one node; a file's node weighs its size, a file whiteout
///   weighs 0, a folder whiteout weighs what it hid (the visible files below it before that layer);
/// - a path stored by two or more layers is an inefficiency: all its nodes' bytes count as
///   wasted (a file copied up and changed is stored twice, a deleted file still once);
/// - the score is the sum of each path's smallest node over the sum of all nodes, 1 for an
///   image with no bytes.
///
/// The model's listings may summarise a folder as one sized entry; as in `Layer.size`, an
/// entry inside a sized folder of the same layer is covered by it and not counted again.
public struct ImageEfficiency: Hashable, Sendable {
    /// A path stored by more than one layer: how many nodes and their bytes together.
    public struct Inefficiency: Hashable, Sendable {
        public let path: String
        public let count: Int
        public let cumulativeSize: Int
    }

    /// Between 0 and 1; dive prints it as a percentage.
    public let score: Double
    /// The bytes of every path stored more than once (dive's "potential wasted space").
    public let wastedBytes: Int
    /// The paths stored more than once, the most bytes first (ties by path).
    public let inefficiencies: [Inefficiency]

    /// Scores `layers`, base first (an image's `layers`, or an image's plus a commit's).
    public init(layers: [Layer]) {
        struct Node { var count = 0, cumulative = 0, minimum = Int.max }
        var nodes: [String: Node] = [:]
        var visible: [String: Int] = [:]
        for layer in layers {
            let sizedFolders = layer.changes.filter { $0.isDirectory && $0.size != nil && $0.kind != .deleted }.map(\.path)
            for change in layer.changes {
                let path = FilePath.clean(change.path)
                if sizedFolders.contains(where: { $0 != change.path && FilePath.isInside(change.path, $0) }) { continue }
                let weight: Int
                switch change.kind {
                case .added, .modified: weight = change.size ?? 0
                // A file's whiteout is an empty file; a folder's stands for everything it hides.
                case .deleted:
                    weight = visible.reduce(0) { $0 + ($1.key != path && FilePath.isInside($1.key, path) ? $1.value : 0) }
                case .opaqueDirectory: weight = 0
                }
                var node = nodes[path] ?? Node()
                node.count += 1
                node.cumulative += weight
                node.minimum = min(node.minimum, weight)
                nodes[path] = node
            }
            for change in layer.changes {
                let path = FilePath.clean(change.path)
                switch change.kind {
                case .added, .modified: visible[path] = change.size ?? 0
                case .deleted, .opaqueDirectory:
                    for key in visible.keys where FilePath.isInside(key, path) { visible[key] = nil }
                }
            }
        }
        let discovered = nodes.values.reduce(0) { $0 + $1.cumulative }
        let minimum = nodes.values.reduce(0) { $0 + $1.minimum }
        score = discovered == 0 ? 1 : Double(minimum) / Double(discovered)
        inefficiencies = nodes.filter { $0.value.count >= 2 }
            .map { Inefficiency(path: $0.key, count: $0.value.count, cumulativeSize: $0.value.cumulative) }
            .sorted { ($0.cumulativeSize, $1.path) > ($1.cumulativeSize, $0.path) }
        wastedBytes = inefficiencies.reduce(0) { $0 + $1.cumulativeSize }
    }

    /// Scores an image's layers.
    public init(_ image: Image) { self.init(layers: image.layers) }
}
