/// File changes gathered over one debounce window.
struct ChangeBatch: Sendable, Equatable {
    /// Absolute paths of files and folders that were created, written, renamed or deleted.
    var paths: Set<String> = []
    /// Events were lost (inotify queue overflow): only a full rebuild is safe.
    var needsFullRebuild = false

    var isEmpty: Bool { paths.isEmpty && !needsFullRebuild }

    mutating func merge(_ other: ChangeBatch) {
        paths.formUnion(other.paths)
        needsFullRebuild = needsFullRebuild || other.needsFullRebuild
    }
}

/// Decides which names the watchers skip: configured folders and editors' scratch files.
struct WatchFilter: Sendable {
    var ignoredNames: Set<String>
    /// Absolute folders never watched (the served output, wherever it lives).
    var ignoredPaths: Set<String>
    /// Name prefixes never watched: builders stage outputs in siblings such as
    /// `_site.tmp` or `.strata-staging` before swapping them in.
    var ignoredPrefixes: [String] = [".strata-"]

    func ignores(name: String) -> Bool {
        if ignoredNames.contains(name) || ignoredPrefixes.contains(where: { name.hasPrefix($0) }) { return true }
        // Vim's swap and probe files, Emacs lock and backup files.
        if name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913" { return true }
        if name.hasPrefix(".#") || (name.hasPrefix("#") && name.hasSuffix("#")) { return true }
        return false
    }

    func ignores(path: String) -> Bool {
        if ignoredPaths.contains(path) { return true }
        for folder in ignoredPaths where path.hasPrefix(folder + "/") { return true }
        return false
    }
}
