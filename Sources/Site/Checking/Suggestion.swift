/// "Did you mean …?": the closest known word by edit distance (Damerau's optimal string
/// alignment, so `layuot` → `layout` is one step), when it is close enough to be a typo.
enum Suggestion {
    static func closest(to word: String, among known: some Sequence<String>) -> String? {
        let limit = word.count <= 4 ? 1 : 2
        var best: (word: String, distance: Int)?
        for candidate in known where candidate != word {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) || (distance == best?.distance && candidate < best!.word) {
                best = (candidate, distance)
            }
        }
        return best?.word
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { table[i][0] = i }
        for j in 0...y.count { table[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[x.count][y.count]
    }
}
