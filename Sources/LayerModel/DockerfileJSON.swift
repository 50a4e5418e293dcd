/// The JSON that `strata dockerfile parse --json` prints: one object per instruction, in
/// the shape of BuildKit's parse tree as the `dockerfile` Python package reports it.
public enum DockerfileJSON {
    /// One instruction as printed; also what committed oracle expectations decode into.
    public struct Entry: Hashable, Sendable, Codable {
        public let name: String
        public let args: [String]
        public let flags: [String]
        public let json: Bool
        public let startLine: Int
        public let endLine: Int
        public let original: String
        public let subCmd: String?
        public let heredocs: [HeredocEntry]?

        public init(_ instruction: Instruction) {
            name = instruction.name
            args = instruction.args
            flags = instruction.flags
            json = instruction.isJSON
            startLine = instruction.startLine
            endLine = instruction.endLine
            original = instruction.original
            subCmd = instruction.subCommand
            heredocs = instruction.heredocs.isEmpty
                ? nil
                : instruction.heredocs.map { HeredocEntry(name: $0.name, fileDescriptor: $0.fileDescriptor, content: $0.content) }
        }
    }

    /// A heredoc as printed.
    public struct HeredocEntry: Hashable, Sendable, Codable {
        public let name: String
        public let fileDescriptor: Int
        public let content: String
    }

    /// The entries for every instruction of `dockerfile`.
    public static func entries(_ dockerfile: Dockerfile) -> [Entry] {
        dockerfile.instructions.map(Entry.init)
    }

    /// A JSON array with keys in a fixed order, one instruction per block, ending in a newline.
    public static func encode(_ dockerfile: Dockerfile) -> String {
        let objects = entries(dockerfile).map { entry -> String in
            var fields: [String] = [
                "\"name\": " + quote(entry.name),
                "\"args\": " + array(entry.args),
                "\"flags\": " + array(entry.flags),
                "\"json\": " + (entry.json ? "true" : "false"),
                "\"startLine\": \(entry.startLine)",
                "\"endLine\": \(entry.endLine)",
                "\"original\": " + quote(entry.original),
            ]
            if let subCmd = entry.subCmd { fields.append("\"subCmd\": " + quote(subCmd)) }
            if let heredocs = entry.heredocs {
                let items = heredocs.map {
                    "{\"name\": \(quote($0.name)), \"fileDescriptor\": \($0.fileDescriptor), \"content\": \(quote($0.content))}"
                }
                fields.append("\"heredocs\": [" + items.joined(separator: ", ") + "]")
            }
            return "  {\n    " + fields.joined(separator: ",\n    ") + "\n  }"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func array(_ values: [String]) -> String {
        "[" + values.map(quote).joined(separator: ", ") + "]"
    }

    /// A JSON string literal; control characters are escaped, everything else kept as UTF-8.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
