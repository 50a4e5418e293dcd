import Diagnostics
import Foundation
import Liquid

/// `_config.yml` read into typed settings, plus every key as `site.*` for templates.
public struct SiteConfiguration: Sendable {
    public var title: String
    public var url: String
    /// Always empty or `/something` without a trailing slash, as Jekyll normalises it.
    public var baseurl: String
    public var permalink: String
    public var excerptSeparator: String
    public var timeZone: TimeZone
    public var strictVariables: Bool
    public var strictFilters: Bool
    /// `liquid: error_mode:` (`warn`, Jekyll 4.3's default, `lax` or `strict`): what markup Liquid's strict
    /// parser rejects does (see `LiquidErrorMode`).
    public var liquidErrorMode = LiquidErrorMode.warn
    /// `exclude:` patterns (Jekyll's defaults added): paths neither rendered nor copied.
    public var exclude: [String]
    /// `include:` patterns: paths read even though their names start with `.` or `_`.
    public var include: [String]
    /// `keep_files:` paths of the destination that a build leaves in place.
    public var keepFiles: [String]
    /// The plugins named by `plugins:` (or the older `gems:`), in order.
    public var plugins: [String]
    public var drafts: Bool
    public var future: Bool
    /// The checked `plugins:` list (set by the build once checked).
    var pluginList = PluginList(enabled: [])
    /// The gem theme `theme:` names, found when the configuration is loaded.
    public internal(set) var theme: Theme?
    /// The text of each configuration file by its display path, for messages that quote a
    /// line below a top-level key.
    var texts: [String: String] = [:]
    /// `data_dir:`, relative to the source folder.
    var dataDirectory = "_data"
    /// `collections_dir`: the folder (relative to the source, no slashes around it) that
    /// holds `_posts`, `_drafts` and every collection's folder; "" for the source itself.
    var collectionsDirectory = ""
    /// `defaults:`, read once.
    var frontMatterDefaults = FrontMatterDefaults.none
    /// `collections:` other than posts, in the order written.
    var collections: [CollectionSettings] = []
    /// The permalink of posts: `collections.posts.permalink` when given, else `permalink`.
    var postsPermalink: String
    /// Every key of `_config.yml`, overrides applied: what templates see as `site`.
    public var values: ValueObject
    /// Where each key was set, for errors about its value.
    public var keyLines: [String: Int]
    public var path: String

    /// `jekyll.environment` in templates: `development` unless JEKYLL_ENV or STRATA_ENV says otherwise.
    public var environment: String
    /// Keys set but unused: likely typos and Jekyll settings Strata does not support yet.
    public var warnings: [Diagnostic]
    /// The file that set each top-level key, when `--config` named several.
    public var keyFiles: [String: String]

    public struct Overrides: Sendable {
        public var baseurl: String?
        public var drafts: Bool
        public var future: Bool
        /// Jekyll's `--config a.yml,b.yml`: read these instead of `_config.yml`, later files
        /// overriding earlier ones key by key (nested mappings merged). Empty: `_config.yml`.
        public var configFiles: [URL]
        public var environment: String
        /// `site.url` in place of the configured one: `jekyll serve` sets it to the local
        /// server's address in development, so links meant to be absolute stay on it.
        public var url: String?
        public init(baseurl: String? = nil, drafts: Bool = false, future: Bool = false, configFiles: [URL] = [], environment: String = "development",
                    url: String? = nil) {
            self.url = url
            self.baseurl = baseurl
            self.drafts = drafts
            self.future = future
            self.configFiles = configFiles
            self.environment = environment
        }
    }

    /// The first line at or below top-level `key` that contains `needle`, with its column:
    /// where a nested value (a list item, a collection's setting) was written.
    func location(of needle: String, below key: String) -> SourceLocation {
        let start = location(ofKey: key)
        guard let text = texts[start.file] else { return start }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in max(0, start.line - 1)..<lines.count {
            if let range = lines[index].range(of: needle) {
                return SourceLocation(file: start.file, line: index + 1, column: lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
            }
        }
        return start
    }

    /// The column (1-based, in characters) where `needle` starts on line `line` of `text`;
    /// 1 when the line does not hold it, so the caret still marks the key's line.
    static func column(of needle: String, onLine line: Int, in text: String?) -> Int {
        guard let text, line >= 1, !needle.isEmpty else { return 1 }
        let lines = text.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false)
        guard lines.count >= line, let range = lines[line - 1].range(of: needle) else { return 1 }
        return lines[line - 1].distance(from: lines[line - 1].startIndex, to: range.lowerBound) + 1
    }

    /// Where `key` was set, for diagnostics about its value.
    public func location(ofKey key: String) -> SourceLocation {
        SourceLocation(file: keyFiles[key] ?? path, line: keyLines[key] ?? 1)
    }

    /// Jekyll 4.3's `DEFAULT_EXCLUDES`, plus Strata's own `dockerfiles` (diagram inputs).
    static let defaultExcludes = [
        ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
        "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/", "dockerfiles",
    ]

    /// What `entryFilter` makes of `include:` and `exclude:`.
    var entryFilter: EntryFilter { EntryFilter(include: include, exclude: exclude) }

    public static func load(layout: SiteFolders, overrides: Overrides = Overrides()) throws(Diagnostic) -> SiteConfiguration {
        let explicit = !overrides.configFiles.isEmpty
        let urls = explicit ? overrides.configFiles : [layout.content.appendingPathComponent("_config.yml")]
        var values = ValueObject()
        var keyLines: [String: Int] = [:]
        var keyFiles: [String: String] = [:]
        var texts: [String: String] = [:]
        for url in urls {
            let path = layout.display(url)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                // A folder would otherwise read as no file at all, and the site would build with no settings.
                throw Diagnostic(location: SourceLocation(file: path, line: 1), message: "\(url.lastPathComponent) is a folder; the configuration must be a YAML file")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if explicit {
                    throw Diagnostic(location: SourceLocation(file: path, line: 1), message: "configuration file not found")
                }
                continue
            }
            let text = try SourceText.decode(data, path: path)
            texts[path] = text
            let result = try YAMLReader(path: path, firstLine: 1).read(text)
            values = SiteConfiguration.merge(values, result.values)
            for (key, line) in result.keyLines {
                keyLines[key] = line
                keyFiles[key] = path
            }
        }
        let path = layout.display(urls[urls.count - 1])
        // Jekyll reads the theme's `_config.yml` last, under the site's own settings.
        var themeWarnings: [Diagnostic] = []
        let themeFile = keyFiles["theme"] ?? path
        let theme = try Theme.load(
            values: values, location: SourceLocation(file: themeFile, line: keyLines["theme"] ?? 1),
            source: texts[themeFile], site: layout.root, warnings: &themeWarnings
        )
        if let theme { values = SiteConfiguration.merge(try theme.configuration(), values) }
        var config = try SiteConfiguration(values: values, keyLines: keyLines, path: path, overrides: overrides, keyFiles: keyFiles, texts: texts)
        config.theme = theme
        // Named and shown with their line here, so `serve` prints them as `build` does.
        config.warnings = Diagnostic.withExcerpts((config.warnings + themeWarnings).map { $0.inStep(.readConfig) }, readingFrom: layout.root.path)
        return config
    }

    /// Jekyll's `Utils.deep_merge_hashes`: `overriding` wins, mappings present in both are merged.
    static func merge(_ base: ValueObject, _ overriding: ValueObject) -> ValueObject {
        var merged = base
        for (key, value) in overriding.pairs {
            if case .object(let inner)? = merged[key], case .object(let over) = value {
                merged[key] = .object(merge(inner, over))
            } else {
                merged[key] = value
            }
        }
        return merged
    }

    init(values: ValueObject, keyLines: [String: Int], path: String, overrides: Overrides, keyFiles: [String: String] = [:], texts: [String: String] = [:]) throws(Diagnostic) {
        var values = values
        self.keyFiles = keyFiles
        self.texts = texts
        environment = overrides.environment
        warnings = ConfigurationKeys.warnings(for: values.keys) { key in
            SourceLocation(file: keyFiles[key] ?? path, line: keyLines[key] ?? 1)
        }
        func string(_ key: String, default fallback: String) throws(Diagnostic) -> String {
            switch values[key] {
            case nil, .null?: return fallback
            case .string(let text)?: return text
            case .int(let number)?: return String(number)
            case .double(let number)?: return String(number)
            case .bool(let flag)?: return String(flag)
            default:
                throw Diagnostic(location: SourceLocation(file: keyFiles[key] ?? path, line: keyLines[key] ?? 1), message: "`\(key)` must be text")
            }
        }
        func flag(_ key: String) -> Bool {
            if case .bool(let value)? = values[key] { return value }
            return false
        }
        self.path = path
        self.keyLines = keyLines
        title = try string("title", default: "")
        let configuredURL = try string("url", default: "").trimmingTrailingSlashes()
        url = overrides.url ?? configuredURL
        let configuredBaseurl = try string("baseurl", default: "")
        baseurl = SiteConfiguration.normaliseBaseurl(overrides.baseurl ?? configuredBaseurl)
        permalink = try string("permalink", default: "date")
        excerptSeparator = try string("excerpt_separator", default: "\n\n")
        let zoneName = try string("timezone", default: "")
        if zoneName.isEmpty {
            timeZone = TimeZone(identifier: "UTC") ?? .current
        } else if let zone = TimeZone(identifier: zoneName) {
            timeZone = zone
        } else {
            let file = keyFiles["timezone"] ?? path, line = keyLines["timezone"] ?? 1
            throw Diagnostic(
                location: SourceLocation(file: file, line: line, column: SiteConfiguration.column(of: zoneName, onLine: line, in: texts[file])),
                message: "unknown time zone `\(zoneName)`; use an IANA name such as Europe/London"
            )
        }
        if case .object(let liquid)? = values["liquid"] {
            strictVariables = liquid["strict_variables"] == .bool(true)
            strictFilters = liquid["strict_filters"] == .bool(true)
            if let mode = liquid["error_mode"], mode != .null {
                guard case .string(let name) = mode, let known = LiquidErrorMode(rawValue: name) else {
                    let file = keyFiles["liquid"] ?? path
                    let text = texts[file].map { Array($0.split(separator: "\n", omittingEmptySubsequences: false)) } ?? []
                    let from = keyLines["liquid"] ?? 1
                    let line = (from...max(from, text.count)).first { $0 <= text.count && text[$0 - 1].contains("error_mode") } ?? from
                    throw Diagnostic(
                        location: SourceLocation(file: file, line: line, column: SiteConfiguration.column(of: "error_mode", onLine: line, in: texts[file])),
                        message: "`liquid: error_mode` must be `warn` (Jekyll's default), `lax` or `strict`, not `\(mode.liquidString)`"
                    )
                }
                liquidErrorMode = known
            }
        } else {
            strictVariables = false
            strictFilters = false
        }
        func list(_ key: String) throws(Diagnostic) -> [String]? {
            switch values[key] {
            case nil, .null?: return nil
            case .string(let text)?: return [text]
            case .array(let items)?:
                return items.compactMap { item -> String? in
                    switch item {
                    case .string(let text): return text
                    case .int(let number): return String(number)
                    default: return nil
                    }
                }
            default:
                throw Diagnostic(location: SourceLocation(file: path, line: keyLines[key] ?? 1), message: "`\(key)` must be a list of paths")
            }
        }
        var exclude = try list("exclude") ?? []
        for name in SiteConfiguration.defaultExcludes where !exclude.contains(name) { exclude.append(name) }
        self.exclude = exclude
        include = try list("include") ?? [".htaccess"]
        keepFiles = try list("keep_files") ?? [".git", ".svn"]
        let gems = try list("gems")
        plugins = try list("plugins") ?? gems ?? []
        drafts = overrides.drafts || flag("show_drafts")
        future = overrides.future || flag("future")
        postsPermalink = permalink
        dataDirectory = try string("data_dir", default: "_data")
        collectionsDirectory = try string("collections_dir", default: "").split(separator: "/").joined(separator: "/")
        // Templates see `baseurl:` as written (`/` stays `/`, as Jekyll keeps it; the URL
        // filters drop its trailing slash), and no `url` when none is set, so that
        // `{% if site.url %}` is false as in Jekyll; Strata's own paths use `self.baseurl`.
        // The `--baseurl` flag is normalised, so `--baseurl /sub/` never doubles a slash.
        if overrides.baseurl != nil {
            values["baseurl"] = .string(baseurl)
        } else if (values["baseurl"] ?? .null) != .null {
            values["baseurl"] = .string(configuredBaseurl)
        } else {
            values["baseurl"] = .null
        }
        if overrides.url != nil || (values["url"] ?? .null) != .null { values["url"] = .string(url) }
        values["permalink"] = .string(permalink)
        values["excerpt_separator"] = .string(excerptSeparator)
        self.values = values
        frontMatterDefaults = try FrontMatterDefaults.load(self)
        let declared = try CollectionSettings.load(self)
        collections = declared.collections
        if let posts = declared.postsPermalink { postsPermalink = posts }
    }

    /// `""`, `"/"` → `""`; `"blog"`, `"/blog/"` → `"/blog"`.
    static func normaliseBaseurl(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces).trimmingTrailingSlashes()
        if trimmed.isEmpty { return "" }
        return trimmed.hasPrefix("/") ? trimmed : "/" + trimmed
    }
}

extension String {
    func trimmingTrailingSlashes() -> String {
        var copy = self
        while copy.hasSuffix("/") { copy.removeLast() }
        return copy
    }
}
