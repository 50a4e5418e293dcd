/// A JSON value that keeps its object keys in the order given, so output can follow the key
/// order of the tool it imitates (`docker image inspect` prints Go struct fields in order).
public indirect enum JSONValue: Hashable, Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Pretty-printed with `indent` per level, as Go's `json.MarshalIndent` writes it
    /// (`[]` and `{}` for empty containers).
    public func rendered(indent: String = "    ", level: Int = 0) -> String {
        let pad = String(repeating: indent, count: level)
        let inner = pad + indent
        switch self {
        case .string(let text): return DockerfileJSON.quote(text)
        case .number(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: indent, level: level + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let fields):
            guard !fields.isEmpty else { return "{}" }
            return "{\n" + fields.map { inner + DockerfileJSON.quote($0.0) + ": " + $0.1.rendered(indent: indent, level: level + 1) }
                .joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }
}
