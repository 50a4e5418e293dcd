import Foundation

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
    /// What raised it, printed as `[kind]` after the message (see `Kind`).
    public var kind: Kind?

    /// What raised a diagnostic: the build step that was running (`config`, `read`, `bodies`,
    /// `layouts`, `write`…: Site's `BuildStep`) or, for a problem a check finds in a site
    /// that builds, the problem's kind (`broken-link`, `mojibake`, `dockerfile`…: Site's
    /// `Finding.Kind`). One field, so `strata build`, `strata check`, `strata serve` and the
    /// browser overlay all print it the same way; the two sets of names never overlap.
    /// Made only from those two lists, never typed by hand.
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public init(
        _ severity: Severity = .error,
        location: SourceLocation?,
        message: String,
        notes: [String] = [],
        source: String? = nil,
        kind: Kind? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
        self.kind = kind
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
        if let kind { out += " [\(kind)]" }
        if let excerpt, let location {
            out += "\n" + excerpt.rendered(caretColumn: location.column, caretLine: location.line)
        }
        for note in Self.shortened(notes) { out += "\n  note: \(note)" }
        return out
    }

    /// A chain of more than eight notes (an include cycle, 100 deep) keeps its first and last four.
    static func shortened(_ notes: [String]) -> [String] {
        guard notes.count > 8 else { return notes }
        return notes.prefix(4) + ["… \(notes.count - 8) more like these …"] + notes.suffix(4)
    }

    /// This diagnostic with its source excerpt, read from `root`/`location.file` when it was made without
    /// one (errors found after the text was put away, such as a front matter key's bad value).
    public func withExcerpt(readingFrom root: String) -> Diagnostic {
        var texts: [String: String?] = [:]
        return withExcerpt(readingFrom: root, texts: &texts)
    }

    /// Each of `diagnostics` with its excerpt, every file read once however many point into it
    /// (a post with twenty broken links).
    public static func withExcerpts(_ diagnostics: [Diagnostic], readingFrom root: String) -> [Diagnostic] {
        var texts: [String: String?] = [:]
        return diagnostics.map { $0.withExcerpt(readingFrom: root, texts: &texts) }
    }

    /// `texts` keeps what each path read to (nil: unreadable, too large or not UTF-8).
    private func withExcerpt(readingFrom root: String, texts: inout [String: String?]) -> Diagnostic {
        guard excerpt == nil, let location else { return self }
        let path = location.file.hasPrefix("/") ? location.file : root + "/" + location.file
        if texts[path] == nil {
            let data = FileManager.default.contents(atPath: path)
            texts[path] = .some(data.flatMap { $0.count <= 64 << 20 ? String(data: $0, encoding: .utf8) : nil })
        }
        guard let text = texts[path] ?? nil else { return self }
        var copy = self
        copy.excerpt = SourceExcerpt(source: text, line: location.line)
        return copy
    }

    public var description: String { rendered }
}

/// Some numbered lines of a file, kept with a diagnostic so that it can be shown
/// without reading the file again.
public struct SourceExcerpt: Sendable, Hashable, Codable {
    public var firstLine: Int
    public var lines: [String]

    /// Takes up to `context` lines either side of `line` (1-based) from `source`. Lines end at `\n`,
    /// `\r\n` or a lone `\r`, counted on Unicode scalars: Swift's `Character` treats `\r\n` as one
    /// character, which hid every line end of a CRLF file. Only the lines needed are copied, so a
    /// 10 MB file costs one scan.
    public init?(source: String, line: Int, context: Int = 2) {
        guard line >= 1 else { return nil }
        let first = max(1, line - context)
        let last = line + context
        var collected: [String] = []
        let scalars = source.unicodeScalars
        var number = 1
        var lineStart = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex, number <= last {
            let scalar = scalars[index]
            guard scalar == "\n" || scalar == "\r" else { index = scalars.index(after: index); continue }
            if number >= first { collected.append(String(scalars[lineStart..<index])) }
            var next = scalars.index(after: index)
            if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            number += 1
            lineStart = next
            index = next
        }
        // A final line without a line end still counts; a final line end does not start an empty line.
        if number <= last, number >= first, lineStart < scalars.endIndex {
            collected.append(String(scalars[lineStart...]))
        }
        guard !collected.isEmpty, line < first + collected.count else { return nil }
        self.firstLine = first
        self.lines = collected
    }

    /// The widest slice of a source line shown, in characters; longer lines are cut around the caret
    /// with `…`, so a minified 300 KB line does not flood the terminal.
    public static let maximumWidth = 120

    public func rendered(caretColumn: Int, caretLine: Int) -> String {
        let width = String(firstLine + lines.count - 1).count
        var out: [String] = []
        for (offset, text) in lines.enumerated() {
            let number = firstLine + offset
            let label = String(number)
            let padded = String(repeating: " ", count: width - label.count) + label
            let characters = Array(text)
            // The window of the line shown: around the caret on its line, from the start elsewhere.
            var start = 0
            if number == caretLine, characters.count > Self.maximumWidth {
                start = min(max(0, caretColumn - 1 - Self.maximumWidth / 2), characters.count - Self.maximumWidth)
            }
            let end = min(characters.count, start + Self.maximumWidth)
            let shown = (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
            out.append(" \(padded) | \(shown)")
            if number == caretLine {
                // Count characters, not bytes, so the caret sits under the right glyph;
                // tabs are copied so the caret lines up with tab-indented text.
                let before = characters[start..<min(end, max(start, caretColumn - 1))]
                let prefix = (start > 0 ? " " : "") + before.map { $0 == "\t" ? "\t" : " " }.joined()
                out.append(" \(String(repeating: " ", count: width)) | \(prefix)^")
            }
        }
        return out.joined(separator: "\n")
    }
}

/// Several diagnostics from one build, reported together.
///
/// The same error reached through many pages (a broken include or layout that every post uses) is
/// kept once, with a note naming the pages, as Hugo reports a shared template's error once: a writer
/// fixes one line, not three hundred.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = Self.merged(diagnostics) }

    /// How many pages a merged diagnostic names before "and N more".
    static let pagesNamed = 5

    /// `diagnostics` in order, with repeats of one error (same severity, location, message and kind)
    /// folded into the first, which gains the note "used by N pages: a, b, c and K more". A page is
    /// named by the outermost "included from PATH:LINE:COL" or "in the layout of PATH" note.
    static func merged(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        struct Key: Hashable {
            var severity: Diagnostic.Severity, location: SourceLocation?, message: String, kind: Diagnostic.Kind?
        }
        var order: [Key] = []
        var groups: [Key: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            let key = Key(severity: diagnostic.severity, location: diagnostic.location, message: diagnostic.message, kind: diagnostic.kind)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(diagnostic)
        }
        guard order.count < diagnostics.count else { return diagnostics }
        return order.map { key in
            let group = groups[key]!
            var first = group[0]
            guard group.count > 1 else { return first }
            var pages: [String] = []
            for member in group {
                if let page = page(of: member), !pages.contains(page) { pages.append(page) }
            }
            if pages.count > 1 {
                var named = pages.prefix(pagesNamed).joined(separator: ", ")
                if pages.count > pagesNamed { named += " and \(pages.count - pagesNamed) more" }
                first.notes = first.notes.filter { !$0.hasPrefix(layoutNotePrefix) && !$0.hasPrefix(defaultsNotePrefix) }
                first.notes.append("used by \(pages.count) pages: \(named)")
            }
            return first
        }
    }

    /// The note a layout's error carries to name the page being laid out.
    public static let layoutNotePrefix = "in the layout of "

    /// The note an error in a `defaults:` value carries to name the page it was applied to,
    /// so that one bad default is printed once, with the pages it reached.
    public static let defaultsNotePrefix = "applied by `defaults:` to "

    private static func page(of diagnostic: Diagnostic) -> String? {
        for note in diagnostic.notes.reversed() {
            if note.hasPrefix(layoutNotePrefix) { return String(note.dropFirst(layoutNotePrefix.count)) }
            if note.hasPrefix(defaultsNotePrefix) { return String(note.dropFirst(defaultsNotePrefix.count)) }
            if note.hasPrefix("included from ") {
                // "included from PATH:LINE:COL": the path may itself hold colons, the last two never do.
                let located = note.dropFirst("included from ".count)
                let parts = located.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 3 else { return String(located) }
                return parts.dropLast(2).joined(separator: ":")
            }
        }
        return nil
    }
    public var description: String { diagnostics.map(\.rendered).joined(separator: "\n\n") }

    /// Every diagnostic with its source excerpt (see `Diagnostic.withExcerpt(readingFrom:)`).
    public func withExcerpts(readingFrom root: String) -> DiagnosticList {
        DiagnosticList(Diagnostic.withExcerpts(diagnostics, readingFrom: root))
    }
}
