/// A parsed template: its node tree plus the path and lines needed to report errors in it.
public struct Template: Sendable {
    /// The path errors are reported against.
    public var path: String { source.path }
    let source: TemplateSource
    let nodes: [Node]
}

/// The text of a template, kept for locating errors (line text for the caret display).
struct TemplateSource: Sendable {
    let path: String
    /// The whole text; a line is cut out of it only when an error needs it.
    let text: String
    /// Added to every reported line, for callers that strip front matter before parsing.
    let lineOffset: Int

    init(path: String, text: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
        self.text = text
    }

    func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        let line = text[start..<end]
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }

    func error(_ message: String, at position: SourcePosition, notes: [String] = []) -> LiquidError {
        let line = self.line(position.line)
        return LiquidError(file: path, line: position.line + lineOffset, column: position.column, message: message, notes: notes, sourceLine: line)
    }

    /// Maps scalar offsets within `markup` (which starts at `start`) to template positions.
    func locator(markup: String, start: SourcePosition) -> (Int) -> SourcePosition {
        let scalars = Array(markup.unicodeScalars)
        return { offset in
            var pos = start
            for s in scalars.prefix(offset) {
                if s == "\n" { pos.line += 1; pos.column = 1 } else { pos.column += 1 }
            }
            return pos
        }
    }

    func advance(_ start: SourcePosition, over markup: String, by offset: Int) -> SourcePosition {
        locator(markup: markup, start: start)(offset)
    }

    /// Parses a fragment (an include name or `link` path with `{{ }}` in it) as a template of its own.
    func parseNested(_ text: String, at: SourcePosition, customTags: Set<String>, knownFilters: Set<String>?,
                     errorMode: LiquidErrorMode, laxParses: UnknownFilterLog?) throws(LiquidError) -> [Node] {
        let fail: (String, SourcePosition) -> LiquidError = { message, _ in self.error(message, at: at) }
        let tokens = try Tokenizer(source: text, fail: fail).tokenize()
        let nested = TemplateSource(path: path, text: text, lineOffset: lineOffset)
        var parser = Parser(source: nested, tokens: tokens.map { var t = $0; t.position = at; t.markupPosition = at; return t },
                            customTags: customTags, knownFilters: knownFilters)
        parser.errorMode = errorMode
        parser.laxParses = laxParses
        return try parser.parseDocument()
    }
}
