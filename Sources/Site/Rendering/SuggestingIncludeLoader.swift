import Diagnostics
import Foundation
import Liquid

/// The site's `_includes` loader: Liquid's `DirectoryIncludeLoader`, plus, for a name
/// that is not there, the closest name that is ("did you mean `header.html`?").
/// With a gem theme, a name the site's folder lacks is looked up in the theme's
/// `_includes` next, as Jekyll's `includes_load_paths` are.
struct SuggestingIncludeLoader: IncludeLoader {
    let base: DirectoryIncludeLoader
    let theme: DirectoryIncludeLoader?

    init(root: URL, displayRoot: String, themeRoot: URL? = nil) {
        base = DirectoryIncludeLoader(root: root, displayRoot: displayRoot)
        theme = themeRoot.map { DirectoryIncludeLoader(root: $0, displayRoot: $0.path) }
    }

    func resolve(name: String, includer: String) throws(IncludeLoadError) -> String {
        do {
            return try base.resolve(name: name, includer: includer)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: base.root.appendingPathComponent(name).path)
            if missing, let theme, FileManager.default.fileExists(atPath: theme.root.appendingPathComponent(name).path) {
                return try theme.resolve(name: name, includer: includer)
            }
            // Only a missing file gets a suggestion; a refused name (`../x`) is not a typo.
            guard missing, let suggestion = NameSuggestion.closest(to: name, in: includeNames()) else { throw error }
            throw IncludeLoadError(error.message + "; did you mean `\(suggestion)`?")
        }
    }

    func read(path: String) throws(IncludeLoadError) -> String {
        if let theme, path.hasPrefix(theme.displayRoot + "/") { return try theme.read(path: path) }
        return try base.read(path: path)
    }

    /// Every file under the includes folder, as `include` names it (`nav/menu.html`).
    /// Listed only when a name is missing, so a build that succeeds never pays for it.
    private func includeNames() -> [String] {
        var names: [String] = []
        for root in [base.root] + (theme.map { [$0.root] } ?? []) {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let path = url.standardizedFileURL.path
                if path.hasPrefix(prefix) { names.append(String(path.dropFirst(prefix.count))) }
            }
        }
        return names
    }
}
