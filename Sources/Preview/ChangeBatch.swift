import Foundation

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

    /// The prefixes of the names writers of the output folder at `output` stage in beside it:
    /// `_site.tmp`, and `strata build`'s and the session's `._site.strata-new-PID` and
    /// `._site.strata-old-PID` (`SiteWriter`). Unskipped, every write of the preview's own
    /// output came back as a change and rendered the whole site again.
    static func outputPrefixes(_ output: String) -> [String] {
        let name = (output as NSString).lastPathComponent
        return [name, "." + name + ".strata-"]
    }

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
