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

    /// The patterns rooted at `/`, and whether each is a glob (else plain text compares).
    private let includePatterns: [(text: String, isGlob: Bool)]
    private let excludePatterns: [(text: String, isGlob: Bool)]

    init(include: [String], exclude: [String]) {
        self.include = include
        self.exclude = exclude.filter { !include.contains($0) }
        func rooted(_ patterns: [String]) -> [(text: String, isGlob: Bool)] {
            patterns.map { raw in
                let text = "/" + String(raw.drop(while: { $0 == "/" }))
                return (text, text.contains(where: { "*?[\\".contains($0) }))
            }
        }
        includePatterns = rooted(include)
        excludePatterns = rooted(self.exclude)
    }

    /// Whether the file at `relative` (slash-separated, relative to the source folder) is
    /// read, checking it and every folder above it as Jekyll checks each level it walks.
    /// `from` skips leading components already decided by the caller (`_posts`).
    func accepts(_ relative: String, from first: Int = 0) -> Bool {
        let components = RelativePath.components(relative).map(String.init)
        for depth in components.indices where depth >= first {
            let path = components[0...depth].joined(separator: "/")
            if !accepts(entry: path, name: components[depth], isDirectory: depth < components.count - 1) { return false }
        }
        return true
    }

    private func accepts(entry path: String, name: String, isDirectory: Bool) -> Bool {
        if name.hasSuffix(".") { return false }
        let included = EntryFilter.matches(includePatterns, path, isDirectory: isDirectory) || EntryFilter.matches(includePatterns, name, isDirectory: isDirectory)
        if EntryFilter.matches(excludePatterns, path, isDirectory: isDirectory), !included { return false }
        if included { return true }
        return !(EntryFilter.isSpecial(name) || name.hasSuffix("~"))
    }

    /// Whether `relative` itself matches `exclude:`, without the checks of its folders and
    /// name: the test jekyll-relative-links makes with its own `exclude` globs.
    func excludes(_ relative: String) -> Bool {
        EntryFilter.matches(excludePatterns, relative, isDirectory: false)
    }

    /// Jekyll's `EntryFilter#included?`: `relative` or its file name matches `include:`
    /// (jekyll-optional-front-matter makes a page of a listed README this way).
    func includes(_ relative: String) -> Bool {
        EntryFilter.matches(includePatterns, relative, isDirectory: false)
            || EntryFilter.matches(includePatterns, RelativePath.lastComponent(relative), isDirectory: false)
    }

    static func isSpecial(_ name: String) -> Bool {
        guard let first = name.first else { return false }
        return first == "." || first == "_" || first == "#" || first == "~"
    }

    /// Jekyll's `glob_include?`: `File.fnmatch?` without flags (so `*` crosses `/`), or a
    /// plain string prefix, or the pattern naming the folder with a trailing slash.
    private static func matches(_ patterns: [(text: String, isGlob: Bool)], _ entry: String, isDirectory: Bool) -> Bool {
        guard !patterns.isEmpty else { return false }
        let entryPath = "/" + entry
        for pattern in patterns {
            // A pattern without glob characters matches under fnmatch only when equal, which
            // the prefix test covers: skip the C call for the usual plain names.
            if entryPath.hasPrefix(pattern.text) || (pattern.isGlob && fnmatch(pattern.text, entryPath, 0) == 0) { return true }
            if isDirectory, pattern.text == entryPath + "/" { return true }
        }
        return false
    }
}
