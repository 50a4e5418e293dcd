import Liquid

/// The tags of built-in plugins the site does not list in `plugins:`. Jekyll stops at such a
/// tag with `Unknown tag 'seo'`, which leaves a newcomer guessing (minima's and the GitHub
/// Pages themes' demos load theirs through a Gemfile, which Strata does not read); Strata
/// stops there too, but its message names the plugin and the line to add.
enum UnlistedPluginTag {
    /// Each tag a built-in plugin adds, with that plugin's gem name.
    static let owners: [String: String] = [
        "seo": SEOTag.name,
        "feed_meta": FeedPlugin.name,
        "gist": GistTag.name,
        "avatar": AvatarTag.name,
        "include_cached": "jekyll-include-cache",
        "last_modified_at": LastModifiedAtPlugin.name,
        "toc": JekyllTOCPlugin.name,
        "github_edit_link": GitHubMetadataPlugin.name,
    ]

    /// A tag that fails where it is used: "`seo` is jekyll-seo-tag's tag, which this site does
    /// not switch on". `key` is the configuration key plugins are listed under.
    static func make(tag: String, plugin: String, key: String) -> CustomTag {
        CustomTag(name: tag) { (invocation: CustomTagInvocation, _: TagContext) throws(LiquidError) -> String in
            throw LiquidError(
                file: invocation.file, line: invocation.line, column: invocation.column,
                message: "unknown tag `\(tag)`: it is the plugin \(plugin)'s, which Strata has built in but this site does not list; "
                    + "add `- \(plugin)` under `\(key):` in _config.yml (Strata does not read a Gemfile)"
            )
        }
    }
}
