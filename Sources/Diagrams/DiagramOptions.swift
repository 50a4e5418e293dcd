/// Knobs for one diagram: its id prefix and what happens in the container.
public struct DiagramOptions: Sendable, Hashable {
    /// One file operation done in the container before it is drawn (container and process views).
    public enum Change: Sendable, Hashable {
        /// Write a file: a new path is added; an existing image file is copied up and modified.
        case write(path: String, size: Int)
        /// Modify a file from the image (copy-up).
        case modify(path: String)
        /// Delete a file or folder (a whiteout when it comes from the image).
        case delete(path: String)
    }

    /// Prefix of every id in the SVG; derived from the input when nil. Pass one when the
    /// same diagram appears twice on a page.
    public var idPrefix: String?
    /// The container's name (defaults to the image name with `-1`).
    public var containerName: String?
    /// Operations applied in order to a fresh container of the image.
    public var changes: [Change]
    /// Drawn for a text column (the default) or for a phone.
    public var layout: DiagramLayout

    public init(idPrefix: String? = nil, containerName: String? = nil, changes: [Change] = [],
                layout: DiagramLayout = .wide) {
        self.idPrefix = idPrefix
        self.containerName = containerName
        self.changes = changes
        self.layout = layout
    }

    /// The attribute names `init(attributes:)` understands.
    public static let attributeNames = ["id", "container", "write", "modify", "delete", "layout"]

    /// Options from tag attributes such as `write="/app/log.txt:120, /tmp/x" delete="/etc/motd"`:
    /// `write`, `modify` and `delete` take comma-separated absolute paths (`write` allows
    /// `:size` in bytes), applied writes first, then modifications, then deletions.
    /// Attribute names outside `attributeNames` are an error unless listed in `ignoring`.
    public init(attributes: [String: String], ignoring: Set<String> = []) throws(DiagramError) {
        self.init()
        for name in attributes.keys.sorted() where !Self.attributeNames.contains(name) && !ignoring.contains(name) {
            throw .unknownOption(name: name, known: Self.attributeNames + ignoring.sorted())
        }
        if let id = attributes["id"] {
            guard !id.isEmpty else { throw .invalidOption(name: "id", value: id, expected: "a non-empty id prefix") }
            idPrefix = id
        }
        containerName = attributes["container"]
        if let layout = attributes["layout"] { self.layout = try DiagramLayout(parsing: layout) }
        for item in try Self.paths(attributes["write"], option: "write") {
            changes.append(try Self.write(item))
        }
        for path in try Self.paths(attributes["modify"], option: "modify") { changes.append(.modify(path: path)) }
        for path in try Self.paths(attributes["delete"], option: "delete") { changes.append(.delete(path: path)) }
    }

    private static func paths(_ value: String?, option: String) throws(DiagramError) -> [String] {
        guard let value else { return [] }
        let items = value.split(separator: ",").map { String($0).trimmingSpaces }
        for item in items where !item.hasPrefix("/") {
            throw .invalidOption(name: option, value: item, expected: "absolute paths starting with '/', separated by commas")
        }
        return items
    }

    /// `/path` or `/path:size`.
    static func write(_ item: String) throws(DiagramError) -> Change {
        guard let colon = item.lastIndex(of: ":") else { return .write(path: item, size: 0) }
        let sizeText = item[item.index(after: colon)...]
        guard let size = Int(sizeText), size >= 0 else {
            throw .invalidOption(name: "write", value: item, expected: "'/path' or '/path:size' with a size in bytes")
        }
        return .write(path: String(item[..<colon]), size: size)
    }

    /// A stable text form, part of the derived id prefix.
    var fingerprint: String {
        let operations = changes.map { change -> String in
            switch change {
            case .write(let path, let size): return "w \(path) \(size)"
            case .modify(let path): return "m \(path)"
            case .delete(let path): return "d \(path)"
            }
        }
        // Only a narrow drawing says so, so the wide drawings keep the ids they always had.
        return ([containerName ?? ""] + operations + (layout == .narrow ? ["narrow"] : [])).joined(separator: "\n")
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
