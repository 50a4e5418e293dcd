/// The layers of one image of a base-image chain, as the stack diagram groups them.
public struct LayerGroup: Hashable, Sendable {
    public let link: ChainLink
    /// Base first; empty for `scratch` and for opaque bases.
    public let layers: [Layer]
    /// This image's own history entries, oldest first (layers and `empty_layer` entries).
    public let history: [HistoryEntry]
}

extension Image {
    /// The chain with each image's own layers, base first (`scratch` first when the chain starts there).
    public var layerGroups: [LayerGroup] {
        var remaining = layers[...]
        var entries = history[...]
        return chain.map { link in
            let own = remaining.prefix(link.layerCount)
            remaining = remaining.dropFirst(own.count)
            let ownHistory = entries.prefix(link.historyCount)
            entries = entries.dropFirst(ownHistory.count)
            return LayerGroup(link: link, layers: Array(own), history: Array(ownHistory))
        }
    }

    /// How many layers, base first, this image has in common with `other`: the longest
    /// common prefix of their diff ids. Those layers are the same content, stored once.
    public func sharedLayerCount(with other: Image) -> Int {
        zip(layers, other.layers).prefix { $0.id == $1.id }.count
    }
}
