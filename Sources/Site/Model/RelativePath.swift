/// `/`-separated paths relative to a site folder. Foundation's NSString path helpers
/// trap on some short relative paths on Linux, so these few are done by hand.
enum RelativePath {
    /// `a/b/c.md` → `c.md`.
    static func lastComponent(_ path: String) -> String {
        components(path).last.map(String.init) ?? ""
    }

    /// `a//b/c.md/` → `a`, `b`, `c.md`: the components between slashes, empty ones left out,
    /// found in the UTF-8 bytes as the file system separates them. (`split(separator: "/")`
    /// walked `Character`s: ten thousand instructions a path, for every post of every build;
    /// it differs only where a slash and a combining mark after it form one `Character`.)
    static func components(_ path: String) -> [Substring] {
        let bytes = path.utf8
        var parts: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "/") {
                if start != index { parts.append(path[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex { parts.append(path[start..<bytes.endIndex]) }
        return parts
    }

    /// `a/b/c.md` → `a/b`; `c.md` → ``.
    static func folder(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `a/b.c/d.md` → `a/b.c/d`; a dot at the start of the name is not an extension.
    static func removingExtension(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path }
        return String(path.dropLast(name.distance(from: dot, to: name.endIndex)))
    }
}
