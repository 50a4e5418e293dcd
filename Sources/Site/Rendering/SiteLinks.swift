import Foundation

/// What `{% link %}` and `{% post_url %}` resolve to, mapped the first time a template uses
/// either of them: a build that renders one post (the build cache's fast path) seldom does,
/// and mapping every path of a 10,000-post site was a fifth of its `prepareTemplates` step.
final class SiteLinks: @unchecked Sendable {
    private let documents: [Document]
    private let staticFiles: [StaticFile]
    private let contentRoot: String
    /// Guarded by `lock`: bodies are rendered on all cores.
    private var maps: (byPath: [String: String], bySlug: [String: String])?
    private let lock = NSLock()

    /// `contentRoot`: the content folder's standardized path, with a trailing slash.
    init(documents: [Document], staticFiles: [StaticFile], contentRoot: String) {
        self.documents = documents
        self.staticFiles = staticFiles
        self.contentRoot = contentRoot
    }

    /// Jekyll's `link`: the URL of any site file, static files too, by its path in the
    /// site's source (`site.each_site_file`); a document of the same path wins.
    func link(_ path: String) -> String? {
        resolved().byPath[path.hasPrefix("/") ? String(path.dropFirst()) : path]
    }

    /// `post_url`: a post named by its path below `_posts/` without extension
    /// (`sub/2021-03-07-x`) or, as Jekyll still accepts, by its file name alone.
    func postURL(_ name: String) -> String? {
        resolved().bySlug[name]
    }

    private func resolved() -> (byPath: [String: String], bySlug: [String: String]) {
        lock.lock()
        defer { lock.unlock() }
        if let maps { return maps }
        var byPath = Dictionary(documents.map { ($0.relativePath, $0.url) }, uniquingKeysWith: { first, _ in first })
        for file in staticFiles {
            let source = file.source.standardizedFileURL.path
            let relative = source.hasPrefix(contentRoot) ? String(source.dropFirst(contentRoot.count)) : file.outputPath
            if byPath[relative] == nil { byPath[relative] = "/" + file.outputPath }
        }
        var bySlug: [String: String] = [:]
        for post in documents where post.kind != .page {
            let inFolder = RelativePath.removingExtension(RelativePath.components(post.relativePath).dropFirst().joined(separator: "/"))
            for key in [inFolder, RelativePath.removingExtension(RelativePath.lastComponent(post.relativePath))] where bySlug[key] == nil {
                bySlug[key] = post.url
            }
        }
        maps = (byPath, bySlug)
        return (byPath, bySlug)
    }
}
