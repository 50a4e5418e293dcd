/// Mojibake: text that was UTF-8, decoded as Windows-1252 (or Latin-1) and saved again
/// as UTF-8, once or twice over. `→` (E2 86 92) becomes `â†’`, `😕` becomes `ðŸ˜•`.
///
/// The detector undoes the round trip exactly: a run of characters that Windows-1252
/// maps back to bytes forming valid, complete UTF-8 sequences (a lead byte C2–F4 and its
/// continuation bytes 80–BF) is a candidate, and its repair is those bytes decoded as
/// UTF-8, repeated while the result is itself such a run (double encoding). The same
/// transformation as `ftfy.fix_encoding` for these cases; `scripts/mojibake-expectations.py`
/// checks that on the fixture strings.
public enum Mojibake {
    /// One mis-encoded run in a line of text.
    public struct Match: Sendable, Hashable {
        /// Offset of the run's first Unicode scalar in the scanned text.
        public var scalarOffset: Int
        public var original: String
        public var repaired: String
        /// True when no real text could plausibly contain `original`: `--fix` rewrites
        /// only these. Uncertain runs are reported with the suggestion but left alone.
        public var isCertain: Bool
    }

    /// Every mis-encoded run in `text`, in order.
    public static func matches(in text: Substring) -> [Match] {
        let scalars = Array(text.unicodeScalars)
        var found: [Match] = []
        var index = 0
        while index < scalars.count {
            guard let first = sequence(in: scalars, at: index) else {
                index += 1
                continue
            }
            // Consecutive sequences form one run: one finding per mangled word or emoji.
            var end = index + first.length
            var count = 1
            while end < scalars.count, let next = sequence(in: scalars, at: end) {
                end += next.length
                count += 1
            }
            let original = String(String.UnicodeScalarView(scalars[index..<end]))
            let repaired = repair(run: original)
            var isCertain = true
            if count == 1, first.length == 2 {
                guard let judged = judgeLonePair(lead: scalars[index], decoded: first.decoded) else {
                    index += 1
                    continue
                }
                isCertain = judged
            }
            guard !repaired.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else {
                index = end
                continue
            }
            found.append(Match(scalarOffset: index, original: original, repaired: repaired, isCertain: isCertain))
            index = end
        }
        return found
    }

    /// `text` with every certain run repaired; uncertain runs and everything else unchanged.
    public static func repairCertain(_ text: Substring) -> String {
        let matches = matches(in: text).filter(\.isCertain)
        guard !matches.isEmpty else { return String(text) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        for match in matches {
            out.append(contentsOf: scalars[position..<match.scalarOffset])
            out.append(contentsOf: match.repaired.unicodeScalars)
            position = match.scalarOffset + match.original.unicodeScalars.count
        }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }

    // MARK: - Detection

    /// The byte Windows-1252 writes for a character, falling back to Latin-1 for the
    /// C1 controls (which is what decoders produce for the five bytes 1252 leaves undefined).
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value >= 0x80, value <= 0xFF { return UInt8(value) }
        return windows1252Specials[value]
    }

    private static let windows1252Specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// A complete UTF-8 sequence spelled in Windows-1252 at `index`, and what it decodes to.
    private static func sequence(in scalars: [Unicode.Scalar], at index: Int) -> (length: Int, decoded: Unicode.Scalar)? {
        guard let lead = byte(for: scalars[index]) else { return nil }
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        guard index + length <= scalars.count else { return nil }
        var bytes = [lead]
        for offset in 1..<length {
            guard let next = byte(for: scalars[index + offset]), (0x80...0xBF).contains(next) else { return nil }
            bytes.append(next)
        }
        // Overlong forms and surrogates fail validation, so `à…` in French stays text.
        guard let decoded = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first else { return nil }
        // C1 controls are allowed: they are what the first round of a doubly encoded
        // Latin-1 run decodes to (`Â\u{86}` → U+0086), never a repair's final result.
        if (0x80...0x9F).contains(decoded.value) { return (length, decoded) }
        switch decoded.properties.generalCategory {
        case .control, .unassigned, .privateUse, .surrogate: return nil
        default: return (length, decoded)
        }
    }

    /// Undoes the round trip; again while the result is itself wholly spelled-out UTF-8
    /// (text encoded twice over takes two rounds).
    private static func repair(run: String) -> String {
        var current = run
        for round in 0..<3 {
            guard round == 0 || allSequences(current) else { break }
            let bytes = current.unicodeScalars.compactMap(byte(for:))
            guard let decoded = String(validating: bytes, as: UTF8.self) else { break }
            current = decoded
        }
        return current
    }

    /// Whether every character of `text` belongs to a complete spelled-out sequence
    /// (so a further round of decoding is warranted).
    private static func allSequences(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard let found = sequence(in: scalars, at: index) else { return false }
            index += found.length
        }
        return true
    }

    /// A lone two-character run is judged by what it decodes to. Latin, IPA, Greek,
    /// Cyrillic, Hebrew and Arabic letters are what mangled text is made of: certain.
    /// Other results are reported but not rewritten; and `Ü`, `Ý`, `Þ`, `ß` before
    /// punctuation (`Fuß…`) would decode to Syriac, Thaana or N'Ko: real text, no match.
    private static func judgeLonePair(lead: Unicode.Scalar, decoded: Unicode.Scalar) -> Bool? {
        if lead.value == 0xC2 || lead.value == 0xC3 { return true }
        if (0xDC...0xDF).contains(lead.value) { return nil }
        let value = decoded.value
        let plausible = (0x0100...0x02FF).contains(value) || (0x0370...0x052F).contains(value)
            || (0x05D0...0x05EA).contains(value) || (0x0600...0x06FF).contains(value)
        return plausible
    }
}
