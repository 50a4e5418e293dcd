import Diagnostics
import Foundation
import Liquid

/// The plugins a site asks for in `plugins:` (or Jekyll 3's `gems:`). Strata has the
/// usual ones built in and switches each on only when listed, as Jekyll loads gems; a
/// plugin it lacks stops the build once, at its line of `_config.yml`, instead of failing
/// every page that uses its tags.
struct PluginList: Sendable {
    /// The plugins Strata builds in, each with what it adds.
    static let builtIn: [String: String] = [
        "jekyll-archives": "archive pages by year, month, day, tag and category (its jekyll-archives: settings)",
        "jekyll-feed": "an Atom feed at /feed.xml and the {% feed_meta %} tag",
        "jekyll-sitemap": "/sitemap.xml and robots.txt",
        "jekyll-seo-tag": "the {% seo %} tag",
        "jekyll-paginate": "paginate:, paginate_path: and paginator",
        "jekyll-paginate-v2": "pagination: in _config.yml and front matter, paginator with page_trail, autopages:",
        "jekyll-redirect-from": "redirect_from:, redirect_to: and /redirects.json",
        "jekyll-gist": "the {% gist %} tag (the script embed, without the network-fetched <noscript> copy)",
        "jekyll-avatar": "the {% avatar %} tag",
        "jekyll-mentions": "@name linked to the user's page",
        "jekyll-relative-links": "Markdown links to .md files pointed at their pages",
        // Jekyll itself depends on the Sass converter and always loads it; sites list it anyway.
        "jekyll-sass-converter": ".scss and .sass pages compiled (always on, as in Jekyll)",
        "jekyll-include-cache": "the {% include_cached %} tag",
        "jemoji": ":name: replaced by GitHub's emoji image (needs the gemoji gem installed)",
        "jekyll-last-modified-at": "page.last_modified_at and the {% last_modified_at %} tag, from git log or the file's time",
        "jekyll-toc": "the toc, toc_only and inject_anchors filters and the {% toc %} tag (pages with toc: true)",
        "jekyll-github-metadata": "site.github as the gem fills it offline, and the {% github_edit_link %} tag",
        // GitHub Pages turns these four on for every site (`PageGenerators`).
        "jekyll-optional-front-matter": "Markdown files without front matter made pages (its optional_front_matter: settings)",
        "jekyll-readme-index": "a README made its folder's index when the folder has none (its readme_index: settings)",
        "jekyll-titles-from-headings": "a page without title: titled by its first heading (its titles_from_headings: settings)",
        "jekyll-default-layout": "Markdown pages and posts without layout: given home, page, post or default",
    ]

    var enabled: Set<String>

    func has(_ name: String) -> Bool { enabled.contains(name) }

    /// Checks every listed name; the configuration file that set the key is searched for
    /// the name's own line.
    static func load(_ config: SiteConfiguration) throws(DiagnosticList) -> PluginList {
        var errors: [Diagnostic] = []
        for name in config.plugins where builtIn[name] == nil {
            let item = entry(name, in: config)
            let message: String
            if let near = NameSuggestion.closest(to: name, in: builtIn.keys) {
                message = "Strata has no plugin `\(name)`; did you mean `\(near)`? (\(builtIn[near] ?? ""))"
            } else {
                message = "Strata has no plugin `\(name)`; built in: \(builtIn.keys.sorted().joined(separator: ", ")). Remove it from `\(item.key):` or replace what it does in a template"
            }
            errors.append(Diagnostic(location: item.location, message: message, source: item.source))
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        // Jekyll requires a theme's runtime dependencies as if they were listed.
        let fromTheme = (config.theme?.runtimeDependencies ?? []).filter { builtIn[$0] != nil }
        return PluginList(enabled: Set(config.plugins + fromTheme))
    }

    /// Where `name` is listed: the first line at or after the `plugins:` (or `gems:`) key
    /// that names it, with its column, the text of the file holding it and the key's name,
    /// for messages about one plugin.
    static func entry(_ name: String, in config: SiteConfiguration) -> (location: SourceLocation, source: String?, key: String) {
        let key = config.values["plugins"] != nil ? "plugins" : "gems"
        let file = config.location(ofKey: key).file
        let text = config.texts[file]
        let keyLine = config.keyLines[key] ?? 1
        let lines = text.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
        for index in max(0, keyLine - 1)..<max(keyLine - 1, lines.count) {
            if let range = lines[index].range(of: name) {
                let column = lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1
                return (SourceLocation(file: file, line: index + 1, column: column), text, key)
            }
        }
        return (SourceLocation(file: file, line: keyLine, column: 1), text, key)
    }
}

extension PluginList {
    /// The pages the enabled plugins add (a feed, a sitemap, robots.txt).
    static func pages(_ config: SiteConfiguration, layout: SiteFolders, content: SiteContent) -> [Document] {
        var pages: [Document] = []
        if config.pluginList.has(FeedPlugin.name) { pages += FeedPlugin.documents(config, layout: layout, content: content) }
        if config.pluginList.has(SitemapPlugin.name) { pages += SitemapPlugin.documents(config, content: content) }
        return pages
    }

    /// The tags the enabled plugins add; `embeds` keeps HTML that Markdown's tag filter
    /// would disarm (a gist's `<script>`) away from it; `feedReads` learns what each feed showed;
    /// `lastModifiedAt` and `toc`: those plugins as loaded once for the build.
    static func tags(_ config: SiteConfiguration, embeds: EmbeddedHTML, feedReads: FeedReads = FeedReads(),
                     lastModifiedAt: LastModifiedAtPlugin? = nil, toc: JekyllTOCPlugin? = nil) -> [String: CustomTag] {
        var tags: [String: CustomTag] = [:]
        if config.pluginList.has(FeedPlugin.name) {
            tags["feed_meta"] = FeedPlugin.metaTag(path: FeedPlugin.path(config))
            tags[FeedPlugin.writerTagName] = FeedPlugin.writerTag(reads: feedReads)
        }
        if config.pluginList.has(SitemapPlugin.name) { tags[SitemapPlugin.writerTagName] = SitemapPlugin.writerTag() }
        if config.pluginList.has(SEOTag.name) { tags["seo"] = SEOTag.make() }
        if config.pluginList.has(GistTag.name) { tags["gist"] = GistTag.make(embeds: embeds) }
        if config.pluginList.has(AvatarTag.name) { tags["avatar"] = AvatarTag.make() }
        if let lastModifiedAt { tags["last_modified_at"] = lastModifiedAt.tag() }
        if let toc { tags["toc"] = toc.tag() }
        if config.pluginList.has(GitHubMetadataPlugin.name) { tags["github_edit_link"] = GitHubMetadataPlugin.editLinkTag() }
        let key = config.values["plugins"] == nil && config.values["gems"] != nil ? "gems" : "plugins"
        // `include_cached` is the Liquid engine's own include when the plugin is listed (`IncludeCache`).
        for (tag, plugin) in UnlistedPluginTag.owners where tags[tag] == nil && !(tag == "include_cached" && config.pluginList.has(plugin)) {
            tags[tag] = UnlistedPluginTag.make(tag: tag, plugin: plugin, key: key)
        }
        return tags
    }
}
