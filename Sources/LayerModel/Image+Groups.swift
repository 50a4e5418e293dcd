/// The layers of one image of a base-image chain, as the stack diagram groups them.
public struct LayerGroup: Hashable, Sendable {
    public let link: ChainLink
    /// Base first; empty for `scratch` and for opaque bases.
    public let layers: [Layer]
}

extension Image {
    /// The chain with each image's own layers, base first (`scratch` first when the chain starts there).
    public var layerGroups: [LayerGroup] {
        var remaining = layers[...]
        return chain.map { link in
            let own = remaining.prefix { $0.origin == link.name }
            remaining = remaining.dropFirst(own.count)
            return LayerGroup(link: link, layers: Array(own))
        }
    }

    /// The ids of the layers this image shares with `other`: their common base, since ids chain.
    public func sharedLayerIDs(with other: Image) -> Set<LayerID> {
        Set(layers.map(\.id)).intersection(other.layers.map(\.id))
    }
}
