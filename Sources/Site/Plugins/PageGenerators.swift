import Diagnostics
import Foundation
import Liquid

/// The generators of GitHub Pages' default plugins, run on what the reader found before
/// anything is rendered, in the gems' priority order: jekyll-optional-front-matter
/// (`:normal`), jekyll-readme-index (`:low`), then jekyll-titles-from-headings and
/// jekyll-default-layout (both `:lowest`, and neither reads what the other sets).
/// Each runs only when its gem is listed in `plugins:`.
struct PageGenerators {
    var reader: SiteReader

    /// Adds and changes pages (and drops static files) as the gems do. `documents` holds
    /// pages after everything else, in `site.pages` order; pages the generators make are
    /// appended, as the gems append to `site.pages`. `reused` holds posts the build cache
    /// handed over unchanged: they were read with these generators run already.
    func run(documents: inout [Document], staticFiles: inout [StaticFile], layouts: [String: Layout],
             reused: (Document) -> Bool) throws(DiagnosticList) {
        let config = reader.config
        let plugins = config.pluginList
        var errors = Self.settingsErrors(config)
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        if plugins.has(OptionalFrontMatterPlugin.name) {
            OptionalFrontMatterPlugin.generate(documents: &documents, staticFiles: &staticFiles, reader: reader, errors: &errors)
        }
        if plugins.has(ReadmeIndexPlugin.name) {
            ReadmeIndexPlugin.generate(documents: &documents, staticFiles: &staticFiles, reader: reader, errors: &errors)
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        if plugins.has(TitlesFromHeadingsPlugin.name) {
            TitlesFromHeadingsPlugin(config: config).generate(documents: &documents, reused: reused)
        }
        if plugins.has(DefaultLayoutPlugin.name) {
            DefaultLayoutPlugin.generate(documents: &documents, layouts: layouts, reused: reused)
        }
    }

    /// The generators' rules that depend on the document alone (a title, a layout), for a
    /// page or post the preview read again after an edit to its text: without them its front
    /// matter would differ from the one the build gave it, and every edit would render the
    /// whole site. A page or README the other two made is not read again (it has no front
    /// matter), so its edit renders everything.
    func rerun(on document: Document, layouts: [String: Layout]) -> Document {
        var document = document
        let plugins = reader.config.pluginList
        if plugins.has(TitlesFromHeadingsPlugin.name) { TitlesFromHeadingsPlugin(config: reader.config).generate(&document) }
        if plugins.has(DefaultLayoutPlugin.name) { DefaultLayoutPlugin.generate(&document, layouts: layouts) }
        return document
    }

    /// A listed plugin's settings key holding `true`, a number or a list: the gem indexes it
    /// with a string (`site.config[KEY]["enabled"]`) and stops with Ruby's NoMethodError or
    /// TypeError; Strata stops at the key's line instead. Text reads as no settings in Ruby
    /// (`"x"["enabled"]` is nil), and so it does here.
    static func settingsErrors(_ config: SiteConfiguration) -> [Diagnostic] {
        let keys = [
            (OptionalFrontMatterPlugin.name, OptionalFrontMatterPlugin.configKey, "remove_originals"),
            (ReadmeIndexPlugin.name, ReadmeIndexPlugin.configKey, "remove_originals"),
            (TitlesFromHeadingsPlugin.name, TitlesFromHeadingsPlugin.configKey, "strip_title"),
        ]
        return keys.compactMap { plugin, key, example in
            guard config.pluginList.has(plugin), let value = config.values[key] else { return nil }
            switch value {
            case .object, .null, .string: return nil
            default:
                let location = config.location(ofKey: key)
                return Diagnostic(
                    location: location,
                    message: "`\(key)` must be a mapping of \(plugin)'s settings, such as `\(key): {\(example): true}`",
                    source: config.texts[location.file]
                )
            }
        }
    }

    /// The gems' `option(key)`: `site.config[CONFIG_KEY][key]`, nil unless the plugin's key
    /// holds a mapping.
    static func option(_ config: SiteConfiguration, _ pluginKey: String, _ key: String) -> Value? {
        guard case .object(let settings)? = config.values[pluginKey] else { return nil }
        return settings[key]
    }

    /// The static files a gem sees in `site.static_files`: those the walk of the site's
    /// folder found (not a collection's files, not a theme's), as (index, path relative to
    /// the site's folder).
    static func siteStaticFiles(_ staticFiles: [StaticFile], reader: SiteReader) -> [(index: Int, relative: String)] {
        let root = reader.layout.content.standardizedFileURL.path + "/"
        return staticFiles.indices.compactMap { index in
            let file = staticFiles[index]
            guard file.collection == nil, file.source.path.hasPrefix(root) || file.source.standardizedFileURL.path.hasPrefix(root) else { return nil }
            let path = file.source.path.hasPrefix(root) ? file.source.path : file.source.standardizedFileURL.path
            let relative = String(path.dropFirst(root.count))
            // A file copied elsewhere (Strata's own assets folder) is not one of the site folder's.
            return relative == file.outputPath ? (index, relative) : nil
        }
    }

    /// Whether `relative` has one of the Markdown extensions (Jekyll's `markdown_ext`,
    /// compared without case as the converter's `matches` does).
    static func isMarkdown(_ relative: String) -> Bool {
        SiteReader.markdownExtensions.contains((relative as NSString).pathExtension.lowercased())
    }

    /// Ruby's `File.dirname` of a URL path: `/docs/README.md` → `/docs`, `/docs/` → `/`.
    static func dirname(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        var folder = trimmed[..<slash]
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? "/" : String(folder)
    }
}
