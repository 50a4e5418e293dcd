/// "Did you mean …?" for names a person typed: layouts, includes, configuration keys.
///
/// Uses the optimal string alignment distance (Damerau–Levenshtein with adjacent
/// transpositions counted as one edit), over Unicode characters, case-insensitively.
public enum NameSuggestion {
    /// The candidate closest to `name`, or nil when none is close enough to be a likely
    /// typo: at most 1 edit for names up to 4 characters, 2 up to 8, 3 beyond. Ties go
    /// to the candidate that sorts first, so the answer does not depend on input order.
    /// File names that share an extension are compared without it: `nope.html` is no
    /// typo of `toc.html` though the two are three edits apart.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let (typed, known) = withoutSharedExtension(name.lowercased(), candidate.lowercased())
            let limit = typed.count <= 4 ? 1 : (typed.count <= 8 ? 2 : 3)
            let distance = editDistance(typed, known)
            guard distance <= limit else { continue }
            if let current = best, current.distance < distance || (current.distance == distance && current.name < candidate) { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    private static func withoutSharedExtension(_ a: String, _ b: String) -> (String, String) {
        guard let dotA = a.lastIndex(of: "."), let dotB = b.lastIndex(of: "."), dotA != a.startIndex, dotB != b.startIndex,
              a[dotA...] == b[dotB...] else { return (a, b) }
        return (String(a[..<dotA]), String(b[..<dotB]))
    }

    /// The number of single-character insertions, deletions, substitutions and adjacent
    /// transpositions that turn `a` into `b`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
