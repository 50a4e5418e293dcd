import Diagnostics
import Foundation
import Liquid

/// Archive pages, as the jekyll-archives plugin makes them: one page per category, tag
/// and location, listing its posts newest first. Turned on by `archives:` in _config.yml:
///
///     archives:
///       layout: archive
///       categories: /categories/:name/
///       tags: /tags/:name/
///       locations: /locations/:name/
///
/// A location's page is named by the post's `location-link` (its title is `location`).
enum Archives {
    struct Kind {
        var key: String
        var type: String
    }

    static let kinds = [Kind(key: "categories", type: "category"), Kind(key: "tags", type: "tag"), Kind(key: "locations", type: "location")]

    /// One synthetic page per archive, with `page.type`, `page.title` and `page.posts`
    /// (`summaries`, in `posts` order: posts' objects without content, as lists show them).
    static func documents(config: SiteConfiguration, posts: [Document], summaries: [Value]) throws(Diagnostic) -> [Document] {
        guard case .object(let settings)? = config.values["archives"] else { return [] }
        let layoutName: String = {
            if case .string(let name)? = settings["layout"] { return name }
            return "archive"
        }()
        var documents: [Document] = []
        // A post listed by several archives (its category, tag and location) shares the one
        // summary `site` lists as a neighbour, where a copy per archive cost a post's object each.
        for kind in kinds {
            guard case .string(let pattern)? = settings[kind.key] else { continue }
            guard pattern.contains(":name") else {
                throw Diagnostic(
                    location: config.location(ofKey: "archives"),
                    message: "archives.\(kind.key) must contain :name, like /\(kind.key)/:name/"
                )
            }
            var order: [String] = []
            var titles: [String: String] = [:]
            var members: [String: [Value]] = [:]
            for (index, post) in posts.enumerated() {
                for (name, title) in names(of: post, kind: kind) {
                    if members[name] == nil { order.append(name); titles[name] = title }
                    members[name, default: []].append(summaries[index])
                }
            }
            for name in order {
                let slug = JekyllSlug.make(name)
                let url = URLPath.clean(pattern.replacingFirstOccurrences(of: ":name", with: URLPath.escapeSegment(slug)))
                let title = titles[name] ?? name
                let frontMatter = ValueObject([
                    ("layout", .string(layoutName)), ("title", .string(title)), ("type", .string(kind.type)),
                    ("name", .string(name)), ("posts", .array(members[name] ?? [])),
                ])
                documents.append(Document(
                    kind: .page, relativePath: "", displayPath: config.path, origin: "the \(kind.type) archive `\(name)` (from \(config.path))",
                    frontMatter: frontMatter, keyLines: ["layout": config.keyLines["archives"] ?? 1, "permalink": config.keyLines["archives"] ?? 1], body: "", bodyFirstLine: 1,
                    date: nil, slug: slug, title: title, categories: [], tags: [], layout: layoutName, isMarkdown: false,
                    url: url, outputPath: URLPath.outputPath(for: url)
                ))
            }
        }
        return documents
    }

    /// The archive names a post belongs to, each with the title its page shows.
    private static func names(of post: Document, kind: Kind) -> [(String, String)] {
        switch kind.type {
        case "category": return post.categories.map { ($0, $0) }
        case "tag": return post.tags.map { ($0, $0) }
        default:
            guard let location = SiteReader.string(post.frontMatter["location"]) else { return [] }
            let link = SiteReader.string(post.frontMatter["location-link"]) ?? location
            return [(link, location)]
        }
    }
}
