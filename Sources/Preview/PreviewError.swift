/// Why the preview server could not start or keep running.
public enum PreviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process listens on the port; `suggestion` is the next free one, if any was found.
    case portInUse(host: String, port: Int, suggestion: Int?)
    /// The address could not be bound for another reason.
    case cannotBind(host: String, port: Int, reason: String)
    /// A watched folder is missing or unreadable.
    case cannotWatch(path: String, reason: String)

    public var description: String {
        switch self {
        case let .portInUse(host, port, suggestion):
            var text = "error: port \(port) on \(host) is already in use by another program."
            if let suggestion {
                text += " Port \(suggestion) is free: try `strata serve --port \(suggestion)`."
            } else {
                text += " Choose another one with --port."
            }
            return text
        case let .cannotBind(host, port, reason):
            return "error: cannot listen on \(host):\(port): \(reason)"
        case let .cannotWatch(path, reason):
            return "error: cannot watch \(path): \(reason)"
        }
    }
}
