import Diagnostics
import Foundation
import Liquid

/// GitHub's emoji names, as the gemoji gem (3.x and 4.x, the versions jemoji 0.13 accepts)
/// reads them from its `db/emoji.json`: each alias of each entry, mapped to the file name
/// of its image under `emoji/`. Read from the installed gem, once per build, only when
/// jemoji is listed; Strata carries no copy of the list.
struct EmojiDatabase: Sendable {
    /// `imageFiles["+1"] == "unicode/1f44d.png"`; `imageFiles["octocat"] == "octocat.png"`.
    /// A name listed by two entries belongs to the later one, as in gemoji's index.
    let imageFiles: [String: String]
    /// The longest name in UTF-8 bytes: text between two colons longer than this is no name.
    let longestName: Int

    /// Which ASCII bytes occur in names (`a`–`z`, `0`–`9`, `_`, `+`, `-` in gemoji's list), and
    /// whether any other byte does: text between colons holding another is no name.
    let asciiInNames: [Bool]
    let nonASCIIInNames: Bool

    init(imageFiles: [String: String]) {
        self.imageFiles = imageFiles
        longestName = imageFiles.keys.map(\.utf8.count).max() ?? 0
        var ascii = [Bool](repeating: false, count: 128)
        var other = false
        for name in imageFiles.keys {
            for byte in name.utf8 {
                if byte < 128 { ascii[Int(byte)] = true } else { other = true }
            }
        }
        asciiInNames = ascii
        nonASCIIInNames = other
    }

    /// The gemoji versions jemoji 0.13's gemspec accepts (`>= 3, < 5`).
    static func acceptsVersion(_ version: String) -> Bool {
        guard let major = version.split(separator: ".").first.flatMap({ Int($0) }) else { return false }
        return (3..<5).contains(major)
    }

    /// The installed gemoji's `db/emoji.json`, looked for where `theme:` finds a theme gem
    /// (`GemLocator`); nil when no accepted version is installed.
    static func locate(site: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        GemLocator.standard(site: site, environment: environment)
            .find("gemoji", accepts: acceptsVersion)
            .map { $0.gem.appendingPathComponent("db/emoji.json") }
    }

    /// Reads gemoji's `db/emoji.json`: a list of entries, each with an `aliases` list and,
    /// for a Unicode emoji, its characters as `emoji`. A file that cannot be read, is not
    /// JSON or is not of that shape is one error located in the file (`display` names it).
    static func read(_ url: URL, display: String) throws(Diagnostic) -> EmojiDatabase {
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic(location: SourceLocation(file: display, line: 1), message: "cannot read gemoji's emoji list")
        }
        // Foundation's decoder reads gemoji's list in two thirds of the instructions of
        // Strata's own JSON reader (which keeps `_data` files' key order and locates errors:
        // 68 M against 99 M); that one reads a file the decoder refuses, to say where and why.
        if let entries = try? JSONDecoder().decode([Entry].self, from: bytes) {
            return EmojiDatabase(entries: entries)
        }
        let text = try SourceText.decode(bytes, path: display)
        let value: Value
        do {
            value = try Value(json: text)
        } catch {
            throw Diagnostic(
                location: SourceLocation(file: display, line: error.line, column: error.column),
                message: "gemoji's emoji list is not valid JSON: \(error.message)", source: text
            )
        }
        return try parse(value) { message in
            Diagnostic(location: SourceLocation(file: display, line: 1), message: "gemoji's emoji list is not of gemoji's shape: \(message)")
        }
    }

    /// One entry of `emoji.json`, with the fields jemoji uses.
    private struct Entry: Decodable {
        var aliases: [String]
        var emoji: String?
    }

    /// Each alias to its entry's image: gemoji's `unicode/HEX.png` for an entry with `emoji`,
    /// else `NAME.png` after its first alias (gemoji's `Character#name`); a name two entries
    /// list belongs to the later one, as in gemoji's index.
    private init(entries: [Entry]) {
        var imageFiles: [String: String] = [:]
        for entry in entries {
            guard let first = entry.aliases.first else { continue }
            let file = entry.emoji.map { "unicode/" + EmojiDatabase.unicodeFileName($0) + ".png" } ?? first + ".png"
            for name in entry.aliases { imageFiles[name] = file }
        }
        self.init(imageFiles: imageFiles)
    }

    /// The names of a decoded `emoji.json`; `failure` makes the error for a wrong shape.
    static func parse(_ value: Value, failure: (String) -> Diagnostic) throws(Diagnostic) -> EmojiDatabase {
        guard case .array(let values) = value else { throw failure("it should be a list of entries") }
        var entries: [Entry] = []
        for (index, value) in values.enumerated() {
            guard case .object(let fields) = value, case .array(let aliasValues)? = fields["aliases"] else {
                throw failure("entry \(index + 1) has no `aliases` list")
            }
            var entry = Entry(aliases: [], emoji: nil)
            for alias in aliasValues {
                guard case .string(let name) = alias else { throw failure("entry \(index + 1) has an alias that is not text") }
                entry.aliases.append(name)
            }
            switch fields["emoji"] {
            case nil, .null?: break
            case .string(let raw)?: entry.emoji = raw
            default: throw failure("entry \(index + 1) has an `emoji` that is not text")
            }
            entries.append(entry)
        }
        return EmojiDatabase(entries: entries)
    }

    /// gemoji's `default_image_filename` for a Unicode emoji: each code point in lower-case
    /// hex of at least four digits, joined by `-`, with every later `fe0f` (variation
    /// selector 16) and `200d` (zero-width joiner) dropped: `👍` is `1f44d`, `©️` is `00a9`,
    /// `👨‍👩‍👦` is `1f468-1f469-1f466`. (gemoji 4 may register a variant without `fe0f`
    /// first; the name is the same, since `fe0f` is dropped.)
    static func unicodeFileName(_ raw: String) -> String {
        var parts: [String] = []
        for scalar in raw.unicodeScalars {
            var hex = String(scalar.value, radix: 16)
            if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
            if !parts.isEmpty, hex == "fe0f" || hex == "200d" { continue }
            parts.append(hex)
        }
        return parts.joined(separator: "-")
    }
}
