import Diagnostics

/// The `_config.yml` keys Strata knows, for warnings about keys that have no effect.
///
/// Every key of `_config.yml` reaches templates as `site.KEY`, so an unknown key is not
/// an error: it is only worth a word when it looks like a typo of a known one.
enum ConfigurationKeys {
    /// Keys Strata reads, plus site variables that themes conventionally use
    /// (minima's `author`, `description`, …), so that their typos are caught too.
    static let known: Set<String> = [
        "title", "url", "baseurl", "permalink", "excerpt_separator", "timezone", "liquid",
        "exclude", "show_drafts", "future", "archives", "markdown", "kramdown", "highlighter",
        "plugins", "gems", "theme", "collections", "collections_dir", "defaults", "data_dir", "include", "keep_files", "sass",
        "page_excerpts", "paginate", "paginate_path", "pagination", "autopages", "feed", "redirect_from", "relative_links", "jekyll-mentions", "emoji",
        "jekyll-archives", "optional_front_matter", "readme_index", "titles_from_headings", "require_front_matter",
        "description", "author", "email", "lang", "logo", "twitter_username", "github_username",
    ]

    /// Jekyll settings Strata does not act on yet: each gets named in one warning so that a
    /// Jekyll user knows why it changes nothing. Remove a key here when a feature lands.
    /// (From Jekyll 4.3's `Configuration::DEFAULTS` and the usual plugins' settings.)
    static let notYetSupported: [String] = [
        "whitelist",
        "markdown_ext",
        "incremental",
        "limit_posts",
        "unpublished",
        "lsi",
        "safe",
        "strict_front_matter",
        "layouts_dir",
        "includes_dir",
        "plugins_dir",
        "encoding",
        "webrick",
        "show_dir_listing",
    ]

    /// One warning per likely typo (`titel` → `title`), then one naming every Jekyll
    /// setting that has no effect yet; nothing for the site's own variables.
    static func warnings(for keys: [String], location: (String) -> SourceLocation) -> [Diagnostic] {
        let unsupported = Set(notYetSupported)
        var warnings: [Diagnostic] = []
        var ignored: [String] = []
        for key in keys where !known.contains(key) {
            if unsupported.contains(key) {
                ignored.append(key)
            } else if let suggestion = NameSuggestion.closest(to: key, in: known.union(unsupported)) {
                warnings.append(Diagnostic(.warning, location: location(key), message: "unknown key `\(key)`; did you mean `\(suggestion)`?"))
            }
        }
        if let first = ignored.first {
            let list = ignored.map { "`\($0)`" }.joined(separator: ", ")
            warnings.append(Diagnostic(
                .warning, location: location(first),
                message: "Strata does not support \(ignored.count == 1 ? "this Jekyll setting" : "these Jekyll settings") yet, so \(ignored.count == 1 ? "it has" : "they have") no effect: \(list)"
            ))
        }
        // In the file's order, as a reader goes down `_config.yml`; the list of unsupported
        // settings sits at its first key's line.
        return warnings.enumerated().sorted { a, b in
            let left = a.element.location, right = b.element.location
            if left?.file != right?.file { return a.offset < b.offset }
            return (left?.line ?? 0, left?.column ?? 0, a.offset) < (right?.line ?? 0, right?.column ?? 0, b.offset)
        }.map(\.element)
    }
}
