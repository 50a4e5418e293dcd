import Foundation

/// A kramdown inline attribute list, `{: .class #id key="value" toc}`, read as kramdown
/// reads it: classes add up, the last id wins, other keys keep their written order, and
/// bare words are references (`toc`).
struct AttributeList: Equatable {
    /// Attributes in the order kramdown writes them: as first written (kramdown keeps them
    /// in a Ruby hash), classes added up where the first one stood.
    var attributes: [(name: String, value: String)] = []
    /// Bare words: kramdown's attribute-definition references (only `toc` means anything here).
    var references: [String] = []

    static func == (a: AttributeList, b: AttributeList) -> Bool {
        a.references == b.references && a.attributes.map(\.name) == b.attributes.map(\.name)
            && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    var classes: [String] {
        attributes.first { $0.name == "class" }?.value.split(separator: " ").map(String.init) ?? []
    }

    var id: String? { attributes.first { $0.name == "id" }?.value }

    /// Parses `{: … }` or `{:…}` (the whole text, blanks around allowed); nil when it is not one.
    /// Curly quotes count as quotes: smart punctuation may already have turned `"` into `“`.
    static func parse(_ text: some StringProtocol) -> AttributeList? {
        let text = Substring(text)
        // Most texts are prose: refuse them before any Foundation call.
        guard text.utf8.last(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "}") else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{:"), trimmed.hasSuffix("}"), !trimmed.hasPrefix("{::") else { return nil }
        return parseBody(trimmed.dropFirst(2).dropLast())
    }

    /// Parses a `{#id .class}` heading suffix (kramdown's header id syntax), without the colon.
    static func parseHeaderSuffix(_ text: some StringProtocol) -> AttributeList? {
        // kramdown 2.4's HEADER_ID, `{#id}` with `id` matching `[A-Za-z][\w:-]*`, and nothing
        // else: `{: .class}` or `{#id .class}` on the heading's own line stay heading text.
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{#"), trimmed.hasSuffix("}") else { return nil }
        let id = trimmed.dropFirst(2).dropLast()
        guard let first = id.first, first.isASCII, first.isLetter,
              id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == ":" || $0 == "-" }) else { return nil }
        return AttributeList(attributes: [("id", String(id))])
    }

    private static let openQuotes: [Character: Character] = ["\"": "\"", "'": "'", "“": "”", "‘": "’", "”": "”", "’": "’"]

    /// What cmark-gfm's smart punctuation made of an attribute list's ASCII, turned back
    /// (`.notice--info` reaches us as `.notice–info`, `key="v"` as `key=“v”`).
    private static let unsmart: [Character: String] = ["–": "--", "—": "---", "…": "...", "‘": "'", "’": "'", "“": "\"", "”": "\""]

    private static func parseBody(_ body: Substring) -> AttributeList? {
        var list = AttributeList()
        var characters = body.contains(where: { unsmart[$0] != nil }) ? Array(body.map { unsmart[$0] ?? String($0) }.joined()) : Array(body)
        var index = 0
        func word() -> String {
            let start = index
            while index < characters.count, !characters[index].isWhitespace, characters[index] != "=" { index += 1 }
            return String(characters[start..<index])
        }
        characters.append(" ")
        while index < characters.count {
            if characters[index].isWhitespace { index += 1; continue }
            let first = characters[index]
            if first == "." {
                index += 1
                let name = word()
                // kramdown reads a lone `.` as no class at all: jekyll-toc's include writes
                // `- {:.} [Heading](#id)` when no item class is given.
                if !name.isEmpty { list.addClass(name) }
            } else if first == "#" {
                index += 1
                let name = word()
                guard !name.isEmpty else { return nil }
                list.set("id", name)
            } else {
                let name = word()
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_-:".contains($0) }) else { return nil }
                guard index < characters.count, characters[index] == "=" else {
                    list.references.append(name)
                    continue
                }
                index += 1
                guard index < characters.count, let close = openQuotes[characters[index]] else { return nil }
                index += 1
                let start = index
                while index < characters.count, characters[index] != close, !(close == "”" && characters[index] == "\"") { index += 1 }
                guard index < characters.count else { return nil }
                let value = String(characters[start..<index])
                index += 1
                if name == "class" {
                    for item in value.split(separator: " ") { list.addClass(String(item)) }
                } else {
                    list.set(name, value)
                }
            }
        }
        return list
    }

    mutating func addClass(_ name: String) {
        if let at = attributes.firstIndex(where: { $0.name == "class" }) {
            attributes[at].value += " " + name
        } else {
            attributes.append(("class", name))
        }
    }

    mutating func set(_ name: String, _ value: String) {
        if let at = attributes.firstIndex(where: { $0.name == name }) {
            attributes[at].value = value
        } else {
            attributes.append((name, value))
        }
    }

    /// Adds `other`'s attributes over these (classes add up).
    mutating func merge(_ other: AttributeList) {
        for (name, value) in other.attributes {
            if name == "class" {
                for item in value.split(separator: " ") { addClass(String(item)) }
            } else {
                set(name, value)
            }
        }
        references += other.references
    }
}
