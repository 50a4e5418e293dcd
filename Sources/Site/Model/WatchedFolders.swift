import Foundation

extension SiteFolders {
    /// The folders whose changes `strata serve` rebuilds for, absolute and existing: the
    /// site's content, layouts, includes and assets, and, with `theme:`, the theme gem's
    /// `_layouts`, `_includes`, `_sass`, `assets` and `_data`, which the build reads as the
    /// site's own (`jekyll serve` watches only the site; a theme edited in place, or a
    /// vendored one outside the site, then needs no restart here).
    public func watchedFolders(theme: Theme?) -> [String] {
        var folders = [content, layouts, includes]
        if let assets { folders.append(assets) }
        if let theme {
            folders += [theme.layouts, theme.includes, theme.sass, theme.assets, theme.data].compactMap { $0 }
        }
        var seen = Set<String>()
        return folders.map(\.standardizedFileURL.path).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue && seen.insert(path).inserted
        }
    }
}
