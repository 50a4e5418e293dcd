/// A parsed Dockerfile: its parser directives and instructions, in file order.
public struct Dockerfile: Hashable, Sendable, Codable {
    /// The path it was read from (used in error locations and layer sources).
    public let path: String
    /// Parser directives such as `syntax` and `escape`, as written at the top.
    public let directives: [ParserDirective]
    /// The escape character in effect (`\` or `` ` ``).
    public let escapeCharacter: Character
    public let instructions: [Instruction]

    public init(path: String, directives: [ParserDirective], escapeCharacter: Character, instructions: [Instruction]) {
        self.path = path
        self.directives = directives
        self.escapeCharacter = escapeCharacter
        self.instructions = instructions
    }

    enum CodingKeys: String, CodingKey { case path, directives, escapeCharacter, instructions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        directives = try container.decode([ParserDirective].self, forKey: .directives)
        let escape = try container.decode(String.self, forKey: .escapeCharacter)
        escapeCharacter = escape.first ?? "\\"
        instructions = try container.decode([Instruction].self, forKey: .instructions)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(directives, forKey: .directives)
        try container.encode(String(escapeCharacter), forKey: .escapeCharacter)
        try container.encode(instructions, forKey: .instructions)
    }
}

/// A `# name=value` line at the very top of a Dockerfile.
public struct ParserDirective: Hashable, Sendable, Codable {
    /// Lower-case directive name (`syntax`, `escape`, `check`).
    public let name: String
    public let value: String
    /// The 1-based line it sits on.
    public let line: Int
}

/// One instruction, with the arguments as BuildKit's parser gives them.
public struct Instruction: Hashable, Sendable, Codable {
    /// Lower-case keyword: `from`, `run`, `onbuild`…
    public let name: String
    /// The arguments after flags: words for FROM, key/value pairs for ENV and LABEL, the
    /// exec-form array elements, or the rest of the line as one string for shell form.
    public let args: [String]
    /// Raw flag strings such as `--from=builder` or `--mount=type=cache,target=/root`.
    public let flags: [String]
    /// True for the exec (JSON array) form.
    public let isJSON: Bool
    /// The instruction as written: continuation lines joined as the file had them, heredoc bodies included.
    public let original: String
    /// 1-based first and last line in the file (heredoc bodies included).
    public let startLine: Int
    public let endLine: Int
    /// For ONBUILD: the trigger's lower-case keyword (`run`, `copy`…).
    public let subCommand: String?
    /// Here-documents attached to the instruction, in order.
    public let heredocs: [Heredoc]

    public init(
        name: String, args: [String], flags: [String], isJSON: Bool, original: String,
        startLine: Int, endLine: Int, subCommand: String? = nil, heredocs: [Heredoc] = []
    ) {
        self.name = name
        self.args = args
        self.flags = flags
        self.isJSON = isJSON
        self.original = original
        self.startLine = startLine
        self.endLine = endLine
        self.subCommand = subCommand
        self.heredocs = heredocs
    }

    /// The keyword in upper case, as Dockerfiles conventionally write it.
    public var keyword: String { name.uppercased() }

    /// The value of flag `--name=value` (or `--name` alone, giving ""), nil when absent.
    public func flag(_ flagName: String) -> String? {
        for flag in flags {
            guard flag.unicodeScalars.starts(with: "--".unicodeScalars) else { continue }
            let body = String(flag.unicodeScalars.dropFirst(2))
            if body.unicodeScalars.elementsEqual(flagName.unicodeScalars) { return "" }
            if let (name, value) = splitAtFirstEquals(body), name.unicodeScalars.elementsEqual(flagName.unicodeScalars) { return value }
        }
        return nil
    }
}

/// A here-document body (`<<EOF … EOF`).
public struct Heredoc: Hashable, Sendable, Codable {
    /// The delimiter word, without quotes or `-`.
    public let name: String
    /// The file descriptor it feeds (0 unless written as `3<<EOF`).
    public let fileDescriptor: Int
    /// The body as written, each line with its line ending (for `<<-`, the leading tabs are
    /// still there: BuildKit strips them when it runs the instruction, see `chompedContent`).
    public let content: String
    /// False when the delimiter was quoted: the body is then taken literally, without variable expansion.
    public let expand: Bool
    /// True for `<<-`, which strips leading tabs.
    public let chomp: Bool

    public init(name: String, fileDescriptor: Int, content: String, expand: Bool, chomp: Bool) {
        self.name = name
        self.fileDescriptor = fileDescriptor
        self.content = content
        self.expand = expand
        self.chomp = chomp
    }

    /// The body as the instruction sees it: leading tabs removed from every line for `<<-`.
    public var chompedContent: String {
        guard chomp else { return content }
        return content.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.drop { $0 == "\t" }) }
            .joined(separator: "\n")
    }
}

/// A Dockerfile that cannot be read, parsed or built, located at `file:line:column`.
public struct DockerfileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the problem is with the file as a whole.
    public let line: Int
    public let column: Int
    /// What was expected, and what was found instead.
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:col: error: message`, as the CLI prints it.
    public var description: String { "\(file):\(max(line, 1)):\(max(column, 1)): error: \(message)" }
}
