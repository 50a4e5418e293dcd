/// Splits an instruction line into its keyword, its leading `--flags` and the rest, as
/// BuildKit's `splitCommand` does.
enum CommandSplitter {
    struct Split {
        /// The keyword as written (`RUN`, `run`).
        let original: String
        /// The keyword in lower case.
        let name: String
        let flags: [String]
        let rest: String
    }

    static func split(_ line: String) -> Split {
        let trimmed = trimGoSpace(line)
        let parts = InstructionArguments.splitOnTokenWhitespace(trimmed, maxParts: 2)
        let keyword = parts.first ?? ""
        guard parts.count == 2 else {
            return Split(original: keyword, name: keyword.lowercased(), flags: [], rest: "")
        }
        let (rest, flags) = extractFlags(Array(parts[1].utf8))
        return Split(original: keyword, name: keyword.lowercased(), flags: flags, rest: trimGoSpace(rest))
    }

    /// Reads `--name=value` words from the start of the arguments. The loop works on bytes
    /// (as BuildKit's does); quotes group words and are dropped, a backslash escapes.
    static func extractFlags(_ line: [UInt8]) -> (String, [String]) {
        enum Phase { case spaces, word, quote }
        var words: [String] = []
        var phase = Phase.spaces
        var word = String.UnicodeScalarView()
        var quote: UInt8 = 0
        var blankOK = false
        var position = 0
        let backslash = UInt8(ascii: "\\"), dash = UInt8(ascii: "-")
        func rest(from index: Int) -> String { String(decoding: line[index...], as: UTF8.self) }
        func isDoubleDash(_ word: String.UnicodeScalarView) -> Bool { String(word) == "--" }
        while position <= line.count {
            let atEnd = position == line.count
            let ch: UInt8 = atEnd ? 0 : line[position]
            if phase == .spaces {
                if atEnd { break }
                if isGoSpaceByte(ch) { position += 1; continue }
                if ch != dash || position + 1 == line.count || line[position + 1] != dash {
                    return (rest(from: position), words)
                }
                phase = .word
            }
            if atEnd {
                if !isDoubleDash(word) && (blankOK || !word.isEmpty) { words.append(String(word)) }
                break
            }
            if phase == .word {
                if isGoSpaceByte(ch) {
                    phase = .spaces
                    if isDoubleDash(word) { return (rest(from: position), words) }
                    if blankOK || !word.isEmpty { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    blankOK = false
                    position += 1
                    continue
                }
                if ch == UInt8(ascii: "'") || ch == UInt8(ascii: "\"") {
                    quote = ch
                    blankOK = true
                    phase = .quote
                    position += 1
                    continue
                }
                var byte = ch
                if ch == backslash {
                    if position + 1 == line.count { position += 1; continue }
                    position += 1
                    byte = line[position]
                }
                // Each byte becomes one character, as Go's rune(line[pos]) does.
                word.append(Unicode.Scalar(byte))
                position += 1
                continue
            }
            if ch == quote {
                phase = .word
                position += 1
                continue
            }
            var byte = ch
            if ch == backslash {
                if position + 1 == line.count {
                    phase = .word
                    position += 1
                    continue
                }
                position += 1
                byte = line[position]
            }
            word.append(Unicode.Scalar(byte))
            position += 1
        }
        return ("", words)
    }

    static func trimGoSpace(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, isGoSpace(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isGoSpace(last) { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// Finds the heredoc words (`<<EOF`, `<<-EOF`, `3<<"EOF"`) in an instruction line.
enum HeredocScanner {
    struct Start {
        let name: String
        let fileDescriptor: Int
        let expand: Bool
        let chomp: Bool
    }

    static func heredocs(in line: String) throws(ArgumentError) -> [Start] {
        let lexer = ShellLexer(escape: "\\", rawQuotes: true, rawEscapes: true, skipUnset: true)
        // A line the shell lexer cannot read has no heredocs (BuildKit ignores the error here).
        guard let words = try? lexer.expandWords(line, environment: [:]) else { return [] }
        var starts: [Start] = []
        for word in words {
            if let start = try start(from: word) { starts.append(start) }
        }
        return starts
    }

    /// Matches `^(\d*)<<(-?)([^<]*)$` and reads the delimiter word.
    static func start(from word: String) throws(ArgumentError) -> Start? {
        let scalars = Array(word.unicodeScalars)
        var index = 0
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        let digits = String(String.UnicodeScalarView(scalars[..<index]))
        guard index + 1 < scalars.count, scalars[index] == "<", scalars[index + 1] == "<" else { return nil }
        index += 2
        let chomp = index < scalars.count && scalars[index] == "-"
        if chomp { index += 1 }
        let restScalars = scalars[index...]
        guard !restScalars.contains("<"), !restScalars.isEmpty else { return nil }
        let rest = String(String.UnicodeScalarView(restScalars))
        let plain = ShellLexer(escape: "\\", rawQuotes: false, rawEscapes: false, skipUnset: true)
        let raw = ShellLexer(escape: "\\", rawQuotes: true, rawEscapes: false, skipUnset: true)
        let words: [String]
        let rawWords: [String]
        do {
            words = try plain.expandWords(rest, environment: [:])
            guard words.count == 1 else { return nil }
            rawWords = try raw.expandWords(rest, environment: [:])
        } catch {
            let quoted = rest.unicodeScalars.map { $0 == "\"" || $0 == "\\" ? "\\" + String($0) : String($0) }.joined()
            throw ArgumentError(message: "failed to process \"\(quoted)\": \(error.message) (expected a heredoc delimiter word such as EOF)")
        }
        guard rawWords.count == words.count else {
            throw ArgumentError(message: "internal lexing of heredoc produced inconsistent results: \(rest)")
        }
        func quotes(_ text: String) -> Int { text.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
        return Start(
            name: words[0],
            fileDescriptor: Int(digits) ?? 0,
            expand: quotes(words[0]) == quotes(rawWords[0]),
            chomp: chomp
        )
    }
}
