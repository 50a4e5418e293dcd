/// The pictures Strata can draw from the layer model.
public enum DiagramView: String, CaseIterable, Sendable, Hashable, Codable {
    /// An image's layers, base at the bottom, banded by the chain image they come from.
    case stack
    /// The image's read-only layers with a container's writable layer and its changes on top.
    case container
    /// The base-image chain as a vertical path with layer counts.
    case chain
    /// Dockerfile → build → image → run → container → commit → image.
    case process
    /// Two images side by side, showing the layers they share.
    case shared

    /// Parses a view name, or says which names exist.
    public init(parsing text: String) throws(DiagramError) {
        guard let view = DiagramView(rawValue: text) else {
            throw .invalidOption(name: "view", value: text,
                                 expected: "one of " + DiagramView.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = view
    }
}

/// Why a diagram could not be drawn.
public enum DiagramError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An option value that cannot be used; `expected` says what would be accepted.
    case invalidOption(name: String, value: String, expected: String)
    /// An option name that does not exist.
    case unknownOption(name: String, known: [String])
    /// A file change asked for in the container that the model refuses (e.g. modifying a
    /// file the image does not have).
    case containerChange(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let name, let value, let expected):
            return "invalid value '\(value)' for '\(name)': expected \(expected)"
        case .unknownOption(let name, let known):
            return "unknown option '\(name)': expected one of \(known.joined(separator: ", "))"
        case .containerChange(let path, let reason):
            return "cannot change '\(path)' in the container: \(reason)"
        }
    }
}
