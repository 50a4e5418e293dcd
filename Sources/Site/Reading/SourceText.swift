import Diagnostics
import Foundation

/// Turns a file's bytes into text, refusing invalid UTF-8 with the position of the
/// first bad byte rather than silently replacing it.
enum SourceText {
    static func decode(_ data: Data, path: String) throws(Diagnostic) -> String {
        var bytes = [UInt8](data)
        // A UTF-8 byte-order mark is legal but would break the `---` front matter check.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        let (line, column) = firstInvalidPosition(bytes)
        throw Diagnostic(
            location: SourceLocation(file: path, line: line, column: column),
            message: "the file is not valid UTF-8 (first bad byte here); save it as UTF-8"
        )
    }

    /// Finds the line and character column of the first byte that breaks UTF-8.
    private static func firstInvalidPosition(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else { break }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        let prefix = Array(bytes[lineStart..<index])
        let column = (String(validating: prefix, as: UTF8.self)?.count ?? prefix.count) + 1
        return (line, column)
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 when it is invalid
    /// (also how `strata check` finds each run of bad bytes).
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        return String(validating: bytes[index..<index + length], as: UTF8.self) == nil ? 0 : length
    }
}
