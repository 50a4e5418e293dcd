import Diagnostics
import Foundation
import Liquid

/// What a gem theme adds to what the site has, read as Jekyll 4.3 reads it: the site's own
/// file always wins over the theme's file of the same name.
extension SiteReader {
    /// Jekyll's `LayoutReader`: the theme's layouts fill the names the site lacks.
    func addThemeLayouts(to layouts: inout [String: Layout], errors: inout [Diagnostic]) {
        guard let folder = config.theme?.layouts else { return }
        for file in files(under: folder) where file.skippedLink == nil {
            do {
                let loaded = try readLayout(file.url, relative: file.relative)
                if layouts[loaded.name] == nil { layouts[loaded.name] = loaded }
            } catch { errors.append(error) }
        }
    }

    /// Jekyll's `ThemeAssetsReader`: every file under the theme's `assets/` (a linked file
    /// skipped), a page when it opens with front matter and a static file otherwise, unless
    /// the site has a page or static file at the same relative path.
    func addThemeAssets(documents: inout [Document], staticFiles: inout [StaticFile], errors: inout [Diagnostic]) {
        guard let theme = config.theme, let folder = theme.assets else { return }
        var taken = Set(documents.map(\.relativePath))
        var outputs = Set(documents.map(\.outputPath))
        for file in staticFiles {
            taken.insert(file.outputPath)
            outputs.insert(file.outputPath)
            if let source = file.sourceRelativePath(in: layout) { taken.insert(source) }
        }
        for file in files(under: folder) where file.skippedLink == nil {
            let relative = "assets/" + file.relative
            guard !taken.contains(relative) else { continue }
            do {
                // Beyond Jekyll, which compares source paths only: a site's `assets/main.css`
                // also hides the theme's `assets/main.scss`, instead of two files writing one URL.
                if let page = try readPage(file.url, relative: relative) {
                    if !outputs.contains(page.outputPath) { documents.append(page) }
                } else if !outputs.contains(relative) {
                    staticFiles.append(StaticFile(source: file.url, outputPath: relative))
                }
            } catch { errors.append(error) }
        }
    }

    /// Jekyll's `read_theme_data`: the theme's `_data` under the site's, merged key by key.
    func mergingThemeData(into data: ValueObject) throws(DiagnosticList) -> ValueObject {
        guard let folder = config.theme?.data else { return data }
        let themeData = try DataReader(layout: layout).read(folder: folder)
        return SiteConfiguration.merge(themeData, data)
    }
}

extension StaticFile {
    /// The file's path relative to the source folder, when it lies inside it.
    func sourceRelativePath(in layout: SiteFolders) -> String? {
        let base = layout.content.standardizedFileURL.path + "/"
        let path = source.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
    }
}
