import CSass
import Diagnostics
import Foundation
import Liquid

/// Compiles `.scss`/`.sass` pages with libsass, as jekyll-sass-converter 2.2 does through
/// sassc: `sass.style` (default `compact`, sassc's), `sass.sass_dir` (default `_sass`) and
/// `sass.load_paths` (globs, relative to the source folder) as include paths, and a source
/// map `NAME.css.map` beside the CSS unless `sass.sourcemap: never`, and numbers to
/// `sass.precision` digits after the point (default 10, libsass 3.6's own: the gem passes no
/// precision unless the site sets one). Errors are located in
/// the page (front matter lines counted) or in the partial that holds them.
struct SassCompiler: Sendable {
    enum Syntax: Sendable { case scss, sass }

    struct Output: Sendable {
        var css: String
        var sourceMap: String?
    }

    let style: Sass_Output_Style
    /// Digits after the point in numbers libsass writes.
    let precision: Int32
    let includePaths: [String]
    let sourceMaps: Bool
    let root: URL
    /// The source folder (`content/` in Strata's layout).
    let sourceFolder: URL

    static let styles: [String: Sass_Output_Style] = [
        "nested": SASS_STYLE_NESTED, "expanded": SASS_STYLE_EXPANDED, "compact": SASS_STYLE_COMPACT, "compressed": SASS_STYLE_COMPRESSED,
    ]

    init(config: SiteConfiguration, layout: SiteFolders) {
        var settings = ValueObject()
        if case .object(let sass)? = config.values["sass"] { settings = sass }
        var styleName = "compact"
        if case .string(let name)? = settings["style"] { styleName = name.hasPrefix(":") ? String(name.dropFirst()) : name }
        style = SassCompiler.styles[styleName] ?? SASS_STYLE_COMPACT
        if case .int(let digits)? = settings["precision"], (0...Int(Int32.max)).contains(digits) { precision = Int32(digits) } else { precision = 10 }
        var sassDirectory = "_sass"
        if case .string(let folder)? = settings["sass_dir"], !folder.isEmpty { sassDirectory = folder }
        var patterns: [String] = []
        switch settings["load_paths"] {
        case .string(let path)?: patterns = [path]
        case .array(let items)?: patterns = items.compactMap { if case .string(let path) = $0 { return path } else { return nil } }
        default: break
        }
        patterns.append(sassDirectory)
        var paths: [String] = []
        for pattern in patterns {
            for path in SassCompiler.glob(pattern, in: layout.content) where !paths.contains(path) { paths.append(path) }
        }
        // jekyll-sass-converter adds the theme's `_sass` after the site's own paths.
        if let themeSass = config.theme?.sass, !paths.contains(themeSass.path) { paths.append(themeSass.path) }
        includePaths = paths.filter { var isDirectory: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
        if case .string(let option)? = settings["sourcemap"] { sourceMaps = option != "never" && option != ":never" } else { sourceMaps = true }
        root = layout.root
        sourceFolder = layout.content
    }

    /// Ruby's `Dir.glob` of a pattern relative to `folder`, as absolute paths.
    private static func glob(_ pattern: String, in folder: URL) -> [String] {
        let absolute = pattern.hasPrefix("/") ? pattern : folder.appendingPathComponent(pattern).path
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(absolute, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }

    /// The `sassify`/`scssify` filters: jekyll-sass-converter with no page, so libsass reads
    /// `stdin`, with the site's style and load paths and no source map.
    func filter(_ source: String, indented: Bool) -> Result<String, SassFilterFailure> {
        guard let context = sass_make_data_context(strdup(source)) else { return .failure(SassFilterFailure("libsass could not start")) }
        defer { sass_delete_data_context(context) }
        let options = sass_data_context_get_options(context)
        sass_option_set_output_style(options, style)
        sass_option_set_precision(options, precision)
        sass_option_set_is_indented_syntax_src(options, indented)
        sass_option_set_include_path(options, includePaths.joined(separator: ":"))
        sass_compile_data_context(context)
        let result = sass_data_context_get_context(context)
        if sass_context_get_error_status(result) != 0 {
            let message = sass_context_get_error_message(result).map { String(cString: $0) } ?? "Sass error"
            var first = message.split(separator: "\n").first.map(String.init) ?? message
            if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
            return .failure(SassFilterFailure("Sass: " + first))
        }
        var css = sass_context_get_output_string(result).map { String(cString: $0) } ?? ""
        if css.hasPrefix("\u{FEFF}") { css.removeFirst() }
        return .success(css)
    }

    /// Compiles `source` (the page's body after Liquid) of the page `document`.
    func compile(_ source: String, syntax: Syntax, document: Document) throws(Diagnostic) -> Output {
        guard let context = sass_make_data_context(strdup(source)) else {
            throw Diagnostic(location: SourceLocation(file: document.displayPath, line: document.bodyFirstLine), message: "libsass could not start")
        }
        defer { sass_delete_data_context(context) }
        let options = sass_data_context_get_options(context)
        let name = RelativePath.lastComponent(document.outputPath)
        sass_option_set_output_style(options, style)
        sass_option_set_precision(options, precision)
        sass_option_set_is_indented_syntax_src(options, syntax == .sass)
        sass_option_set_include_path(options, includePaths.joined(separator: ":"))
        // As the gem names them: the page's name in the source folder, relative to the working
        // folder, so that libsass writes the map's sources relative to the source folder
        // (`_sass/…`, and a theme's partials as `../…` paths to the gem).
        let folder = SassCompiler.relativePath(from: FileManager.default.currentDirectoryPath, to: sourceFolder.standardizedFileURL.path)
        let inputPath = folder + "/" + RelativePath.lastComponent(document.relativePath)
        sass_option_set_input_path(options, inputPath)
        sass_option_set_output_path(options, folder + "/" + name)
        if sourceMaps {
            sass_option_set_source_map_file(options, folder + "/" + name + ".map")
            sass_option_set_source_map_contents(options, true)
            sass_option_set_omit_source_map_url(options, false)
        }
        sass_compile_data_context(context)
        let result = sass_data_context_get_context(context)
        if sass_context_get_error_status(result) != 0 {
            let message = sass_context_get_error_message(result).map { String(cString: $0) } ?? "Sass error"
            let file = sass_context_get_error_file(result).map { String(cString: $0) } ?? "stdin"
            let line = Int(sass_context_get_error_line(result))
            let column = Int(sass_context_get_error_column(result))
            // The page itself is `stdin` (or its own name) to libsass: add the front matter.
            // libsass names a file relative to the working folder, normalised (`./main.scss` comes
            // back as `main.scss`), so the page is recognised by its absolute path.
            func absolute(_ path: String) -> String {
                path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardizedFileURL.path
            }
            let partial = absolute(file)
            let inPage = file == "stdin" || partial == absolute(inputPath)
            let location = inPage
                ? SourceLocation(file: document.displayPath, line: document.bodyFirstLine + max(0, line - 1), column: max(1, column))
                : SourceLocation(file: displayPath(partial), line: max(1, line), column: max(1, column))
            let path = inPage ? (document.displayPath.hasPrefix("/") ? document.displayPath : root.appendingPathComponent(document.displayPath).path) : partial
            let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            var first = message.split(separator: "\n").first.map(String.init) ?? message
            if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
            throw Diagnostic(location: location, message: "Sass: " + first, source: text)
        }
        var css = sass_context_get_output_string(result).map { String(cString: $0) } ?? ""
        // jekyll-sass-converter drops the byte order mark libsass writes before non-ASCII CSS.
        if css.hasPrefix("\u{FEFF}") { css.removeFirst() }
        let map = sourceMaps ? sass_context_get_source_map_string(result).map { String(cString: $0) } : nil
        return Output(css: css, sourceMap: map)
    }

    /// Ruby's `Pathname#relative_path_from` for absolute, standardized paths: `.` for the
    /// folder itself, `../x` for a sibling.
    static func relativePath(from base: String, to path: String) -> String {
        let from = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    private func displayPath(_ path: String) -> String {
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The libsass Strata runs with, for `strata --version`.
public enum SassLibrary {
    /// What `libsass_version()` reports, such as `3.6.5`.
    public static var version: String { String(cString: libsass_version()) }
}
