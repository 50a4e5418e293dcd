#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files a build reads, as Jekyll 4.3's `EntryFilter` decides it: a name starting
/// with `.`, `_`, `#` or `~`, or ending in `~`, is skipped at every depth unless it matches
/// `include:`; a path matching `exclude:` (a glob, or a plain prefix of the path, as Jekyll
/// compares them) is skipped unless also included.
struct EntryFilter: Sendable {
    /// Patterns from `include:`, relative to the source folder.
    var include: [String]
    /// Patterns from `exclude:` that are not also in `include:`.
    var exclude: [String]

    init(include: [String], exclude: [String]) {
        self.include = include
        self.exclude = exclude.filter { !include.contains($0) }
    }

    /// Whether the file at `relative` (slash-separated, relative to the source folder) is
    /// read, checking it and every folder above it as Jekyll checks each level it walks.
    /// `from` skips leading components already decided by the caller (`_posts`).
    func accepts(_ relative: String, from first: Int = 0) -> Bool {
        let components = relative.split(separator: "/").map(String.init)
        for depth in components.indices where depth >= first {
            let path = components[0...depth].joined(separator: "/")
            if !accepts(entry: path, name: components[depth], isDirectory: depth < components.count - 1) { return false }
        }
        return true
    }

    private func accepts(entry path: String, name: String, isDirectory: Bool) -> Bool {
        if name.hasSuffix(".") { return false }
        let included = EntryFilter.matches(include, path, isDirectory: isDirectory) || EntryFilter.matches(include, name, isDirectory: isDirectory)
        if EntryFilter.matches(exclude, path, isDirectory: isDirectory), !included { return false }
        if included { return true }
        return !(EntryFilter.isSpecial(name) || name.hasSuffix("~"))
    }

    static func isSpecial(_ name: String) -> Bool {
        guard let first = name.first else { return false }
        return first == "." || first == "_" || first == "#" || first == "~"
    }

    /// Jekyll's `glob_include?`: `File.fnmatch?` without flags (so `*` crosses `/`), or a
    /// plain string prefix, or the pattern naming the folder with a trailing slash.
    static func matches(_ patterns: [String], _ entry: String, isDirectory: Bool) -> Bool {
        let entryPath = "/" + entry
        for raw in patterns {
            let pattern = "/" + String(raw.drop(while: { $0 == "/" }))
            if fnmatch(pattern, entryPath, 0) == 0 || entryPath.hasPrefix(pattern) { return true }
            if isDirectory, pattern == entryPath + "/" { return true }
        }
        return false
    }
}
