import Foundation

/// File changes gathered over one debounce window.
///
/// A file that appears and is gone again inside the batch (an editor's scratch file:
/// written, then renamed over the file being saved) did not exist at the last build and
/// does not exist now: it is no change, and it leaves the batch, so a save by rename is
/// the saved file alone ("built after post.md changed", not "after 2 changes"). Events
/// must be recorded, and batches merged, in the order they happened.
struct ChangeBatch: Sendable, Equatable {
    /// What happened to a path, as far as the batch needs to know.
    enum Event: Sendable {
        /// Created or moved in: it did not exist right before.
        case appeared
        /// Deleted or moved away: it does not exist right after.
        case vanished
        /// Written, or its attributes changed.
        case changed
    }

    /// Absolute paths of files and folders that were created, written, renamed or deleted.
    var paths: Set<String> = []
    /// Events were lost (inotify queue overflow): only a full rebuild is safe.
    var needsFullRebuild = false
    /// Paths whose first event in the batch was `appeared`: they did not exist before it.
    private(set) var appeared: Set<String> = []
    /// Paths whose last event in the batch was `vanished`.
    private(set) var vanished: Set<String> = []

    init(paths: Set<String> = [], needsFullRebuild: Bool = false) {
        self.paths = paths
        self.needsFullRebuild = needsFullRebuild
    }

    var isEmpty: Bool { paths.isEmpty && !needsFullRebuild }

    /// Adds what just happened to `path`, after everything recorded so far.
    mutating func record(_ event: Event, _ path: String) {
        var single = ChangeBatch(paths: [path])
        if event == .appeared { single.appeared = [path] }
        if event == .vanished { single.vanished = [path] }
        merge(single)
    }

    /// Adds `other`, whose events happened after this batch's.
    mutating func merge(_ other: ChangeBatch) {
        needsFullRebuild = needsFullRebuild || other.needsFullRebuild
        for path in other.paths {
            let appearedInBatch = paths.contains(path) ? appeared.contains(path) : other.appeared.contains(path)
            if appearedInBatch && other.vanished.contains(path) {
                // Came and went: as if it had never been.
                paths.remove(path)
                appeared.remove(path)
                vanished.remove(path)
                continue
            }
            paths.insert(path)
            if appearedInBatch { appeared.insert(path) } else { appeared.remove(path) }
            if other.vanished.contains(path) { vanished.insert(path) } else { vanished.remove(path) }
        }
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
