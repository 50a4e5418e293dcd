import Diagnostics
import Foundation

/// Finds where a piece of rendered output was written in the sources: a document's body
/// first, then the layouts and includes. Checks run on output (after permalinks, Liquid
/// and Markdown), but findings must point at a file, line and column a writer can open.
struct SourceLocator: Sendable {
    struct Text: Sendable {
        var path: String
        var firstLine: Int
        var text: String
    }

    /// Layouts and includes, searched when a document's own text does not hold the needle.
    var templates: [Text]

    /// The first place one of `needles` (tried in order) appears: the document's body, then
    /// the templates; the document's first body line when none is found.
    func locate(_ needles: [String], in document: Document) -> SourceLocation {
        locateIfWritten(needles, in: document) ?? SourceLocator.fallback(for: document)
    }

    /// As `locate`, but nil when neither the document nor the templates hold a needle: the
    /// text then came from another document (a post's excerpt or content on a list page).
    func locateIfWritten(_ needles: [String], in document: Document) -> SourceLocation? {
        let body = Text(path: document.displayPath, firstLine: document.bodyFirstLine, text: document.body)
        if let found = SourceLocator.first(needles, in: [body]) { return found }
        return SourceLocator.first(needles, in: templates)
    }

    /// The first needle (tried in order) found in one of `texts`.
    static func first(_ needles: [String], in texts: [Text]) -> SourceLocation? {
        for needle in needles where !needle.isEmpty {
            for text in texts {
                if let found = find(needle, in: text) { return found }
            }
        }
        return nil
    }

    /// Where a finding that is written nowhere is reported: the document's first body line.
    static func fallback(for document: Document) -> SourceLocation {
        SourceLocation(file: document.displayPath, line: document.bodyFirstLine)
    }

    static func find(_ needle: String, in text: Text) -> SourceLocation? {
        guard let range = text.text.range(of: needle) else { return nil }
        return location(of: range.lowerBound, in: text)
    }

    /// Line and character column of `index`, counted in the whole file.
    static func location(of index: String.Index, in text: Text) -> SourceLocation {
        let before = text.text[..<index]
        var line = text.firstLine
        var lineStart = before.startIndex
        for position in before.utf8.indices where before.utf8[position] == 0x0A {
            line += 1
            lineStart = before.utf8.index(after: position)
        }
        return SourceLocation(file: text.path, line: line, column: before[lineStart...].count + 1)
    }
}
