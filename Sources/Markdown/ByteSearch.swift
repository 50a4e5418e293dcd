/// Substring tests by bytes: Foundation's `contains`/`range(of:)` cost microseconds each on
/// Linux, which adds up when called for every line of every post.
enum ByteSearch {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { wanted in
                guard let first = wanted.first else { return true }
                guard hay.count >= wanted.count else { return false }
                var index = 0
                let last = hay.count - wanted.count
                while index <= last {
                    if hay[index] == first {
                        var matched = 1
                        while matched < wanted.count, hay[index + matched] == wanted[matched] { matched += 1 }
                        if matched == wanted.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
