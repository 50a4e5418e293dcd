import Diagnostics
import Foundation
import Liquid
import Yams

/// Decodes YAML (front matter and `_config.yml`) into Liquid values, keeping key order
/// and the line of every top-level key so later errors can point at it.
struct YAMLReader {
    /// The file the YAML came from, and the file line of the YAML's first line.
    let path: String
    let firstLine: Int

    struct Result {
        var values: ValueObject
        var keyLines: [String: Int]
        /// Top-level keys whose value is an unquoted YAML timestamp with a time and no zone
        /// (`date: 2021-03-07 10:00:00`), which Psych, and so Jekyll, reads as UTC; quoted,
        /// the same text is read in the site's zone.
        var zonelessTimestamps: Set<String> = []
    }

    /// `flat`: whether plain `key: value` lines may skip Yams (see `FlatFrontMatter`).
    func read(_ yaml: String, flat: Bool = true) throws(Diagnostic) -> Result {
        if flat, let result = FlatFrontMatter.read(yaml, firstLine: firstLine) { return result }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw diagnostic(for: error, yaml: yaml)
        } catch {
            throw Diagnostic(location: SourceLocation(file: path, line: firstLine), message: "invalid YAML: \(error)")
        }
        guard let node else { return Result(values: ValueObject(), keyLines: [:]) }
        guard case .mapping(let mapping) = node else {
            throw Diagnostic(
                location: location(of: node.mark),
                message: "\(path.hasSuffix(".yml") || path.hasSuffix(".yaml") ? "the configuration" : "front matter") must be a mapping of keys to values (like `title: Hello`), not a \(kind(of: node))"
            )
        }
        var values = ValueObject()
        var keyLines: [String: Int] = [:]
        var zoneless: Set<String> = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            values[name] = try convert(value)
            if let mark = key.mark { keyLines[name] = firstLine + mark.line - 1 }
            if case .scalar(let scalar) = value, scalar.style == .plain, value.tag.rawValue == Tag.Name.timestamp.rawValue,
               YAMLReader.isZonelessTimestamp(scalar.string) {
                zoneless.insert(name)
            }
        }
        return Result(values: values, keyLines: keyLines, zonelessTimestamps: zoneless)
    }

    /// A YAML 1.1 timestamp with a time of day and neither `Z` nor an offset after it.
    static func isZonelessTimestamp(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 10, let colon = trimmed.firstIndex(of: ":") else { return false }
        let time = trimmed[colon...]
        return !time.contains(where: { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" })
    }

    /// Any YAML document (a `_data` file may hold a list or a single value); empty → null.
    func readValue(_ yaml: String) throws(Diagnostic) -> Value {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw diagnostic(for: error, yaml: yaml)
        } catch {
            throw Diagnostic(location: SourceLocation(file: path, line: firstLine), message: "invalid YAML: \(error)")
        }
        guard let node else { return .null }
        return try convert(node)
    }

    private func convert(_ node: Node) throws(Diagnostic) -> Value {
        switch node {
        case .scalar(let scalar):
            // Quoted scalars are strings whatever they look like (`"2021"` stays text).
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { return .string(scalar.string) }
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(Value.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map(Value.int) ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(Value.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [Value] = []
            for item in sequence { items.append(try convert(item)) }
            return .array(items)
        case .mapping(let mapping):
            var object = ValueObject()
            for (key, value) in mapping { object[key.string ?? ""] = try convert(value) }
            return .object(object)
        case .alias:
            throw Diagnostic(location: location(of: node.mark), message: "YAML aliases are not supported here")
        }
    }

    /// The last line before `line` (1-based) whose value opens a quoted scalar (`key: "…`
    /// or `- '…`) that the line does not close: its 1-based line and column and the quote.
    static func unclosedQuote(in lines: [Substring], before line: Int) -> (line: Int, column: Int, quote: Character)? {
        for index in stride(from: min(line - 1, lines.count) - 1, through: 0, by: -1) {
            let text = lines[index]
            let trimmed = text.drop(while: { $0 == " " })
            // The value: after `- ` or after the first `: `.
            var value: Substring
            if trimmed.hasPrefix("- ") {
                value = trimmed.dropFirst(2)
            } else if let colon = trimmed.range(of: ": ") {
                value = trimmed[colon.upperBound...]
            } else {
                continue
            }
            value = value.drop(while: { $0 == " " })
            guard let quote = value.first, quote == "\"" || quote == "'", !closes(value.dropFirst(), quote: quote) else { continue }
            return (index + 1, text.distance(from: text.startIndex, to: value.startIndex) + 1, quote)
        }
        return nil
    }

    /// Whether `text` (after an opening `quote`) holds its closing quote: `\"` escapes in
    /// double quotes, `''` stands for one quote in single quotes.
    private static func closes(_ text: Substring, quote: Character) -> Bool {
        var escaped = false
        var pendingSingle = false
        for character in text {
            if pendingSingle {
                if character == "'" { pendingSingle = false; continue }
                return true
            }
            if escaped { escaped = false; continue }
            if quote == "\"", character == "\\" { escaped = true; continue }
            if character == quote {
                if quote == "'" { pendingSingle = true; continue }
                return true
            }
        }
        return pendingSingle
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar: return "single value"
        case .sequence: return "list"
        case .mapping: return "mapping"
        case .alias: return "alias"
        }
    }

    private func location(of mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: firstLine + (mark?.line ?? 1) - 1, column: mark?.column ?? 1)
    }

    private func diagnostic(for error: YamlError, yaml: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            // A mark past the last line is the end of the stream, which has no source line to show.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let lineCount = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
            let pastTheEnd = mark.line > lineCount
            if let context, problem.contains("end of stream") || pastTheEnd {
                // An unclosed quote or bracket is noticed only at the end: point at where it was opened.
                message += " (\(context.text))"
                return Diagnostic(location: location(of: context.mark), message: message)
            }
            if let context { message += " (\(context.text) at line \(firstLine + context.mark.line - 1))" }
            // A quote left open swallows the lines after it and YAML stops later, where the
            // next quote closes it: blame the line that opened it, which is what needs the fix.
            if !pastTheEnd, case .parser = error, mark.line >= 1, mark.line <= lines.count,
               let open = YAMLReader.unclosedQuote(in: lines, before: mark.line),
               // The quote runs on to the error line: no line between holds it (a valid
               // quote over two lines closes there), and the error line does, before the mark.
               !lines[open.line..<(mark.line - 1)].contains(where: { $0.contains(open.quote) }),
               lines[mark.line - 1].prefix(max(0, mark.column - 1)).contains(open.quote) {
                return Diagnostic(
                    location: SourceLocation(file: path, line: firstLine + open.line - 1, column: open.column),
                    message: "invalid YAML: this quote is not closed on its line, so YAML read on to line \(firstLine + mark.line - 1) and stopped there: \(problem)"
                )
            }
            if pastTheEnd, lineCount > 0 {
                let last = lines[lineCount - 1]
                return Diagnostic(location: SourceLocation(file: path, line: firstLine + lineCount - 1, column: last.unicodeScalars.count + 1),
                                  message: message)
            }
            return Diagnostic(location: location(of: mark), message: message)
        case .duplicatedKeysInMapping(let duplicates, _):
            // Psych keeps the last value silently; a repeated key is almost always a slip, so say where.
            let key = duplicates.sorted().first ?? ""
            var seen = 0
            for (offset, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let indent = line.prefix(while: { $0 == " " }).count
                let rest = line.dropFirst(indent)
                guard rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") else { continue }
                seen += 1
                if seen == 2 {
                    return Diagnostic(location: SourceLocation(file: path, line: firstLine + offset, column: indent + 1),
                                      message: "duplicate key `\(key)`: YAML keys must be unique in a mapping")
                }
            }
            return Diagnostic(location: SourceLocation(file: path, line: firstLine),
                              message: "duplicate key `\(key)`: YAML keys must be unique in a mapping")
        case .reader(let problem, _, _, _):
            return Diagnostic(location: SourceLocation(file: path, line: firstLine), message: "unreadable YAML: \(problem)")
        default:
            return Diagnostic(location: SourceLocation(file: path, line: firstLine), message: "invalid YAML: \(error)")
        }
    }
}
