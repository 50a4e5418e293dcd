import CCmarkGFM
import Foundation

/// kramdown's `smart_quotes` option: the four characters written for a left and right
/// single quote and a left and right double quote, given as HTML entity names or decimal
/// code points (`lsquo,rsquo,ldquo,rdquo`, kramdown's default; `sbquo,lsquo,bdquo,ldquo`
/// for German; `apos,apos,quot,quot` for straight quotes). Only the quotes change:
/// kramdown's dashes, ellipses and guillemets stay on whatever the option says.
public struct SmartQuotes: Sendable, Hashable {
    /// The characters for ‘ ’ “ ”, in that order (characters, not entities).
    public var characters: [Character]

    /// kramdown's default, ‘ ’ “ ”.
    public static let typographic = SmartQuotes(characters: ["‘", "’", "“", "”"])

    public init(characters: [Character]) {
        self.characters = characters
    }

    /// Reads the option as kramdown does: four comma-separated entity names or decimal code
    /// points, blanks around them ignored. Nil when there are not four, or one is not an
    /// entity HTML knows (Jekyll stops the build then). Names are looked up in cmark-gfm's
    /// HTML entity table.
    public init?(option: String) {
        let names = option.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count == 4 else { return nil }
        var characters: [Character] = []
        for name in names {
            guard let character = Self.character(forEntity: name) else { return nil }
            characters.append(character)
        }
        self.characters = characters
    }

    var isTypographic: Bool { self == .typographic }

    /// The character an entity name (`lsquo`) or decimal code point (`8216`) stands for.
    static func character(forEntity name: String) -> Character? {
        if let code = UInt32(name) { return Unicode.Scalar(code).map(Character.init) }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        // cmark-gfm decodes every HTML5 named reference in text: let it read `&name;`.
        let source = "&\(name);"
        CmarkEnvironment.parseLock.lock()
        let document = source.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }
        CmarkEnvironment.parseLock.unlock()
        guard let document else { return nil }
        defer { cmark_node_free(document) }
        guard let paragraph = cmark_node_first_child(document), let text = cmark_node_first_child(paragraph),
              cmark_node_next(text) == nil, let literal = cmark_node_get_literal(text) else { return nil }
        let decoded = String(cString: literal)
        guard decoded != source, decoded.count == 1 else { return nil }
        return decoded.first
    }

    /// The HTML kramdown writes for one of the quotes: the character itself, `"` included,
    /// with `&`, `<` and `>` as entities.
    func html(_ index: Int) -> String {
        switch characters[index] {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case let other: return String(other)
        }
    }

    /// Stand-ins for curly quotes typed in the source, so they are not taken for quotes
    /// that cmark-gfm made and changed to the option's characters (Unicode private use).
    static let literalStandIns: [(Character, Character)] = [("‘", "\u{F8F1}"), ("’", "\u{F8F2}"), ("“", "\u{F8F3}"), ("”", "\u{F8F4}")]
}
