/// Path arithmetic for absolute, slash-separated paths inside an image.
enum FilePath {
    /// Collapses `.`, `..` and repeated slashes; the result is absolute, without a
    /// trailing slash unless it is `/`.
    static func clean(_ path: String, relativeTo base: String = "/") -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func parent(of path: String) -> String {
        let cleaned = clean(path)
        guard let slash = cleaned.lastIndex(of: "/"), cleaned != "/" else { return "/" }
        let parent = String(cleaned[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func lastComponent(of path: String) -> String {
        let cleaned = clean(path)
        return cleaned.split(separator: "/").last.map(String.init) ?? "/"
    }

    /// True when `path` is `directory` itself or lies below it.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        let p = clean(path), d = clean(directory)
        return d == "/" || p == d || p.hasPrefix(d + "/")
    }
}

/// Splits `text` at its first `=`, comparing Unicode scalars (as Go compares bytes), so an
/// `=` followed by a combining mark still counts; nil when there is none.
func splitAtFirstEquals(_ text: String) -> (key: String, value: String)? {
    let scalars = text.unicodeScalars
    guard let equals = scalars.firstIndex(of: "=") else { return nil }
    return (String(scalars[..<equals]), String(scalars[scalars.index(after: equals)...]))
}

/// True when `text` holds `needle`, comparing UTF-8 bytes rather than characters.
func containsBytes(_ text: String, _ needle: String) -> Bool {
    let haystack = Array(text.utf8), wanted = Array(needle.utf8)
    guard !wanted.isEmpty, haystack.count >= wanted.count else { return wanted.isEmpty }
    return (0...(haystack.count - wanted.count)).contains { start in
        haystack[start..<(start + wanted.count)].elementsEqual(wanted)
    }
}
