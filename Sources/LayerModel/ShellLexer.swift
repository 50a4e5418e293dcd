/// The small shell-word lexer BuildKit uses for variable expansion and for spotting
/// heredoc words: quotes, the escape character, `$NAME`, `${NAME}`, `${NAME:-word}`,
/// `${NAME:+word}`, `${NAME-word}`, `${NAME+word}` and `${NAME:?message}`.
struct ShellLexer {
    var escape: Unicode.Scalar = "\\"
    /// Keep quote characters in the result (used to see whether a heredoc word was quoted).
    var rawQuotes = false
    /// Keep escape characters in the result.
    var rawEscapes = false
    /// Leave `$NAME` as written when NAME is not set, instead of expanding to "".
    var skipUnset = false

    /// Why a word could not be expanded.
    struct Failure: Error, Equatable {
        let message: String
    }

    /// Expands `text` as one word (spaces kept).
    func expandWord(_ text: String, environment: [String: String]) throws(Failure) -> String {
        var state = State(scalars: Array(text.unicodeScalars), lexer: self, environment: environment)
        return try state.run().word
    }

    /// Expands `text` and splits it into words on unquoted whitespace.
    func expandWords(_ text: String, environment: [String: String]) throws(Failure) -> [String] {
        var state = State(scalars: Array(text.unicodeScalars), lexer: self, environment: environment)
        return try state.run().words
    }

    private struct Words {
        var words: [String] = []
        var word = ""
        var inWord = false

        mutating func addChar(_ ch: Unicode.Scalar) {
            if isGoSpace(ch) {
                if inWord && !word.isEmpty {
                    words.append(word)
                    word = ""
                    inWord = false
                }
            } else {
                addRawChar(ch)
            }
        }

        mutating func addRawChar(_ ch: Unicode.Scalar) {
            word.unicodeScalars.append(ch)
            inWord = true
        }

        mutating func addString(_ text: String) { for ch in text.unicodeScalars { addChar(ch) } }

        mutating func addRawString(_ text: String) {
            word += text
            inWord = true
        }

        mutating func finish() -> [String] {
            if !word.isEmpty { words.append(word); word = ""; inWord = false }
            return words
        }
    }

    private struct State {
        let scalars: [Unicode.Scalar]
        let lexer: ShellLexer
        let environment: [String: String]
        var position = 0

        init(scalars: [Unicode.Scalar], lexer: ShellLexer, environment: [String: String]) {
            self.scalars = scalars
            self.lexer = lexer
            self.environment = environment
        }

        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func next() -> Unicode.Scalar? {
            guard position < scalars.count else { return nil }
            defer { position += 1 }
            return scalars[position]
        }

        mutating func run() throws(Failure) -> (word: String, words: [String]) {
            try process(stopAt: nil)
        }

        mutating func process(stopAt stop: Unicode.Scalar?) throws(Failure) -> (word: String, words: [String]) {
            var result = ""
            var words = Words()
            while let ch = peek {
                if let stop, ch == stop {
                    position += 1
                    return (result, words.finish())
                }
                switch ch {
                case "'":
                    let text = try singleQuoted()
                    result += text
                    words.addRawString(text)
                case "\"":
                    let text = try doubleQuoted()
                    result += text
                    words.addRawString(text)
                case "$":
                    let text = try dollar()
                    result += text
                    words.addString(text)
                default:
                    position += 1
                    if ch == lexer.escape {
                        if lexer.rawEscapes {
                            words.addRawChar(ch)
                            result.unicodeScalars.append(ch)
                        }
                        guard let escaped = next() else { break }
                        words.addRawChar(escaped)
                        result.unicodeScalars.append(escaped)
                    } else {
                        words.addChar(ch)
                        result.unicodeScalars.append(ch)
                    }
                }
            }
            if let stop {
                throw Failure(message: "unexpected end of statement while looking for matching \(stop)")
            }
            return (result, words.finish())
        }

        mutating func singleQuoted() throws(Failure) -> String {
            var result = ""
            let open = next()
            if lexer.rawQuotes, let open { result.unicodeScalars.append(open) }
            while true {
                guard let ch = next() else {
                    throw Failure(message: "unexpected end of statement while looking for matching single-quote")
                }
                if ch == "'" {
                    if lexer.rawQuotes { result.unicodeScalars.append(ch) }
                    return result
                }
                result.unicodeScalars.append(ch)
            }
        }

        mutating func doubleQuoted() throws(Failure) -> String {
            var result = ""
            let open = next()
            if lexer.rawQuotes, let open { result.unicodeScalars.append(open) }
            while true {
                guard let ch = peek else {
                    throw Failure(message: "unexpected end of statement while looking for matching double-quote")
                }
                if ch == "\"" {
                    position += 1
                    if lexer.rawQuotes { result.unicodeScalars.append(ch) }
                    return result
                }
                if ch == "$" {
                    result += try dollar()
                    continue
                }
                position += 1
                var written = ch
                if ch == lexer.escape {
                    if lexer.rawEscapes { result.unicodeScalars.append(ch) }
                    guard let following = peek else { continue }
                    if following == "\"" || following == "$" || following == lexer.escape {
                        position += 1
                        written = following
                    }
                }
                result.unicodeScalars.append(written)
            }
        }

        mutating func dollar() throws(Failure) -> String {
            let start = position
            position += 1
            guard peek == "{" else {
                let name = readName()
                if name.isEmpty { return "$" }
                if let value = environment[name] { return value }
                return lexer.skipUnset ? "$" + name : ""
            }
            position += 1
            guard let first = peek else { throw Failure(message: "syntax error: missing '}'") }
            if first == "{" || first == "}" || first == ":" {
                throw Failure(message: "syntax error: bad substitution")
            }
            let name = readName()
            guard let ch = next() else { throw Failure(message: "syntax error: missing '}'") }
            let value = environment[name]
            switch ch {
            case "}":
                if let value { return value }
                return lexer.skipUnset ? "${\(name)}" : ""
            case ":", "-", "+", "?":
                let checksEmpty = ch == ":"
                let modifier = checksEmpty ? next() : ch
                let word = try bracedWord()
                // Unset and asked to keep it: the whole `${…}` stays as written, as BuildKit does.
                if lexer.skipUnset && value == nil {
                    return String(String.UnicodeScalarView(scalars[start..<position]))
                }
                let isSet = checksEmpty ? !(value ?? "").isEmpty : value != nil
                switch modifier {
                case "-":
                    return isSet ? (value ?? "") : word
                case "+":
                    return isSet ? word : (checksEmpty ? "" : (value ?? ""))
                case "?":
                    if isSet { return value ?? "" }
                    let reason = value == nil ? "is not allowed to be unset" : "is not allowed to be empty"
                    throw Failure(message: "\(name): \(word.isEmpty ? reason : word)")
                default:
                    throw Failure(message: "unsupported modifier (\(modifier.map { String($0) } ?? "")) in substitution")
                }
            default:
                throw Failure(message: "missing ':' in substitution")
            }
        }

        /// The word after a `${NAME:-` modifier, up to the closing brace.
        mutating func bracedWord() throws(Failure) -> String {
            do {
                return try process(stopAt: "}").word
            } catch {
                if peek == nil { throw Failure(message: "syntax error: missing '}'") }
                throw error
            }
        }

        mutating func readName() -> String {
            var name = ""
            while let ch = peek {
                if name.isEmpty && ch.properties.numericType == .decimal {
                    while let digit = peek, digit.properties.numericType == .decimal {
                        name.unicodeScalars.append(digit)
                        position += 1
                    }
                    return name
                }
                if name.isEmpty && "@*#?-$!0".unicodeScalars.contains(ch) {
                    position += 1
                    return String(ch)
                }
                guard ch.properties.isAlphabetic || ch.properties.numericType == .decimal || ch == "_" else { break }
                name.unicodeScalars.append(ch)
                position += 1
            }
            return name
        }
    }
}

/// Go's `unicode.IsSpace`, which BuildKit's parsers use to split words.
func isGoSpace(_ ch: Unicode.Scalar) -> Bool {
    switch ch.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
    case 0..<0x100: return false
    default: return ch.properties.isWhitespace
    }
}
