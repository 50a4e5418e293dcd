/// Reads the exec form `["a", "b"]` the way BuildKit does with Go's JSON decoder: only
/// the first JSON value counts (text after it is ignored), a syntax error means "not
/// exec form", and a well-formed array holding anything but strings is an error.
enum JSONArrayReader {
    enum Outcome: Equatable {
        case strings([String])
        /// Not valid JSON: the instruction falls back to shell form.
        case notJSON
        /// Valid JSON, but an element is not a string.
        case notAllStrings
    }

    private enum Element { case string(String), other }

    static func read(_ text: Substring) -> Outcome {
        guard text.unicodeScalars.first(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }) == "[" else { return .notJSON }
        var reader = Reader(scalars: Array(text.unicodeScalars))
        reader.skipWhitespace()
        guard reader.peek == "[" else { return .notJSON }
        guard let elements = reader.array() else { return .notJSON }
        var strings: [String] = []
        for element in elements {
            guard case .string(let value) = element else { return .notAllStrings }
            strings.append(value)
        }
        return .strings(strings)
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func skipWhitespace() {
            while let ch = peek, ch == " " || ch == "\t" || ch == "\n" || ch == "\r" { position += 1 }
        }

        mutating func value() -> Element? {
            skipWhitespace()
            guard let ch = peek else { return nil }
            switch ch {
            case "\"": return string().map(Element.string)
            case "[": return array().map { _ in .other }
            case "{": return object() ? .other : nil
            case "t": return literal("true") ? .other : nil
            case "f": return literal("false") ? .other : nil
            case "n": return literal("null") ? .other : nil
            default: return number() ? .other : nil
            }
        }

        mutating func array() -> [Element]? {
            position += 1
            var elements: [Element] = []
            skipWhitespace()
            if peek == "]" { position += 1; return elements }
            while true {
                guard let element = value() else { return nil }
                elements.append(element)
                skipWhitespace()
                switch peek {
                case ",": position += 1
                case "]": position += 1; return elements
                default: return nil
                }
            }
        }

        mutating func object() -> Bool {
            position += 1
            skipWhitespace()
            if peek == "}" { position += 1; return true }
            while true {
                skipWhitespace()
                guard peek == "\"", string() != nil else { return false }
                skipWhitespace()
                guard peek == ":" else { return false }
                position += 1
                guard value() != nil else { return false }
                skipWhitespace()
                switch peek {
                case ",": position += 1
                case "}": position += 1; return true
                default: return false
                }
            }
        }

        mutating func literal(_ word: String) -> Bool {
            for expected in word.unicodeScalars {
                guard peek == expected else { return false }
                position += 1
            }
            return true
        }

        mutating func number() -> Bool {
            if peek == "-" { position += 1 }
            guard let first = peek, isDigit(first) else { return false }
            position += 1
            if first != "0" { while let ch = peek, isDigit(ch) { position += 1 } }
            if peek == "." {
                position += 1
                guard let ch = peek, isDigit(ch) else { return false }
                while let ch = peek, isDigit(ch) { position += 1 }
            }
            if peek == "e" || peek == "E" {
                position += 1
                if peek == "+" || peek == "-" { position += 1 }
                guard let ch = peek, isDigit(ch) else { return false }
                while let ch = peek, isDigit(ch) { position += 1 }
            }
            return true
        }

        mutating func string() -> String? {
            position += 1
            var out = String.UnicodeScalarView()
            while let ch = peek {
                position += 1
                switch ch {
                case "\"":
                    return String(out)
                case "\\":
                    guard let escaped = peek else { return nil }
                    position += 1
                    switch escaped {
                    case "\"", "\\", "/": out.append(escaped)
                    case "b": out.append("\u{8}")
                    case "f": out.append("\u{C}")
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        guard let unit = hex4() else { return nil }
                        out.append(decodeUTF16(unit))
                    default: return nil
                    }
                default:
                    guard ch.value >= 0x20 else { return nil }
                    out.append(ch)
                }
            }
            return nil
        }

        /// A `\u` escape, joined with a following low surrogate when it is a high one;
        /// lone surrogates become U+FFFD, as in Go.
        mutating func decodeUTF16(_ unit: UInt32) -> Unicode.Scalar {
            let replacement: Unicode.Scalar = "\u{FFFD}"
            if (0xD800..<0xDC00).contains(unit) {
                let saved = position
                if peek == "\\" {
                    position += 1
                    if peek == "u" {
                        position += 1
                        if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? replacement
                        }
                    }
                }
                position = saved
                return replacement
            }
            return Unicode.Scalar(unit) ?? replacement
        }

        mutating func hex4() -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let ch = peek, let digit = Int(String(ch), radix: 16) else { return nil }
                value = value * 16 + UInt32(digit)
                position += 1
            }
            return value
        }

        private func isDigit(_ ch: Unicode.Scalar) -> Bool { ("0"..."9").contains(ch) }
    }
}
