/// A located template error: `path:line:column: error: message`, the source line and a caret.
public struct LiquidError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line in the template file (after any `lineOffset` given to `parse`).
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
    public var message: String
    /// Extra context, innermost first, e.g. "included from _layouts/post.html:3:1".
    public var notes: [String]
    /// The text of the offending line, for the caret display.
    public var sourceLine: String?
    /// The tag or filter name the error is about when Liquid knows no such name, so that a
    /// caller can suggest the closest one it knows (with its own custom tags).
    public var unknown: UnknownName?

    /// A name Liquid did not recognise.
    public enum UnknownName: Sendable, Equatable {
        case tag(String)
        case filter(String)
    }

    public init(file: String, line: Int, column: Int, message: String, notes: [String] = [], sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.notes = notes
        self.sourceLine = sourceLine
    }

    /// The same error, marked as being about the unknown `name`.
    func about(_ name: UnknownName) -> LiquidError {
        var copy = self
        copy.unknown = name
        return copy
    }

    /// The error moved down by `lines`, for callers that strip front matter before parsing.
    public func shifted(byLines lines: Int) -> LiquidError {
        var copy = self
        copy.line += lines
        return copy
    }

    public var description: String {
        var out = "\(file):\(line):\(column): error: \(message)"
        if let sourceLine {
            out += "\n" + sourceLine + "\n"
            // Tabs are kept so the caret lines up under the same column in a terminal.
            let pad = sourceLine.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += pad + "^"
        }
        // A runaway include chain would print a hundred notes; the ends say enough.
        let shown = notes.count <= 8 ? notes : Array(notes.prefix(4)) + ["… \(notes.count - 6) more includes …"] + Array(notes.suffix(2))
        for note in shown { out += "\nnote: " + note }
        return out
    }
}

/// Where in a template something sits; resolved to a `LiquidError` with the template's path and lines.
struct SourcePosition: Sendable, Hashable {
    var line: Int
    var column: Int
}
