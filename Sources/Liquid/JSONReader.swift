import Foundation

/// A small JSON parser that keeps object key order, which `JSONSerialization` loses.
struct JSONReader {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(text: String) { scalars = Array(text.unicodeScalars) }

    mutating func parseDocument() throws(LiquidError) -> Value {
        let value = try parseValue(depth: 0)
        skipSpace()
        if index < scalars.count { throw error("unexpected text after the JSON value") }
        return value
    }

    private func error(_ message: String) -> LiquidError {
        LiquidError(file: "<json>", line: line, column: index - lineStart + 1, message: message)
    }

    private mutating func skipSpace() {
        while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) {
            if scalars[index] == "\n" { line += 1; lineStart = index + 1 }
            index += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(LiquidError) -> Value {
        guard depth < 512 else { throw error("JSON nested too deeply") }
        skipSpace()
        guard index < scalars.count else { throw error("expected a JSON value, found the end of the text") }
        switch scalars[index] {
        case "{":
            index += 1
            var object = ValueObject()
            skipSpace()
            if index < scalars.count, scalars[index] == "}" { index += 1; return .object(object) }
            while true {
                skipSpace()
                guard index < scalars.count, scalars[index] == "\"" else { throw error("expected a string key") }
                let key = try parseString()
                skipSpace()
                guard index < scalars.count, scalars[index] == ":" else { throw error("expected `:` after an object key") }
                index += 1
                object[key] = try parseValue(depth: depth + 1)
                skipSpace()
                guard index < scalars.count else { throw error("expected `,` or `}`") }
                if scalars[index] == "," { index += 1; continue }
                if scalars[index] == "}" { index += 1; return .object(object) }
                throw error("expected `,` or `}`")
            }
        case "[":
            index += 1
            var items: [Value] = []
            skipSpace()
            if index < scalars.count, scalars[index] == "]" { index += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard index < scalars.count else { throw error("expected `,` or `]`") }
                if scalars[index] == "," { index += 1; continue }
                if scalars[index] == "]" { index += 1; return .array(items) }
                throw error("expected `,` or `]`")
            }
        case "\"": return .string(try parseString())
        case "t": try expectWord("true"); return .bool(true)
        case "f": try expectWord("false"); return .bool(false)
        case "n": try expectWord("null"); return .null
        default: return try parseNumber()
        }
    }

    private mutating func expectWord(_ word: String) throws(LiquidError) {
        for s in word.unicodeScalars {
            guard index < scalars.count, scalars[index] == s else { throw error("expected `\(word)`") }
            index += 1
        }
    }

    private mutating func parseNumber() throws(LiquidError) -> Value {
        let start = index
        var isFloat = false
        while index < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[index]) {
            if ".eE".unicodeScalars.contains(scalars[index]) { isFloat = true }
            index += 1
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<index])
        if !isFloat, let i = Int(text) { return .int(i) }
        if let d = Double(text) { return .double(d) }
        index = start
        throw error("expected a JSON value")
    }

    private mutating func parseString() throws(LiquidError) -> String {
        index += 1
        var out = String.UnicodeScalarView()
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if c == "\"" { return String(out) }
            if c != "\\" { out.append(c); continue }
            guard index < scalars.count else { break }
            let e = scalars[index]
            index += 1
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "b": out.append("\u{8}")
            case "f": out.append("\u{c}")
            case "u":
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), index + 1 < scalars.count, scalars[index] == "\\", scalars[index + 1] == "u" {
                    index += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let s = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                out.append(s)
            default: out.append(e)
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(LiquidError) -> UInt32 {
        guard index + 4 <= scalars.count else { throw error("invalid \\u escape") }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[index..<index + 4])
        guard let v = UInt32(text, radix: 16) else { throw error("invalid \\u escape") }
        index += 4
        return v
    }
}
