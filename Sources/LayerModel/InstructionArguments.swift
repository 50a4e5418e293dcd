/// The per-instruction argument rules of BuildKit's parser ("line parsers"): which
/// instructions take words, key/value pairs, one string, or an exec-form array.
struct ParsedArguments {
    var args: [String]
    var isJSON: Bool

    static let none = ParsedArguments(args: [], isJSON: false)
}

/// A problem found while reading one instruction's arguments.
struct ArgumentError: Error {
    let message: String
}

enum InstructionArguments {
    /// Instruction names the parser knows; anything else keeps its name and one empty argument.
    static let known: Set<String> = [
        "add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label",
        "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir",
    ]

    static func parse(name: String, rest: String, escape: Unicode.Scalar) throws(ArgumentError) -> ParsedArguments {
        switch name {
        case "add", "copy", "volume":
            return try maybeJSONToList(rest)
        case "arg":
            return ParsedArguments(args: words(rest, escape: escape), isJSON: false)
        case "cmd", "entrypoint", "run", "shell":
            return try maybeJSON(rest)
        case "env":
            return try nameValue(rest, keyword: "ENV", escape: escape)
        case "label":
            return try nameValue(rest, keyword: "LABEL", escape: escape)
        case "expose", "from":
            return whitespaceDelimited(rest)
        case "healthcheck":
            return try healthcheck(rest)
        case "maintainer", "stopsignal", "user", "workdir":
            return ParsedArguments(args: rest.isEmpty ? [] : [rest], isJSON: false)
        default:
            return ParsedArguments(args: [""], isJSON: false)
        }
    }

    static func maybeJSON(_ rest: String) throws(ArgumentError) -> ParsedArguments {
        guard !rest.isEmpty else { return .none }
        switch JSONArrayReader.read(Substring(rest)) {
        case .strings(let strings): return ParsedArguments(args: strings, isJSON: true)
        case .notAllStrings: throw notStrings
        case .notJSON: return ParsedArguments(args: [rest], isJSON: false)
        }
    }

    static func maybeJSONToList(_ rest: String) throws(ArgumentError) -> ParsedArguments {
        switch JSONArrayReader.read(Substring(rest)) {
        case .strings(let strings): return ParsedArguments(args: strings, isJSON: true)
        case .notAllStrings: throw notStrings
        case .notJSON: return whitespaceDelimited(rest)
        }
    }

    static let notStrings = ArgumentError(
        message: "when using JSON array syntax, arrays must be comprised of strings only (expected [\"executable\", \"arg\", …])"
    )

    static func whitespaceDelimited(_ rest: String) -> ParsedArguments {
        guard !rest.isEmpty else { return .none }
        return ParsedArguments(args: splitOnTokenWhitespace(rest, maxParts: nil), isJSON: false)
    }

    /// HEALTHCHECK: the type word (`CMD`, `NONE`) then the command, exec or shell form.
    static func healthcheck(_ rest: String) throws(ArgumentError) -> ParsedArguments {
        let bytes = Array(rest.utf8)
        var separator = 0
        while separator < bytes.count, !isGoSpaceByte(bytes[separator]) { separator += 1 }
        var next = separator
        while next < bytes.count, isGoSpaceByte(bytes[next]) { next += 1 }
        guard separator > 0 else { return .none }
        let type = String(decoding: bytes[..<separator], as: UTF8.self)
        let command = try maybeJSON(String(decoding: bytes[next...], as: UTF8.self))
        return ParsedArguments(args: [type] + command.args, isJSON: command.isJSON)
    }

    /// ENV and LABEL: `KEY value` (old form) or `KEY=value …`, quotes kept for later expansion.
    static func nameValue(_ rest: String, keyword: String, escape: Unicode.Scalar) throws(ArgumentError) -> ParsedArguments {
        let parts = words(rest, escape: escape)
        guard let first = parts.first else { return .none }
        if splitAtFirstEquals(first) == nil {
            let pair = splitOnTokenWhitespace(rest, maxParts: 2)
            guard pair.count == 2 else {
                throw ArgumentError(message: "\(keyword) must have two arguments (expected \(keyword) name value, or \(keyword) name=value …)")
            }
            return ParsedArguments(args: pair, isJSON: false)
        }
        var args: [String] = []
        for word in parts {
            guard let (key, value) = splitAtFirstEquals(word) else {
                throw ArgumentError(message: "Syntax error - can't find = in \"\(word)\". Must be of the form: name=value")
            }
            args.append(key)
            args.append(value)
        }
        return ParsedArguments(args: args, isJSON: false)
    }

    /// Splits on runs of `[\t\v\f\r ]`, like the parser's `reWhitespace`.
    static func splitOnTokenWhitespace(_ text: String, maxParts: Int?) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let ch = scalars.first {
            if isTokenWhitespace(ch) {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                scalars = scalars.drop(while: isTokenWhitespace)
                if let maxParts, parts.count == maxParts - 1 {
                    parts.append(String(String.UnicodeScalarView(scalars)))
                    return parts
                }
                continue
            }
            current.append(ch)
            scalars = scalars.dropFirst()
        }
        parts.append(String(current))
        return parts
    }

    static func isTokenWhitespace(_ ch: Unicode.Scalar) -> Bool {
        ch == " " || ch == "\t" || ch == "\u{B}" || ch == "\u{C}" || ch == "\r"
    }

    /// Words separated by spaces; quotes and escapes are kept for the later expansion step.
    static func words(_ rest: String, escape: Unicode.Scalar) -> [String] {
        enum Phase { case spaces, word, quote }
        var words: [String] = []
        var phase = Phase.spaces
        var word = String.UnicodeScalarView()
        var quote: Unicode.Scalar = "\0"
        var blankOK = false
        let scalars = Array(rest.unicodeScalars)
        var position = 0
        while true {
            let atEnd = position == scalars.count
            if phase == .spaces {
                if atEnd { break }
                if isGoSpace(scalars[position]) { position += 1; continue }
                phase = .word
            }
            if atEnd {
                if blankOK || !word.isEmpty { words.append(String(word)) }
                break
            }
            var ch = scalars[position]
            if phase == .word {
                if isGoSpace(ch) {
                    phase = .spaces
                    if blankOK || !word.isEmpty { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    blankOK = false
                    position += 1
                    continue
                }
                if ch == "'" || ch == "\"" {
                    quote = ch
                    blankOK = true
                    phase = .quote
                }
                if ch == escape {
                    if position + 1 == scalars.count { position += 1; continue }
                    word.append(ch)
                    position += 1
                    ch = scalars[position]
                }
                word.append(ch)
                position += 1
                continue
            }
            // Inside quotes: the escape character works, except inside single quotes.
            if ch == quote { phase = .word }
            if ch == escape && quote != "'" {
                if position + 1 == scalars.count {
                    phase = .word
                    position += 1
                    continue
                }
                position += 1
                word.append(ch)
                ch = scalars[position]
            }
            word.append(ch)
            position += 1
        }
        return words
    }
}

/// Go's `unicode.IsSpace` applied to a single byte, as BuildKit's byte loops do.
func isGoSpaceByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
    default: return false
    }
}
