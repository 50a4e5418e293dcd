/// Makes GitHub-style heading ids and keeps them unique within one document.
public struct Slugger: Sendable {
    private var seen: [String: Int] = [:]

    public init() {}

    /// GitHub's rule: lower-case, drop everything but letters, digits, spaces, `-` and `_`,
    /// then turn each space into `-`. Repeats get `-1`, `-2`, … in order of appearance.
    public mutating func slug(for text: String) -> String {
        unique(Slugger.slugify(text))
    }

    /// `base`, or `base-1`, `base-2`… when already taken in this document.
    public mutating func unique(_ slug: String) -> String {
        var base = slug
        if base.isEmpty { base = "section" }
        var candidate = base
        if let count = seen[base] {
            var next = count
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while seen[candidate] != nil
            seen[base] = next
        }
        if seen[candidate] == nil { seen[candidate] = 0 }
        return candidate
    }

    public static func slugify(_ text: String) -> String {
        // ASCII headings (most of them) by bytes: there `lowercased`, `isLetter` and
        // `isNumber` are A–Z → a–z, a–z and 0–9, and a `Character` walk cost 40,000
        // instructions a heading. Smart typography's quotes and dashes (`Can’t`) keep a
        // heading on this path: the walk drops them too (below).
        if text.unicodeScalars.allSatisfy({ $0.isASCII || isDroppedTypography($0) }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): bytes.append(byte)
                default: break  // other ASCII, and every byte of the typography's scalars
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if character == " " {
                out.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                out.append(character)
            }
        }
        return out
    }

    /// The quotes, dashes, ellipsis and guillemets kramdown's typography writes (‘ ’ “ ” – —
    /// … « »). None is a letter or a number, lower-casing leaves them, and none joins the
    /// scalar before it into one `Character` (Grapheme_Cluster_Break Other), so among ASCII
    /// they are `Character`s of their own, which the walk drops.
    static func isDroppedTypography(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x00AB, 0x00BB: return true
        default: return false
        }
    }
}
