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
}
