import Diagnostics
import Foundation
import Liquid

/// The site's `_includes` loader: Liquid's `DirectoryIncludeLoader`, plus, for a name
/// that is not there, the closest name that is ("did you mean `header.html`?").
struct SuggestingIncludeLoader: IncludeLoader {
    let base: DirectoryIncludeLoader

    init(root: URL, displayRoot: String) {
        base = DirectoryIncludeLoader(root: root, displayRoot: displayRoot)
    }

    func resolve(name: String, includer: String) throws(IncludeLoadError) -> String {
        do {
            return try base.resolve(name: name, includer: includer)
        } catch {
            // Only a missing file gets a suggestion; a refused name (`../x`) is not a typo.
            guard !FileManager.default.fileExists(atPath: base.root.appendingPathComponent(name).path),
                  let suggestion = NameSuggestion.closest(to: name, in: includeNames()) else { throw error }
            throw IncludeLoadError(error.message + "; did you mean `\(suggestion)`?")
        }
    }

    func read(path: String) throws(IncludeLoadError) -> String {
        try base.read(path: path)
    }

    /// Every file under the includes folder, as `include` names it (`nav/menu.html`).
    /// Listed only when a name is missing, so a build that succeeds never pays for it.
    private func includeNames() -> [String] {
        guard let walker = FileManager.default.enumerator(at: base.root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let prefix = base.root.path.hasSuffix("/") ? base.root.path : base.root.path + "/"
        var names: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { names.append(String(path.dropFirst(prefix.count))) }
        }
        return names
    }
}
