import Liquid

/// The common front matter, `key: value` lines of plain text, read without Yams: decoding
/// YAML through libyaml and Yams' node tree was most of reading a post. Anything this reader
/// is not sure to read exactly as `YAMLReader` (Yams' YAML 1.1 resolution) would — nesting,
/// lists, numbers, dates, booleans, escapes, comments, tabs, non-ASCII text, duplicate keys —
/// makes it return nil, and Yams reads the whole block. Tests compare both on every fixture.
enum FlatFrontMatter {
    /// Words Yams resolves to booleans or null; other plain text starting with a letter can
    /// only be a string (numbers, dates, `.inf` and `~` start otherwise).
    private static let specialWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]

    static func read(_ yaml: String, firstLine: Int) -> YAMLReader.Result? {
        var values = ValueObject()
        var keyLines: [String: Int] = [:]
        var lineNumber = firstLine
        var found = false
        var utf8 = yaml.utf8[...]
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
            let line = utf8[..<end]
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
            defer { lineNumber += 1 }
            if line.allSatisfy({ $0 == 0x20 }) { continue }
            guard let (key, value) = entry(line), keyLines[key] == nil else { return nil }
            values[key] = .string(value)
            keyLines[key] = lineNumber
            found = true
        }
        return found ? YAMLReader.Result(values: values, keyLines: keyLines) : nil
    }

    private static func entry(_ line: Substring.UTF8View) -> (String, String)? {
        guard let colon = line.firstIndex(of: 0x3A), let first = line.first, isLetter(first) || first == 0x5F else { return nil }
        let keyBytes = line[..<colon]
        guard keyBytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x5F || $0 == 0x2D }) else { return nil }
        var rest = line[line.index(after: colon)...]
        // `key:value` is one plain scalar in YAML, and `key:` alone is null.
        guard rest.first == 0x20 else { return nil }
        while rest.first == 0x20 { rest = rest.dropFirst() }
        while rest.last == 0x20 { rest = rest.dropLast() }
        guard let head = rest.first, let tail = rest.last else { return nil }
        let key = String(decoding: keyBytes, as: UTF8.self)
        guard !specialWords.contains(key) else { return nil }
        if (head == 0x22 || head == 0x27), rest.count >= 2, tail == head {
            let inner = rest.dropFirst().dropLast()
            // No escapes, no doubled quotes, nothing but printable ASCII.
            guard inner.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != head && $0 != 0x5C }) else { return nil }
            return (key, String(decoding: inner, as: UTF8.self))
        }
        guard isLetter(head) else { return nil }
        guard rest.allSatisfy(isPlainText) else { return nil }
        let value = String(decoding: rest, as: UTF8.self)
        guard !specialWords.contains(value) else { return nil }
        return (key, value)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Letters, digits, single spaces and punctuation that means nothing inside a plain
    /// scalar on one line (no `:`, `#`, tab, or flow or quote character that could start one).
    private static func isPlainText(_ byte: UInt8) -> Bool {
        if isLetter(byte) || isDigit(byte) { return true }
        switch byte {
        case 0x20, 0x2E, 0x2C, 0x2D, 0x5F, 0x2F, 0x28, 0x29, 0x26, 0x21, 0x3F, 0x2B, 0x27, 0x22, 0x3B: return true
        default: return false
        }
    }
}
