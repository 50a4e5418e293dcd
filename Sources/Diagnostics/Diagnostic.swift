/// A located, human-readable error: the one error type that the CLI prints and the
/// preview server shows in the browser.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// Extra lines such as "still open: `for` from line 3" or "included from a.html:4:1".
    public var notes: [String]
    /// A few lines of the file around `location`, when the source text was at hand.
    public var excerpt: SourceExcerpt?
    /// The pipeline step that failed ("read", "liquid", "markdown", "layout", "write"…).
    public var step: String?

    public init(
        _ severity: Severity = .error,
        location: SourceLocation?,
        message: String,
        notes: [String] = [],
        source: String? = nil,
        step: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
        self.step = step
        if let source, let location {
            self.excerpt = SourceExcerpt(source: source, line: location.line)
        } else {
            self.excerpt = nil
        }
    }

    /// Terminal rendering, like a compiler: `path:line:col: error: message`, then the
    /// offending line with a caret under the column.
    public var rendered: String {
        var out = ""
        if let location { out += "\(location): " }
        out += "\(severity.rawValue): \(message)"
        if let step { out += " [\(step)]" }
        if let excerpt, let location {
            out += "\n" + excerpt.rendered(caretColumn: location.column, caretLine: location.line)
        }
        for note in notes { out += "\n  note: \(note)" }
        return out
    }

    public var description: String { rendered }
}

/// Some numbered lines of a file, kept with a diagnostic so that it can be shown
/// without reading the file again.
public struct SourceExcerpt: Sendable, Hashable, Codable {
    public var firstLine: Int
    public var lines: [String]

    /// Takes up to `context` lines either side of `line` (1-based) from `source`.
    public init?(source: String, line: Int, context: Int = 2) {
        guard line >= 1 else { return nil }
        var collected: [String] = []
        let first = max(1, line - context)
        // A final newline ends the last line; it does not start an empty one.
        let source = source.hasSuffix("\n") ? source.dropLast() : Substring(source)
        let last = line + context
        var number = 1
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if number > last { break }
            if number >= first {
                var text = String(raw)
                if text.hasSuffix("\r") { text.removeLast() }
                collected.append(text)
            }
            number += 1
        }
        guard !collected.isEmpty, line < first + collected.count else { return nil }
        self.firstLine = first
        self.lines = collected
    }

    public func rendered(caretColumn: Int, caretLine: Int) -> String {
        let width = String(firstLine + lines.count - 1).count
        var out: [String] = []
        for (offset, text) in lines.enumerated() {
            let number = firstLine + offset
            let label = String(number)
            let padded = String(repeating: " ", count: width - label.count) + label
            out.append(" \(padded) | \(text)")
            if number == caretLine {
                // Count characters, not bytes, so the caret sits under the right glyph;
                // tabs are copied so the caret lines up with tab-indented text.
                let prefix = text.prefix(max(0, caretColumn - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
                out.append(" \(String(repeating: " ", count: width)) | \(prefix)^")
            }
        }
        return out.joined(separator: "\n")
    }
}

/// Several diagnostics from one build, reported together.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.rendered).joined(separator: "\n\n") }
}
