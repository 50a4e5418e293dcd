import Foundation

/// Reads Dockerfiles the way BuildKit's parser does (the one behind `docker build`):
/// parser directives, comments, line continuations, flags, exec and shell forms and
/// heredocs, keeping every instruction's original text and lines.
public enum DockerfileParser {
    /// BuildKit reads lines with a 64 KiB buffer: a longer line is an error.
    static let maximumLineBytes = 65535

    /// Reads and parses the file at `path`.
    public static func parseFile(atPath path: String) throws(DockerfileError) -> Dockerfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DockerfileError(file: path, line: 0, column: 0, message: "cannot read the Dockerfile (expected a readable file)")
        }
        return try parse(bytes: [UInt8](data), path: path)
    }

    /// Parses Dockerfile text; `path` is used in error locations.
    public static func parse(_ text: String, path: String) throws(DockerfileError) -> Dockerfile {
        try parse(bytes: Array(text.utf8), path: path)
    }

    /// Parses raw bytes, which must be UTF-8 text.
    public static func parse(bytes: [UInt8], path: String) throws(DockerfileError) -> Dockerfile {
        let source = try SourceLines(bytes: bytes, path: path)
        var run = ParserRun(source: source, path: path)
        return try run.parse()
    }
}

/// The file cut into lines (without their `\n`), as BuildKit's line scanner sees them.
struct SourceLines {
    var lines: [String] = []
    var endsWithNewline: [Bool] = []
    /// The 1-based line that was too long for BuildKit's scanner: reading stops before it.
    var overlongLine: Int?

    init(bytes: [UInt8], path: String) throws(DockerfileError) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lineNumber = 1
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            let raw = bytes[start..<end]
            if raw.count > DockerfileParser.maximumLineBytes {
                overlongLine = lineNumber
                return
            }
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw DockerfileError(
                    file: path, line: lineNumber, column: Self.firstInvalidColumn(raw),
                    message: "expected UTF-8 text, but the file holds bytes that are not (is it a binary file?)"
                )
            }
            lines.append(text)
            endsWithNewline.append(newline != nil)
            start = end + 1
            lineNumber += 1
        }
    }

    private static func firstInvalidColumn(_ raw: ArraySlice<UInt8>) -> Int {
        var good = raw.startIndex
        var column = 1
        while good < raw.endIndex {
            var length = 1
            while good + length <= raw.endIndex, length <= 4 {
                if String(validating: raw[good..<(good + length)], as: UTF8.self) != nil { break }
                length += 1
            }
            if length > 4 || good + length > raw.endIndex { return column }
            good += length
            column += 1
        }
        return column
    }
}

/// One pass over a file's lines, mirroring BuildKit's `parser.Parse` loop.
struct ParserRun {
    let source: SourceLines
    let path: String
    var next = 0
    var escape: Unicode.Scalar = "\\"
    var directivesDone = false
    var directives: [ParserDirective] = []
    var instructions: [Instruction] = []

    init(source: SourceLines, path: String) {
        self.source = source
        self.path = path
    }

    mutating func readLine() -> String? {
        guard next < source.lines.count else { return nil }
        defer { next += 1 }
        return source.lines[next]
    }

    mutating func parse() throws(DockerfileError) -> Dockerfile {
        while let raw = readLine() {
            let lineNumber = next
            var line = try processLine(raw, stripLeadingWhitespace: true, lineNumber: lineNumber)
            let startLine = lineNumber
            let firstRaw = raw
            var isEnd: Bool
            (line, isEnd) = trimContinuation(line)
            if isEnd && line.isEmpty { continue }
            while !isEnd, let continued = readLine() {
                let processed = try processLine(continued, stripLeadingWhitespace: false, lineNumber: next)
                if isComment(continued) || isBlank(processed) { continue }
                let piece: String
                (piece, isEnd) = trimContinuation(processed)
                line += piece
            }
            try instructions.append(instruction(line: line, startLine: startLine, firstRaw: firstRaw))
        }
        if instructions.isEmpty {
            let last = max(1, min(next, source.lines.count))
            throw DockerfileError(
                file: path, line: source.overlongLine ?? last, column: 1,
                message: "file with no instructions: expected at least one instruction such as FROM"
            )
        }
        if let overlong = source.overlongLine {
            throw DockerfileError(
                file: path, line: overlong, column: DockerfileParser.maximumLineBytes + 1,
                message: "dockerfile line greater than max allowed size of \(DockerfileParser.maximumLineBytes) bytes"
            )
        }
        return Dockerfile(path: path, directives: directives, escapeCharacter: Character(escape), instructions: instructions)
    }

    mutating func instruction(line: String, startLine: Int, firstRaw: String) throws(DockerfileError) -> Instruction {
        let column = firstRaw.unicodeScalars.prefix(while: isGoSpace).count + 1
        let file = path
        let located = { (message: String) in DockerfileError(file: file, line: startLine, column: column, message: message) }
        let split = CommandSplitter.split(line)
        var parsed: ParsedArguments
        var subCommand: String?
        var heredocName = split.name
        var heredocJSON = false
        do {
            if split.name == "onbuild" {
                parsed = .none
                if !split.rest.isEmpty {
                    let sub = CommandSplitter.split(split.rest)
                    subCommand = sub.original
                    heredocName = sub.name
                    parsed = sub.name == "onbuild"
                        ? ParsedArguments(args: [""], isJSON: false)
                        : try InstructionArguments.parse(name: sub.name, rest: sub.rest, escape: escape)
                    heredocJSON = parsed.isJSON
                }
            } else {
                parsed = try InstructionArguments.parse(name: split.name, rest: split.rest, escape: escape)
                heredocJSON = parsed.isJSON
            }
        } catch {
            throw DockerfileError(
                file: file, line: startLine, column: Self.argumentsColumn(in: firstRaw, arguments: split.rest) ?? column, message: error.message
            )
        }
        var heredocs: [Heredoc] = []
        var original = line
        // Without "<<" no word can start a heredoc, so the shell lexer is skipped.
        if ["add", "copy", "run"].contains(heredocName) && !heredocJSON && containsBytes(line, "<<") {
            let starts: [HeredocScanner.Start]
            do {
                starts = try HeredocScanner.heredocs(in: line)
            } catch {
                throw located(error.message)
            }
            for start in starts {
                heredocs.append(try readHeredocBody(start, startLine: startLine, located: located))
            }
            // ONBUILD's triggers keep their bodies out of the instruction, as BuildKit reports them.
            if subCommand == nil && !heredocs.isEmpty {
                original += "\n" + heredocs.map { $0.content + $0.name + "\n" }.joined()
            } else if subCommand != nil {
                heredocs = []
            }
        }
        return Instruction(
            name: split.name, args: parsed.args, flags: split.flags, isJSON: parsed.isJSON, original: original,
            startLine: startLine, endLine: next, subCommand: subCommand?.lowercased(), heredocs: heredocs
        )
    }

    /// The 1-based column where `arguments` start on the instruction's first line, if they
    /// start there (they may begin on a continuation line).
    static func argumentsColumn(in firstRaw: String, arguments: String) -> Int? {
        let probe = String(arguments.unicodeScalars.prefix(12))
        guard !probe.isEmpty else { return nil }
        let scalars = Array(firstRaw.unicodeScalars), wanted = Array(probe.unicodeScalars)
        let keywordEnd = scalars.firstIndex(where: { !isGoSpace($0) }).flatMap { start in
            scalars[start...].firstIndex(where: isGoSpace)
        } ?? scalars.count
        var index = keywordEnd
        while index + wanted.count <= scalars.count {
            if Array(scalars[index..<(index + wanted.count)]) == wanted { return index + 1 }
            index += 1
        }
        return nil
    }

    mutating func readHeredocBody(
        _ start: HeredocScanner.Start, startLine: Int, located: (String) -> DockerfileError
    ) throws(DockerfileError) -> Heredoc {
        var content = ""
        while let raw = readLine() {
            var candidate = Substring(raw)
            while let last = candidate.unicodeScalars.last, last == "\r" || last == "\n" {
                candidate = Substring(candidate.unicodeScalars.dropLast())
            }
            if start.chomp { candidate = Substring(candidate.unicodeScalars.drop { $0 == "\t" }) }
            if candidate.utf8.elementsEqual(start.name.utf8) {
                return Heredoc(name: start.name, fileDescriptor: start.fileDescriptor, content: content, expand: start.expand, chomp: start.chomp)
            }
            content += raw
            if source.endsWithNewline[next - 1] { content += "\n" }
        }
        throw located("unterminated heredoc: expected a line with just \(start.name) before the end of the file")
    }

    /// Strips the line ending (and leading blanks on an instruction's first line), looks
    /// for parser directives, and blanks out whole-line comments.
    mutating func processLine(_ raw: String, stripLeadingWhitespace: Bool, lineNumber: Int) throws(DockerfileError) -> String {
        var token = Substring(raw)
        while token.unicodeScalars.last == "\r" { token = Substring(token.unicodeScalars.dropLast()) }
        if stripLeadingWhitespace {
            token = Substring(token.unicodeScalars.drop(while: isGoSpace))
        }
        try lookForDirective(token, lineNumber: lineNumber)
        return token.unicodeScalars.first == "#" ? "" : String(token)
    }

    mutating func lookForDirective(_ token: Substring, lineNumber: Int) throws(DockerfileError) {
        guard !directivesDone else { return }
        guard let (name, value) = Self.directive(in: token) else {
            directivesDone = true
            return
        }
        let key = name.lowercased()
        guard key == "escape" || key == "syntax" else {
            directivesDone = true
            return
        }
        if directives.contains(where: { $0.name == key }) {
            throw DockerfileError(file: path, line: lineNumber, column: 1, message: "only one \(key) parser directive can be used")
        }
        directives.append(ParserDirective(name: key, value: value, line: lineNumber))
        if key == "escape" {
            guard value == "\\" || value == "`", let scalar = value.unicodeScalars.first else {
                throw DockerfileError(
                    file: path, line: lineNumber, column: 1,
                    message: "invalid escape token '\(value)' does not match ` or \\ (expected # escape=\\ or # escape=`)"
                )
            }
            escape = scalar
        }
    }

    /// Matches `#\s*name\s*=\s*value\s*` (value non-empty, `\s` as in Go: tab, LF, FF, CR, space).
    static func directive(in token: Substring) -> (String, String)? {
        func isSpace(_ ch: Unicode.Scalar) -> Bool { ch == " " || ch == "\t" || ch == "\n" || ch == "\u{C}" || ch == "\r" }
        func isLetter(_ ch: Unicode.Scalar) -> Bool { ("a"..."z").contains(ch) || ("A"..."Z").contains(ch) }
        var scalars = token.unicodeScalars[...]
        guard scalars.first == "#" else { return nil }
        scalars = scalars.dropFirst().drop(while: isSpace)
        guard let first = scalars.first, isLetter(first) else { return nil }
        let name = scalars.prefix { isLetter($0) || ("0"..."9").contains($0) }
        scalars = scalars.dropFirst(name.count).drop(while: isSpace)
        guard scalars.first == "=" else { return nil }
        let afterEquals = scalars.dropFirst()
        guard !afterEquals.isEmpty else { return nil }
        let trimmedLeft = afterEquals.drop(while: isSpace)
        var value: Substring.UnicodeScalarView.SubSequence
        if trimmedLeft.isEmpty {
            value = afterEquals.suffix(1)
        } else {
            value = trimmedLeft
            while let last = value.last, isSpace(last) { value = value.dropLast() }
        }
        return (String(String.UnicodeScalarView(name)), String(String.UnicodeScalarView(value)))
    }

    /// Removes a trailing escape character (and blanks after it) that continues the line.
    func trimContinuation(_ line: String) -> (String, Bool) {
        var scalars = line.unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        guard scalars.last == escape else { return (line, true) }
        let before = scalars.dropLast()
        if let previous = before.last, previous == escape { return (line, true) }
        return (String(String.UnicodeScalarView(before)), false)
    }

    func isComment(_ raw: String) -> Bool {
        raw.unicodeScalars.first(where: { !isGoSpace($0) }) == "#"
    }

    func isBlank(_ processed: String) -> Bool {
        processed.unicodeScalars.allSatisfy(isGoSpace)
    }
}
