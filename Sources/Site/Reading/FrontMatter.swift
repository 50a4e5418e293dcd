import Diagnostics
import Liquid

/// A file split into its YAML front matter and its body, with the file line on which
/// the body starts so that errors in the body point at the right line of the file.
struct FrontMatterFile: Sendable {
    /// The decoded front matter; empty when the file has none.
    var values: ValueObject
    /// The file line of each front matter key, for errors about a key's value.
    var keyLines: [String: Int]
    /// Whether the file opened with a `---` block (Jekyll renders only such files).
    var hasFrontMatter: Bool
    var body: String
    /// 1-based line of the file on which `body` starts.
    var bodyFirstLine: Int
    /// Keys whose value is an unquoted timestamp without a zone, read as UTC (see
    /// `YAMLReader.Result.zonelessTimestamps`).
    var zonelessTimestamps: Set<String> = []

    /// Splits `text`. Front matter is a first line `---`, YAML, then a line `---` or `...`.
    /// Works on bytes: Swift treats `\r\n` as one character, which would hide line ends.
    static func parse(_ text: String, path: String) throws(Diagnostic) -> FrontMatterFile {
        let bytes = Array(text.utf8)
        let first = lineEnd(bytes, from: 0)
        guard first.content > 0 || !bytes.isEmpty, isDelimiter(bytes[0..<first.content], allowDots: false) else {
            return FrontMatterFile(values: ValueObject(), keyLines: [:], hasFrontMatter: false, body: text, bodyFirstLine: 1)
        }
        var cursor = first.next
        var line = 2
        let yamlStart = cursor
        while cursor < bytes.count {
            let end = lineEnd(bytes, from: cursor)
            if isDelimiter(bytes[cursor..<end.content], allowDots: true) {
                let yaml = slice(text, yamlStart, cursor)
                let result = try YAMLReader(path: path, firstLine: 2).read(yaml)
                let body = bodyStart(bytes, afterDelimiter: cursor + 3)
                var file = FrontMatterFile(
                    values: result.values, keyLines: result.keyLines, hasFrontMatter: true,
                    body: slice(text, body.offset, bytes.count), bodyFirstLine: line + body.lines
                )
                file.zonelessTimestamps = result.zonelessTimestamps
                return file
            }
            cursor = end.next
            line += 1
        }
        throw Diagnostic(
            location: SourceLocation(file: path, line: 1, column: 1),
            message: "front matter opened with `---` is never closed; add a line `---` after the last key",
            source: text
        )
    }

    /// Bytes `a..<b` of `text`, cut from the string rather than decoded from the bytes:
    /// a slice of valid UTF-8 is copied without a second UTF-8 check of every post. Both
    /// ends are line starts or follow ASCII whitespace, so neither splits a scalar.
    private static func slice(_ text: String, _ a: Int, _ b: Int) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: a)
        return String(text[lower ..< utf8.index(lower, offsetBy: b - a)])
    }

    /// Where the body starts, as Jekyll's `^(---|\.\.\.)\s*$\n?` decides: whitespace after
    /// the closing delimiter is swallowed up to its last line end, so blank lines after the
    /// front matter never reach the output (a feed must start with `<?xml`). `lines` counts
    /// the line ends swallowed.
    private static func bodyStart(_ bytes: [UInt8], afterDelimiter start: Int) -> (offset: Int, lines: Int) {
        var index = start
        var lastNewline: Int?
        var newlines = 0
        while index < bytes.count, [0x20, 0x09, 0x0D, 0x0A, 0x0C, 0x0B].contains(bytes[index]) {
            if bytes[index] == 0x0A { lastNewline = index; newlines += 1 }
            index += 1
        }
        if index == bytes.count { return (bytes.count, newlines) }
        guard let lastNewline else { return (start, 0) }
        return (lastNewline + 1, newlines)
    }

    private static func isDelimiter(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 || last == 0x0D { trimmed.removeLast() }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }

    /// The end of the line starting at `start` (before `\n`) and the start of the next line.
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> (content: Int, next: Int) {
        var index = start
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return (index, min(index + 1, bytes.count))
    }
}
