/// `/`-separated paths relative to a site folder. Foundation's NSString path helpers
/// trap on some short relative paths on Linux, so these few are done by hand.
enum RelativePath {
    /// `a/b/c.md` → `c.md`.
    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? ""
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
