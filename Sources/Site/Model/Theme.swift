import Diagnostics
import Foundation
import Liquid

/// A gem-based theme named by `theme:` in `_config.yml`, found where Jekyll 4.3's
/// `Jekyll::Theme` finds it (`Gem::Specification.find_by_name`): an installed gem's folder
/// `NAME-VERSION`, the highest version when several are installed. Its `_layouts`,
/// `_includes`, `_sass`, `assets` and `_data` folders stand behind the site's own: a file
/// the site has with the same name wins. Its `_config.yml` fills in keys the site's does
/// not set (except Jekyll's own defaults), and its runtime dependencies that Strata has
/// built in are switched on, as Jekyll requires a theme's dependencies.
public struct Theme: Sendable, Hashable {
    /// The name as written, lowercased and trimmed (Jekyll's `Theme#name`).
    public var name: String
    public var version: String
    /// The gem's folder, symbolic links resolved.
    public var root: URL
    /// The gems the theme's gemspec lists as runtime dependencies, `jekyll` left out.
    public var runtimeDependencies: [String]

    /// `root/folder` when it is a folder inside the theme (Jekyll's `path_for`), else nil.
    public func folder(_ name: String) -> URL? {
        let url = root.appendingPathComponent(name).resolvingSymlinksInPath()
        var isFolder: ObjCBool = false
        guard url.path == root.path + "/" + name || url.path.hasPrefix(root.path + "/"),
              FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return url
    }

    public var layouts: URL? { folder("_layouts") }
    public var includes: URL? { folder("_includes") }
    public var sass: URL? { folder("_sass") }
    public var assets: URL? { folder("assets") }
    public var data: URL? { folder("_data") }

    /// Jekyll 4.3's `Configuration::DEFAULTS` keys: a theme's `_config.yml` may not set them.
    static let jekyllDefaultKeys: Set<String> = [
        "source", "destination", "collections_dir", "cache_dir", "plugins_dir", "layouts_dir", "data_dir",
        "includes_dir", "collections", "safe", "include", "exclude", "keep_files", "encoding", "markdown_ext",
        "strict_front_matter", "show_drafts", "limit_posts", "future", "unpublished", "whitelist", "plugins",
        "markdown", "highlighter", "lsi", "excerpt_separator", "incremental", "detach", "port", "host", "baseurl",
        "show_dir_listing", "permalink", "paginate_path", "timezone", "quiet", "verbose", "defaults", "liquid", "kramdown",
    ]
}

/// Finds installed gems the way RubyGems lists them: every gem folder (`GEM_HOME`,
/// `GEM_PATH`, the user's and the system's gem folders, Debian's `rubygems-integration`,
/// and Bundler's `vendor/bundle` inside the site) holds `gems/NAME-VERSION/` and
/// `specifications/NAME-VERSION.gemspec`.
struct GemLocator: Sendable {
    /// Folders that each hold `gems/` and `specifications/`, most specific first.
    var gemFolders: [URL]

    /// The folders RubyGems and Bundler install into on Linux and macOS, plus the site's
    /// own `vendor/bundle/ruby/*` (`bundle config set path vendor/bundle`).
    static func standard(site: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> GemLocator {
        var patterns: [String] = []
        for key in ["GEM_HOME", "GEM_PATH"] {
            for path in (environment[key] ?? "").split(separator: ":") where !path.isEmpty { patterns.append(String(path)) }
        }
        patterns.append(site.appendingPathComponent("vendor/bundle/ruby/*").path)
        if let home = environment["HOME"], !home.isEmpty {
            patterns += [home + "/.gem/ruby/*", home + "/.local/share/gem/ruby/*"]
        }
        patterns += [
            "/var/lib/gems/*", "/usr/local/lib/ruby/gems/*", "/usr/lib/ruby/gems/*",
            "/usr/share/rubygems-integration/all", "/usr/share/rubygems-integration/*", "/usr/lib/*/rubygems-integration/*",
            "/opt/homebrew/lib/ruby/gems/*", "/Library/Ruby/Gems/*",
        ]
        var folders: [URL] = []
        for pattern in patterns {
            for path in GemLocator.glob(pattern) {
                let url = URL(fileURLWithPath: path).standardizedFileURL
                if !folders.contains(url) { folders.append(url) }
            }
        }
        return GemLocator(gemFolders: folders)
    }

    /// The installed gem `name` with the highest version `accepts` (every version by
    /// default; a plugin's gemspec may bound its dependency's), and the gem folder holding it.
    func find(_ name: String, accepts: (String) -> Bool = { _ in true }) -> (folder: URL, gem: URL, version: String)? {
        var best: (folder: URL, gem: URL, version: String)?
        for folder in gemFolders {
            let gems = folder.appendingPathComponent("gems")
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: gems.path) else { continue }
            for entry in entries where entry.hasPrefix(name + "-") {
                let version = String(entry.dropFirst(name.count + 1))
                // `minima-2.5.1` is minima; `minima-extra-1.0` is another gem.
                guard version.first?.isNumber == true, accepts(version) else { continue }
                var isFolder: ObjCBool = false
                let url = gems.appendingPathComponent(entry)
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else { continue }
                if best.map({ GemLocator.versionPrecedes($0.version, version) }) ?? true {
                    best = (folder, url, version)
                }
            }
        }
        return best
    }

    /// The runtime dependencies a gemspec lists (`add_runtime_dependency(%q<NAME>…` as
    /// RubyGems writes installed specs, or `add_runtime_dependency "NAME"`; `add_dependency`
    /// in a gemspec that has no runtime ones), in order, without repeats.
    static func runtimeDependencies(gemspec text: String) -> [String] {
        func names(after call: String) -> [String] {
            var found: [String] = []
            for line in text.split(separator: "\n") {
                guard let range = line.range(of: call) else { continue }
                let rest = line[range.upperBound...]
                guard let open = rest.firstIndex(where: { $0 == "<" || $0 == "\"" || $0 == "'" }) else { continue }
                let closer: Character = rest[open] == "<" ? ">" : rest[open]
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(of: closer) else { continue }
                let name = String(after[..<close])
                if !name.isEmpty, !found.contains(name) { found.append(name) }
            }
            return found
        }
        let runtime = names(after: "add_runtime_dependency")
        return runtime.isEmpty ? names(after: "add_dependency") : runtime
    }

    /// RubyGems' version order for the plain versions themes use (`2.5.10` after `2.5.9`;
    /// a prerelease such as `3.0.0.pre` before `3.0.0`).
    static func versionPrecedes(_ left: String, _ right: String) -> Bool {
        let a = left.split(separator: "."), b = right.split(separator: ".")
        for index in 0..<max(a.count, b.count) {
            guard index < a.count else { return Int(b[index]) != nil }
            guard index < b.count else { return Int(a[index]) == nil }
            let x = a[index], y = b[index]
            if x == y { continue }
            switch (Int(x), Int(y)) {
            case let (p?, q?): return p < q
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return x < y
            }
        }
        return false
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }
}

extension Theme {
    /// The theme `theme:` names, or nil without one. A missing theme is one located error
    /// saying how to install or vendor it; a `theme:` that is not text is ignored with a
    /// warning, as Jekyll ignores it.
    static func load(values: ValueObject, location: SourceLocation, source: String?, site: URL, warnings: inout [Diagnostic]) throws(Diagnostic) -> Theme? {
        switch values["theme"] {
        case nil, .null?:
            return nil
        case .string(let raw)?:
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            let locator = GemLocator.standard(site: site)
            guard !name.isEmpty, !name.contains("/"), let found = locator.find(name) else {
                throw Diagnostic(
                    location: location,
                    message: "theme `\(raw)` is not installed. Install its gem (`gem install \(name)`; on Debian, "
                        + "`apt install jekyll-theme-\(name.hasPrefix("jekyll-theme-") ? String(name.dropFirst(13)) : name)` where packaged), "
                        + "vendor it with Bundler into vendor/bundle, or copy its _layouts, _includes, _sass and assets "
                        + "folders into the site and remove `theme:`",
                    notes: ["looked for \(name)-VERSION in: " + locator.gemFolders.map { $0.appendingPathComponent("gems").path }.joined(separator: ", ")],
                    source: source, kind: BuildStep.readConfig.kind
                )
            }
            let root = found.gem.resolvingSymlinksInPath()
            let spec = found.folder.appendingPathComponent("specifications/\(name)-\(found.version).gemspec")
            let dependencies = FileManager.default.contents(atPath: spec.path).map {
                GemLocator.runtimeDependencies(gemspec: String(decoding: $0, as: UTF8.self)).filter { $0 != "jekyll" }
            } ?? []
            for dependency in dependencies where PluginList.builtIn[dependency] == nil {
                warnings.append(Diagnostic(
                    .warning, location: location,
                    message: "theme `\(name)` needs the plugin `\(dependency)`, which Strata does not have; templates using it may fail",
                    kind: BuildStep.readConfig.kind
                ))
            }
            return Theme(name: name, version: found.version, root: root, runtimeDependencies: dependencies)
        default:
            warnings.append(Diagnostic(
                .warning, location: location,
                message: "`theme` should be the name of a theme gem (text); this one is ignored, as Jekyll ignores it", kind: BuildStep.readConfig.kind
            ))
            return nil
        }
    }

    /// The theme's own `_config.yml`, Jekyll's default keys removed, for the site's
    /// settings to be merged over (Jekyll's `load_theme_configuration`). A symbolic link is
    /// not read, and a file that is not a mapping adds nothing.
    func configuration() throws(Diagnostic) -> ValueObject {
        let url = root.appendingPathComponent("_config.yml")
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular,
              let data = FileManager.default.contents(atPath: url.path) else { return ValueObject() }
        let text = try SourceText.decode(data, path: url.path)
        var values = try YAMLReader(path: url.path, firstLine: 1).read(text).values
        for key in values.keys where Theme.jekyllDefaultKeys.contains(key) { values[key] = nil }
        return values
    }
}
