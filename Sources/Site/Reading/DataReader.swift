import Diagnostics
import Foundation
import Liquid

/// Reads `_data/` into `site.data` as Jekyll 4.3's `DataReader` does: `.yml`/`.yaml`,
/// `.json`, `.csv` and `.tsv` files (the last two with a header row, each row an object of
/// strings), keyed by file name without extension; folders become nested objects. As
/// Jekyll's `Dir["*"]`, only names starting with `.` are skipped (`_x.yml` is read), and
/// files come before folders.
struct DataReader {
    let layout: SiteFolders

    static let extensions: Set<String> = ["yml", "yaml", "json", "csv", "tsv"]

    /// Every data file's value; all broken files are reported together, each located.
    func read(folder: URL) throws(DiagnosticList) -> ValueObject {
        var errors: [Diagnostic] = []
        let data = read(folder, relative: "", errors: &errors)
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        return data
    }

    private func read(_ folder: URL, relative: String, errors: inout [Diagnostic]) -> ValueObject {
        var result = ValueObject()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        var entries: [(name: String, isDirectory: Bool)] = []
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) else { continue }
            entries.append((name, isDirectory.boolValue))
        }
        for (name, isDirectory) in entries.filter({ !$0.isDirectory }) + entries.filter(\.isDirectory) {
            let url = folder.appendingPathComponent(name)
            if isDirectory {
                result[DataReader.key(name)] = .object(read(url, relative: relative + name + "/", errors: &errors))
                continue
            }
            // Jekyll's glob `*.{yaml,yml,json,csv,tsv}` is case-sensitive.
            let ext = url.pathExtension
            guard DataReader.extensions.contains(ext) else { continue }
            do {
                result[DataReader.key(url.deletingPathExtension().lastPathComponent)] = try value(of: url, ext: ext)
            } catch {
                errors.append(error)
            }
        }
        return result
    }

    private func value(of url: URL, ext: String) throws(Diagnostic) -> Value {
        let display = layout.display(url)
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic(location: SourceLocation(file: display, line: 1), message: "cannot read the data file")
        }
        let text = try SourceText.decode(bytes, path: display)
        switch ext {
        case "json":
            do {
                return try Value(json: text)
            } catch {
                throw Diagnostic(
                    location: SourceLocation(file: display, line: error.line, column: error.column),
                    message: "invalid JSON: \(error.message)", source: text
                )
            }
        case "csv", "tsv":
            do {
                return try DelimitedText(separator: ext == "csv" ? "," : "\t").rows(text)
            } catch {
                throw Diagnostic(
                    location: SourceLocation(file: display, line: error.line, column: error.column),
                    message: error.message, source: text
                )
            }
        default:
            return try YAMLReader(path: display, firstLine: 1).readValue(text)
        }
    }

    /// Jekyll's `sanitize_filename`: characters other than ASCII word characters, spaces and `-`
    /// are dropped, runs of spaces become `_`.
    static func key(_ name: String) -> String {
        // Ruby's `\w` is ASCII-only: other letters are dropped too.
        let kept = name.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" || $0 == " " }
        var out = ""
        var inSpace = false
        for scalar in String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces).unicodeScalars {
            if scalar == " " {
                if !inSpace { out += "_" }
                inSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                inSpace = false
            }
        }
        return out
    }
}

/// RFC 4180 text (CSV, or TSV with a tab), read as Ruby's `CSV.read(headers: true)` then
/// `to_hash` per row: a list of objects keyed by the header row, every value a string
/// (an empty field is null, as Ruby's CSV gives nil).
struct DelimitedText {
    let separator: Character

    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    func rows(_ text: String) throws(Failure) -> Value {
        let records = try records(text)
        guard let header = records.first else { return .array([]) }
        return .array(records.dropFirst().map { fields in
            var row = ValueObject()
            for (index, name) in header.enumerated() {
                let field = index < fields.count ? fields[index] : nil
                row[name ?? ""] = field.map(Value.string) ?? .null
            }
            return .object(row)
        })
    }

    /// Records of fields; nil is an empty unquoted field.
    func records(_ text: String) throws(Failure) -> [[String?]] {
        var records: [[String?]] = []
        var fields: [String?] = []
        var field = ""
        var quoted = false
        var inQuotes = false
        var line = 1
        var column = 0
        var quoteLine = 1
        var quoteColumn = 1
        var characters = Array(text)
        if characters.last == "\n" || characters.last == "\r\n" { characters.removeLast() }
        var index = 0
        func endField() {
            fields.append(field.isEmpty && !quoted ? nil : field)
            field = ""
            quoted = false
        }
        while index < characters.count {
            let character = characters[index]
            column += 1
            if inQuotes {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1; column = 0 }
                    field.append(character)
                }
            } else if character == "\"" {
                guard field.isEmpty, !quoted else {
                    throw Failure(line: line, column: column, message: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                inQuotes = true
                quoted = true
                quoteLine = line
                quoteColumn = column
            } else if character == separator {
                endField()
            } else if character == "\n" || character == "\r\n" {
                endField()
                records.append(fields)
                fields = []
                line += 1
                column = 0
            } else {
                guard !quoted else {
                    throw Failure(line: line, column: column, message: "text after a closing quote; put the separator right after the quote")
                }
                field.append(character)
            }
            index += 1
        }
        if inQuotes {
            throw Failure(line: quoteLine, column: quoteColumn, message: "this quoted field is never closed")
        }
        if !characters.isEmpty {
            endField()
            records.append(fields)
        }
        return records
    }
}
