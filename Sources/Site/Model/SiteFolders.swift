import Foundation

/// The folders a site is read from and written to (Jekyll's `source`, `layouts_dir`,
/// `includes_dir` and `destination`). Named for folders so it is never taken for a Jekyll
/// layout (`_layouts/post.html`). Strata's own arrangement keeps `content/`, `templates/`
/// and `assets/` side by side; a plain Jekyll folder (with `_config.yml`, `_layouts/`,
/// `_includes/` at its top) works too.
public struct SiteFolders: Sendable, Hashable {
    public var root: URL
    public var content: URL
    public var layouts: URL
    public var includes: URL
    /// Copied as they are to the same relative path under the destination; nil in a
    /// Jekyll folder, where static files sit in `content` itself.
    public var assets: URL?
    public var destination: URL

    public init(root: URL, content: URL, layouts: URL, includes: URL, assets: URL?, destination: URL) {
        self.root = root
        self.content = content
        self.layouts = layouts
        self.includes = includes
        self.assets = assets
        self.destination = destination
    }

    /// Picks Strata's arrangement when `root/content` exists, Jekyll's otherwise.
    public static func detect(root: URL, destination: URL? = nil) -> SiteFolders {
        let root = root.standardizedFileURL
        let destination = destination ?? root.appendingPathComponent("_site")
        let content = root.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue {
            let templates = root.appendingPathComponent("templates")
            return SiteFolders(
                root: root, content: content,
                layouts: templates.appendingPathComponent("_layouts"),
                includes: templates.appendingPathComponent("_includes"),
                assets: root.appendingPathComponent("assets"),
                destination: destination
            )
        }
        return SiteFolders(
            root: root, content: root,
            layouts: root.appendingPathComponent("_layouts"),
            includes: root.appendingPathComponent("_includes"),
            assets: nil, destination: destination
        )
    }

    /// A path relative to the root, for messages (`content/_posts/x.md:3:1`).
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
