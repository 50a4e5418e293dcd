import Diagnostics
import Foundation
import Liquid

/// jekyll-optional-front-matter (0.3.2): Markdown files without front matter, which Jekyll
/// copies as static files, become pages too, except the repository files GitHub shows on
/// its own (README, LICENSE, CONTRIBUTING…, by name without extension and case) unless
/// `include:` lists them. `optional_front_matter: {enabled: false}` switches it off;
/// `remove_originals: true` stops the Markdown source being copied as well. Jekyll's
/// `require_front_matter: true` does both, as in the gem.
enum OptionalFrontMatterPlugin {
    static let name = "jekyll-optional-front-matter"
    static let configKey = "optional_front_matter"

    /// The gem's `FILENAME_BLACKLIST`.
    static let skippedNames: Set<String> = [
        "README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING", "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE",
    ]

    /// Whether the gem leaves the file at `relative` a static file: its name without the
    /// extension is on the list, and `include:` does not name it.
    static func isSkipped(_ relative: String, config: SiteConfiguration) -> Bool {
        if config.entryFilter.includes(relative) { return false }
        let name = RelativePath.lastComponent(relative)
        let ext = (name as NSString).pathExtension
        let basename = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        return skippedNames.contains(basename.uppercased())
    }

    static func generate(documents: inout [Document], staticFiles: inout [StaticFile], reader: SiteReader, errors: inout [Diagnostic]) {
        let config = reader.config
        let requireFrontMatter = config.values["require_front_matter"].map(\.isTruthy) ?? false
        if PageGenerators.option(config, configKey, "enabled") == .bool(false) || requireFrontMatter { return }
        let cleanup = PageGenerators.option(config, configKey, "remove_originals") == .bool(true) || requireFrontMatter
        var removed = Set<Int>()
        for (index, relative) in PageGenerators.siteStaticFiles(staticFiles, reader: reader)
        where PageGenerators.isMarkdown(relative) && !isSkipped(relative, config: config) {
            do throws(Diagnostic) {
                if let page = try reader.readPage(staticFiles[index].source, relative: relative, requiringFrontMatter: false) {
                    documents.append(page)
                }
            } catch {
                errors.append(error)
            }
            if cleanup { removed.insert(index) }
        }
        if !removed.isEmpty {
            staticFiles = staticFiles.indices.filter { !removed.contains($0) }.map { staticFiles[$0] }
        }
    }
}
