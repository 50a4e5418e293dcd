import Diagnostics
import Liquid

/// Front matter and `_config.yml` keys that look like typos of known ones. Known keys are
/// Jekyll's and its common plugins', plus every `page.X`, `post.X` and `site.X` the site's
/// own templates read, so a theme's custom keys are never flagged.
struct FrontMatterKeys: Sendable {
    var pageKeys: Set<String>
    var configKeys: Set<String>

    static let jekyllPageKeys: Set<String> = [
        "layout", "title", "date", "categories", "category", "tags", "tag", "permalink", "published",
        "excerpt", "excerpt_separator", "slug", "description", "author", "authors", "image", "lang",
        "redirect_from", "redirect_to", "last_modified_at", "sitemap", "comments", "toc", "math",
        "render_with_liquid", "hidden", "pagination", "paginate", "seo", "subtitle", "summary", "draft",
        "strip_title",
    ]
    static let jekyllConfigKeys: Set<String> = [
        "title", "description", "author", "url", "baseurl", "permalink", "timezone", "exclude", "include",
        "keep_files", "encoding", "markdown", "highlighter", "excerpt_separator", "future", "drafts",
        "unpublished", "show_drafts", "limit_posts", "paginate", "paginate_path", "pagination", "plugins", "defaults",
        "collections", "collections_dir", "data_dir", "layouts_dir", "includes_dir", "source",
        "destination", "lang", "liquid", "kramdown", "sass", "feed", "archives", "theme", "strict_front_matter",
    ]

    /// Reads `page.`/`post.`/`site.` names out of template texts.
    init(templates: [String]) {
        var page = FrontMatterKeys.jekyllPageKeys
        var site = FrontMatterKeys.jekyllConfigKeys
        for text in templates {
            page.formUnion(FrontMatterKeys.names(after: "page.", in: text))
            page.formUnion(FrontMatterKeys.names(after: "post.", in: text))
            site.formUnion(FrontMatterKeys.names(after: "site.", in: text))
        }
        pageKeys = page
        configKeys = site
    }

    func findings(keys: [String: Int], path: String, isConfig: Bool) -> [Finding] {
        let known = isConfig ? configKeys : pageKeys
        return keys.sorted { $0.value < $1.value }.compactMap { key, line in
            guard !known.contains(key), let suggestion = NameSuggestion.closest(to: key, in: known) else { return nil }
            return Finding(
                .frontMatterTypo, at: SourceLocation(file: path, line: line),
                message: "`\(key)` is not a key Strata or the templates read; a typo?",
                fix: "did you mean `\(suggestion)`?"
            )
        }
    }

    static func names(after prefix: String, in text: String) -> Set<String> {
        var found: Set<String> = []
        let bytes = Array(text.utf8)
        let marker = Array(prefix.utf8)
        var index = 0
        while index + marker.count < bytes.count {
            if bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker),
               index == 0 || !isNameByte(bytes[index - 1]) {
                var end = index + marker.count
                while end < bytes.count, isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: "-") { end += 1 }
                if end > index + marker.count { found.insert(String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self)) }
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
    }
}
