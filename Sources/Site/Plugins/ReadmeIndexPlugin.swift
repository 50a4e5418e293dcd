import Diagnostics
import Foundation
import Liquid

/// jekyll-readme-index (0.3.0): a README (any Markdown extension, any case) copied as a
/// static file becomes its folder's index page when nothing in `site.pages` or
/// `site.static_files` is served at the folder or at its `index.html` (`.htm`, `.xhtml`,
/// `.xml`). `readme_index:` settings: `enabled: false` switches it off,
/// `remove_originals: true` stops the README being copied too, and `with_frontmatter: true`
/// also moves READMEs that are pages already (they have front matter) to their folder's URL.
enum ReadmeIndexPlugin {
    static let name = "jekyll-readme-index"
    static let configKey = "readme_index"

    /// Whether `path` (from `/`) ends in `/readme.EXT`, the gem's `readme_regex`.
    static func isReadme(_ path: String) -> Bool {
        let name = RelativePath.lastComponent(path)
        let ext = (name as NSString).pathExtension
        guard !ext.isEmpty, SiteReader.markdownExtensions.contains(ext.lowercased()) else { return false }
        return name.dropLast(ext.count + 1).lowercased() == "readme"
    }

    /// The URLs of `site.pages` and `site.static_files`, lower-cased (the gem's index test
    /// ignores case), counted so a moved page's old URL can be taken out: one set for the
    /// whole run, not a scan of every page per README.
    struct ServedURLs {
        private var counts: [String: Int] = [:]

        mutating func insert(_ url: String) { counts[url.lowercased(), default: 0] += 1 }

        mutating func remove(_ url: String) {
            let key = url.lowercased()
            guard let count = counts[key] else { return }
            counts[key] = count > 1 ? count - 1 : nil
        }

        /// The gem's `dir_has_index?`: a URL that is the folder (`/docs/`) or its
        /// `index.html`, `index.htm`, `index.xhtml` or `index.xml`.
        func hasIndex(folder: String) -> Bool {
            let prefix = (folder.hasSuffix("/") ? folder : folder + "/").lowercased()
            return [prefix, prefix + "index.html", prefix + "index.htm", prefix + "index.xhtml", prefix + "index.xml"]
                .contains { counts[$0] != nil }
        }
    }

    static func generate(documents: inout [Document], staticFiles: inout [StaticFile], reader: SiteReader, errors: inout [Diagnostic]) {
        let config = reader.config
        if PageGenerators.option(config, configKey, "enabled") == .bool(false) { return }
        let cleanup = PageGenerators.option(config, configKey, "remove_originals") == .bool(true)
        var served = ServedURLs()
        for document in documents where document.kind == .page { served.insert(document.url) }
        for file in staticFiles where file.collection == nil { served.insert("/" + file.outputPath) }

        var removed = Set<Int>()
        for (index, relative) in PageGenerators.siteStaticFiles(staticFiles, reader: reader) where isReadme(relative) {
            // The static file's URL is its path; the page's permalink is the folder.
            let folder = PageGenerators.dirname("/" + relative)
            guard !served.hasIndex(folder: folder) else { continue }
            do throws(Diagnostic) {
                guard var page = try reader.readPage(staticFiles[index].source, relative: relative, requiringFrontMatter: false) else { continue }
                move(&page, to: folder + "/")
                served.insert(page.url)
                documents.append(page)
                if cleanup { removed.insert(index) }
            } catch {
                errors.append(error)
            }
        }
        if !removed.isEmpty {
            staticFiles = staticFiles.indices.filter { !removed.contains($0) }.map { staticFiles[$0] }
        }

        guard PageGenerators.option(config, configKey, "with_frontmatter") == .bool(true) else { return }
        // Every page whose source is a README, the ones just made included, as the gem
        // selects them from `site.pages`: one made from `docs/README.md` (now `/docs/`) has
        // the site's root as its folder here, and moves there when the root has no index.
        for index in documents.indices where documents[index].kind == .page && isReadme(documents[index].relativePath) {
            let folder = PageGenerators.dirname(documents[index].url)
            guard !served.hasIndex(folder: folder) else { continue }
            served.remove(documents[index].url)
            move(&documents[index], to: folder + "/")
            served.insert(documents[index].url)
        }
    }

    /// The gem's `to_page` and `update_permalink`: `permalink:` set to the folder (Jekyll
    /// collapses the `//` of the root's), and the page served there.
    static func move(_ page: inout Document, to permalink: String) {
        var fields = page.frontMatter
        fields["permalink"] = .string(permalink)
        page.frontMatter = fields
        let url = URLPath.clean(permalink)
        page.url = url
        page.outputPath = URLPath.outputPath(for: url)
    }
}
