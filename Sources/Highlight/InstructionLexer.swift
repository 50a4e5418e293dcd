import LayerModel

/// Colours the lines of one parsed Dockerfile instruction (heredoc bodies excluded).
/// The parser says what the instruction is (keyword, ONBUILD trigger, how many flags,
/// exec or shell form, the escape character); this lexer only finds where those parts
/// sit in the text as written.
struct InstructionLexer {
    let instruction: Instruction
    let escape: Character
    let shell: (String) -> [HighlightToken]

    /// Instructions whose shell form is a command for `/bin/sh -c`.
    private static let shellForms: Set<String> = ["run", "cmd", "entrypoint"]

    func tokens(_ text: String) -> [HighlightToken] {
        var scanner = Scanner(characters: Array(text), escape: escape)
        scanner.take(while: { $0 == " " || $0 == "\t" }, as: nil)
        scanner.takeWord(as: "k")
        var form = instruction.name
        if instruction.name == "onbuild", let trigger = instruction.subCommand {
            scanner.skipBlanks()
            scanner.takeWord(as: "k")
            form = trigger
        }
        for _ in instruction.flags {
            scanner.skipBlanks()
            guard scanner.peek(2) == "--" else { break }
            scanner.takeFlag()
        }
        scanner.skipBlanks()
        if form == "healthcheck", ["CMD", "NONE"].contains(scanner.peekWord().uppercased()) {
            scanner.takeWord(as: "k")
            scanner.skipBlanks()
            form = "cmd"
        }
        let rest = String(scanner.characters[scanner.position...])
        var out = scanner.tokens
        if instruction.isJSON && rest.first == "[" {
            out += Scanner.json(rest, escape: escape)
        } else if Self.shellForms.contains(form) {
            out += shellTokens(rest)
        } else {
            out += Scanner.words(rest, escape: escape, form: form)
        }
        return out
    }

    /// With the default escape the shell's own `\`-newline matches Docker's, so the command
    /// goes to the shell lexer whole; with `` ` `` each line goes alone and the escape is
    /// marked here, since backticks mean something else to a shell.
    private func shellTokens(_ rest: String) -> [HighlightToken] {
        if escape == "\\" { return shell(rest) }
        var out: [HighlightToken] = []
        let lines = rest.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var body = Substring(line)
            var trailer = ""
            let trimmed = body.reversed().drop { $0 == " " || $0 == "\t" }
            if trimmed.first == escape {
                let keep = trimmed.count - 1
                trailer = String(body.dropFirst(keep))
                body = body.prefix(keep)
            }
            if !body.isEmpty { out += shell(String(body)) }
            if !trailer.isEmpty { out.append(HighlightToken(trailer, "se")) }
            if index + 1 < lines.count { out.append(HighlightToken("\n")) }
        }
        return out
    }
}

/// A cursor over an instruction's characters that collects tokens as it goes.
struct Scanner {
    let characters: [Character]
    let escape: Character
    var position = 0
    var tokens: [HighlightToken] = []

    init(characters: [Character], escape: Character) {
        self.characters = characters
        self.escape = escape
    }

    var atEnd: Bool { position >= characters.count }

    func peek(_ count: Int) -> String {
        String(characters[position..<min(characters.count, position + count)])
    }

    func peekWord() -> String {
        var end = position
        while end < characters.count, !Self.isBlank(characters[end]), characters[end] != "\n" { end += 1 }
        return String(characters[position..<end])
    }

    static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }

    mutating func emit(_ text: String, _ className: String?) {
        guard !text.isEmpty else { return }
        tokens.append(HighlightToken(text, className))
    }

    mutating func take(while predicate: (Character) -> Bool, as className: String?) {
        let start = position
        while position < characters.count, predicate(characters[position]) { position += 1 }
        emit(String(characters[start..<position]), className)
    }

    mutating func takeWord(as className: String?) {
        let escape = escape
        take(while: { !Self.isBlank($0) && $0 != "\n" && $0 != escape }, as: className)
    }

    /// Length of a line continuation at the cursor: the escape, blanks, a newline.
    func continuationLength(at index: Int) -> Int? {
        guard index < characters.count, characters[index] == escape else { return nil }
        var end = index + 1
        while end < characters.count, Self.isBlank(characters[end]) { end += 1 }
        guard end < characters.count, characters[end] == "\n" else { return nil }
        return end + 1 - index
    }

    /// Blanks, line continuations (`se`, as Rouge marks them) and the comment lines
    /// BuildKit skips inside a continued instruction.
    mutating func skipBlanks() {
        while !atEnd {
            if Self.isBlank(characters[position]) {
                take(while: Self.isBlank, as: nil)
            } else if let length = continuationLength(at: position) {
                emit(String(characters[position..<(position + length)]), "se")
                position += length
                skipCommentLines()
            } else {
                return
            }
        }
    }

    /// At the start of a continued line: whole-line comments are not part of the instruction.
    mutating func skipCommentLines() {
        while !atEnd {
            var probe = position
            while probe < characters.count, Self.isBlank(characters[probe]) { probe += 1 }
            guard probe < characters.count, characters[probe] == "#" || characters[probe] == "\n" else { return }
            emit(String(characters[position..<probe]), nil)
            position = probe
            if characters[position] == "#" {
                take(while: { $0 != "\n" }, as: "c")
            }
            if !atEnd { emit("\n", nil); position += 1 }
        }
    }

    /// `--name=value` or `--name`: the name as an option (`nt`, as Rouge marks shell
    /// options), `=` as an operator, the value as a string.
    mutating func takeFlag() {
        take(while: { !Self.isBlank($0) && $0 != "\n" && $0 != "=" }, as: "nt")
        if !atEnd, characters[position] == "=" {
            emit("=", "o")
            position += 1
            takeWord(as: "s")
        }
    }

    /// Exec form: a JSON array of strings.
    static func json(_ text: String, escape: Character) -> [HighlightToken] {
        var scanner = Scanner(characters: Array(text), escape: escape)
        while !scanner.atEnd {
            let c = scanner.characters[scanner.position]
            if c == "\"" {
                scanner.takeQuoted(className: "s2", variables: false, jsonEscapes: true)
            } else if "[],".contains(c) {
                scanner.emit(String(c), "p")
                scanner.position += 1
            } else if Scanner.isBlank(c) || c == escape {
                let before = scanner.position
                scanner.skipBlanks()
                if scanner.position == before { scanner.emit(String(c), nil); scanner.position += 1 }
            } else {
                scanner.take(while: { !"[],\"".contains($0) && !Scanner.isBlank($0) && $0 != escape }, as: nil)
            }
        }
        return scanner.tokens
    }

    /// Shell-less arguments (FROM, COPY, ENV, ARG, LABEL, WORKDIR…): variable references
    /// (`nv`), quoted strings, the `AS` of FROM, and the names before `=` in ARG and ENV
    /// (`nv`) or LABEL (`na`).
    static func words(_ text: String, escape: Character, form: String) -> [HighlightToken] {
        var scanner = Scanner(characters: Array(text), escape: escape)
        var wordIndex = 0
        let assigns = ["arg", "env", "label"].contains(form)
        while !scanner.atEnd {
            scanner.skipBlanks()
            if scanner.atEnd { break }
            let before = scanner.position
            defer {
                // Every turn consumes something, whatever the text.
                if scanner.position == before {
                    scanner.emit(String(scanner.characters[before]), nil)
                    scanner.position += 1
                }
            }
            if scanner.characters[before] == "\n" {
                scanner.emit("\n", nil)
                scanner.position += 1
                scanner.skipCommentLines()
                continue
            }
            let word = scanner.peekWord()
            if form == "from" && wordIndex == 1 && word.uppercased() == "AS" {
                scanner.takeWord(as: "k")
            } else if assigns, let equals = word.firstIndex(of: "="), !word[..<equals].isEmpty,
                      !word[..<equals].contains(where: { "\"'$".contains($0) }) {
                let name = String(word[..<equals])
                scanner.emit(name, form == "label" ? "na" : "nv")
                scanner.position += name.count
                scanner.emit("=", "o")
                scanner.position += 1
                scanner.takeWordBody()
            } else if assigns && form != "label" && wordIndex == 0 {
                scanner.takeWord(as: "nv")
            } else {
                scanner.takeWordBody()
            }
            wordIndex += 1
        }
        return scanner.tokens
    }

    /// The rest of one word: quoted strings, `$VAR`/`${VAR:-x}`, escapes, plain text.
    mutating func takeWordBody() {
        var plainStart = position
        func flush(_ s: inout Scanner) {
            s.emit(String(s.characters[plainStart..<s.position]), nil)
        }
        while !atEnd {
            let c = characters[position]
            if Self.isBlank(c) || c == "\n" || continuationLength(at: position) != nil { break }
            if c == "\"" || c == "'" {
                flush(&self)
                takeQuoted(className: c == "\"" ? "s2" : "s1", variables: c == "\"", jsonEscapes: false)
                plainStart = position
            } else if c == "$", let length = variableLength(at: position) {
                flush(&self)
                emit(String(characters[position..<(position + length)]), "nv")
                position += length
                plainStart = position
            } else if c == escape, position + 1 < characters.count {
                flush(&self)
                emit(String(characters[position...(position + 1)]), "se")
                position += 2
                plainStart = position
            } else {
                position += 1
            }
        }
        flush(&self)
    }

    /// `$NAME` or `${…}` (with `:-`, `:+` and the like inside): the reference's length.
    func variableLength(at index: Int) -> Int? {
        let next = index + 1
        guard next < characters.count else { return nil }
        if characters[next] == "{" {
            guard let close = characters[next...].firstIndex(of: "}") else { return nil }
            return close + 1 - index
        }
        var end = next
        while end < characters.count, characters[end] == "_" || characters[end].isLetter || characters[end].isNumber { end += 1 }
        return end > next ? end - index : nil
    }

    /// A quoted string up to its closing quote (or the end), with `$VAR` split out in
    /// double quotes and escapes kept inside the string.
    mutating func takeQuoted(className: String, variables: Bool, jsonEscapes: Bool) {
        let quote = characters[position]
        var start = position
        position += 1
        while !atEnd {
            let c = characters[position]
            if c == quote { position += 1; break }
            if (c == escape || (jsonEscapes && c == "\\")), position + 1 < characters.count {
                position += 2
                continue
            }
            if variables, c == "$", let length = variableLength(at: position) {
                emit(String(characters[start..<position]), className)
                emit(String(characters[position..<(position + length)]), "nv")
                position += length
                start = position
                continue
            }
            position += 1
        }
        emit(String(characters[start..<position]), className)
    }
}
