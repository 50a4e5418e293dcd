import LayerModel

/// What the explainer does in the running container, one step per change, in this order:
/// write a new file, modify a file from a lower layer, delete a file from a lower layer.
public struct ExplainerOptions: Hashable, Sendable {
    /// A new file to write in the container; `<working dir>/notes.txt` when nil.
    public var write: String?
    /// The size in bytes of the written file.
    public var writeSize: Int
    /// A file from a lower layer to modify (copy-up); chosen from the image when nil.
    public var modify: String?
    /// A file from a lower layer to delete (whiteout); chosen from the image when nil.
    public var delete: String?
    /// The container's name; the image's name with `-1` when nil.
    public var containerName: String?

    /// The size of the written file when the option does not give one.
    public static let defaultWriteSize = 64

    /// The attribute names `init(attributes:)` understands.
    public static let attributeNames = ["write", "modify", "delete", "container"]

    public init(write: String? = nil, writeSize: Int = Self.defaultWriteSize, modify: String? = nil, delete: String? = nil,
                containerName: String? = nil) {
        self.write = write
        self.writeSize = writeSize
        self.modify = modify
        self.delete = delete
        self.containerName = containerName
    }

    /// Options from tag attributes: `write="/path"` or `write="/path:size"`, `modify="/path"`,
    /// `delete="/path"`, `container="name"`. Other names are listed in
    /// `ignoring` or rejected, so a typo does not silently fall back to a default.
    public init(attributes: [String: String], ignoring: Set<String> = []) throws(ExplainerError) {
        self.init()
        for name in attributes.keys.sorted() where !Self.attributeNames.contains(name) && !ignoring.contains(name) {
            throw .invalidOption(name: name, value: attributes[name] ?? "",
                                 expected: "one of " + (Self.attributeNames + ignoring.sorted()).joined(separator: ", "))
        }
        if let text = attributes["write"] {
            (write, writeSize) = try Self.pathAndSize(text)
        }
        if let text = attributes["modify"] { modify = try Self.absolute(text, option: "modify") }
        if let text = attributes["delete"] { delete = try Self.absolute(text, option: "delete") }
        if let text = attributes["container"] { containerName = try Self.name(text, option: "container") }
    }

    private static func absolute(_ text: String, option: String) throws(ExplainerError) -> String {
        let path = text.trimmingSpaces
        guard path.hasPrefix("/"), path.count > 1, !path.contains(",") else {
            throw .invalidOption(name: option, value: text, expected: "one absolute path starting with '/'")
        }
        return path
    }

    private static func pathAndSize(_ text: String) throws(ExplainerError) -> (String, Int) {
        let trimmed = text.trimmingSpaces
        guard let colon = trimmed.lastIndex(of: ":") else {
            return (try absolute(trimmed, option: "write"), defaultWriteSize)
        }
        guard let size = Int(trimmed[trimmed.index(after: colon)...]), size >= 0 else {
            throw .invalidOption(name: "write", value: text, expected: "'/path' or '/path:size' with a size in bytes")
        }
        return (try absolute(String(trimmed[..<colon]), option: "write"), size)
    }

    private static func name(_ text: String, option: String) throws(ExplainerError) -> String {
        let name = text.trimmingSpaces
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace }) else {
            throw .invalidOption(name: option, value: text, expected: "a name without spaces")
        }
        return name
    }
}

/// Why an explainer could not be made; the tag turns it into a located Liquid error.
public enum ExplainerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An option value that cannot be used; `expected` says what would be accepted.
    case invalidOption(name: String, value: String, expected: String)
    /// The container refused a change (e.g. modifying a file no layer has).
    case containerChange(path: String, reason: String)
    /// The image has no file that could show a copy-up or a whiteout.
    case noLowerFile(purpose: String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, expected):
            return "invalid explainer option \(name)=\"\(value)\": expected \(expected)"
        case let .containerChange(path, reason):
            return "explainer cannot change \(path) in the container: \(reason)"
        case let .noLowerFile(purpose):
            return "the image has no file from a lower layer to \(purpose); name one with the tag's option"
        }
    }
}
