import LayerModel

/// Colours a Dockerfile from Strata's BuildKit-faithful parser, so the colours are the
/// parse: which lines are parser directives, comments, instructions (with their flags,
/// exec or shell form and escape character) and heredoc bodies all come from
/// `DockerfileParser`. A block that does not parse is coloured up to the instruction the
/// parser stopped at, and the rest is plain text: never an error.
struct DockerfileHighlighter {
    /// Highlights shell code (RUN, CMD and ENTRYPOINT in shell form, RUN heredocs).
    let shell: (String) -> [HighlightToken]

    /// Tokens whose texts, joined, are exactly `code`.
    func tokens(_ code: String) -> [HighlightToken] {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let parsed = Self.parseLongestPrefix(lines)
        var roles = [LineRole](repeating: .outside, count: lines.count)
        var escape: Character = "\\"
        if let dockerfile = parsed {
            escape = dockerfile.escapeCharacter
            for directive in dockerfile.directives where directive.line <= lines.count {
                roles[directive.line - 1] = .directive
            }
            for (index, instruction) in dockerfile.instructions.enumerated() {
                let bodyLines = instruction.heredocs.reduce(0) { $0 + $1.content.utf8.filter { $0 == 0x0A }.count + 1 }
                let lastInstructionLine = instruction.endLine - bodyLines
                for line in instruction.startLine...max(instruction.startLine, lastInstructionLine) where line <= lines.count {
                    roles[line - 1] = .instruction(index)
                }
                if bodyLines > 0 {
                    for line in (lastInstructionLine + 1)...instruction.endLine where line <= lines.count {
                        roles[line - 1] = .heredoc(index)
                    }
                }
            }
        }

        var out: [HighlightToken] = []
        var line = 0
        while line < lines.count {
            let newline = line + 1 < lines.count ? "\n" : ""
            switch roles[line] {
            case .outside:
                out += Self.outsideLine(lines[line])
                out.append(HighlightToken(newline))
                line += 1
            case .directive:
                out.append(HighlightToken(lines[line], "cp"))
                out.append(HighlightToken(newline))
                line += 1
            case .instruction(let index), .heredoc(let index):
                guard let dockerfile = parsed else { line += 1; continue }
                let instruction = dockerfile.instructions[index]
                var end = line
                while end + 1 < lines.count, roles[end + 1] == .instruction(index) { end += 1 }
                if roles[line] == .instruction(index), !Self.instructions.contains(instruction.name) {
                    // BuildKit's parser takes any word as an instruction (the build rejects it
                    // later): `docker build .` in a block labelled docker is not a Dockerfile.
                    while line <= end {
                        out.append(HighlightToken(lines[line] + (line + 1 < lines.count ? "\n" : "")))
                        line += 1
                    }
                } else if roles[line] == .instruction(index) {
                    let text = lines[line...end].joined(separator: "\n")
                    let lexer = InstructionLexer(instruction: instruction, escape: escape, shell: shell)
                    out += lexer.tokens(text)
                    out.append(HighlightToken(end + 1 < lines.count ? "\n" : ""))
                    line = end + 1
                }
                if line < lines.count, roles[line] == .heredoc(index) {
                    out += heredocTokens(instruction, lines: lines, from: &line)
                }
            }
        }
        return out.merged()
    }

    /// The instructions `docker build` knows.
    static let instructions: Set<String> = [
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label", "maintainer",
        "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    ]

    private enum LineRole: Equatable {
        case outside, directive, instruction(Int), heredoc(Int)
    }

    /// The bodies of an instruction's heredocs: shell for RUN, literal file text
    /// (`sh`, Rouge's heredoc class) for COPY and ADD; each closing delimiter too.
    private func heredocTokens(_ instruction: Instruction, lines: [String], from line: inout Int) -> [HighlightToken] {
        var out: [HighlightToken] = []
        let isShell = (instruction.subCommand ?? instruction.name) == "run"
        for heredoc in instruction.heredocs {
            let count = heredoc.content.utf8.filter { $0 == 0x0A }.count
            let body = lines[line..<min(lines.count, line + count)].joined(separator: "\n")
            if count > 0 {
                out += isShell ? shell(body + "\n") : [HighlightToken(body + "\n", "sh")]
            }
            line += count
            guard line < lines.count else { break }
            out.append(HighlightToken(lines[line], "sh"))
            out.append(HighlightToken(line + 1 < lines.count ? "\n" : ""))
            line += 1
        }
        return out
    }

    /// Lines no instruction owns: blank, comments, or text after the point where the
    /// parser stopped (shown plain).
    static func outsideLine(_ line: String) -> [HighlightToken] {
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        if line.dropFirst(indent.count).first == "#" {
            return [HighlightToken(String(indent)), HighlightToken(String(line.dropFirst(indent.count)), "c")]
        }
        return [HighlightToken(line)]
    }

    /// The parse of the whole block or, when it fails, of the lines before the line the
    /// parser blamed; nil when not even a prefix parses.
    static func parseLongestPrefix(_ lines: [String]) -> Dockerfile? {
        var count = lines.count
        while count > 0 {
            let text = lines[0..<count].joined(separator: "\n") + "\n"
            do {
                return try DockerfileParser.parse(text, path: "code block")
            } catch {
                let blamed = error.line - 1
                count = blamed >= 1 && blamed < count ? blamed : count - 1
            }
        }
        return nil
    }
}
