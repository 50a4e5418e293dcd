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
