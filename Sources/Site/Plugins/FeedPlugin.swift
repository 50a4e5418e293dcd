import Diagnostics
import Foundation
import Liquid

/// jekyll-feed (0.17): Atom feeds of the ten newest documents, each unless the site has a
/// file at its path, and `{% feed_meta %}`. As the gem's generator makes them:
///
/// - posts at `feed.path` (default `/feed.xml`);
/// - one per category listed in `feed.categories` (or `feed.collections.posts.categories`)
///   at `/feed/CATEGORY.xml`;
/// - one per collection in `feed.collections` (a list, or a mapping with `path` and
///   `categories`) at `/feed/COLLECTION.xml`, and `/feed/COLLECTION/CATEGORY.xml`;
/// - with `feed.tags` (`true`, or `only`, `except`, `path`), one per post tag made of
///   letters, digits and `_` at `/feed/by_tag/TAG.xml`;
/// - none in development with `feed.disable_in_development`.
///
/// The feed's XML is written by `FeedWriter`, element for element as the gem's template
/// writes it, so a feed reader sees the same feed.
enum FeedPlugin {
    static let name = "jekyll-feed"

    /// The posts feed's URL path, from `feed.path` (or `feed.collections.posts.path`).
    static func path(_ config: SiteConfiguration) -> String {
        let settings = FeedSettings(config)
        // The gem's `normalize_posts_meta` copies the posts collection's path to `feed.path`.
        if let path = settings.path ?? settings.collections.first(where: { $0.name == "posts" })?.path {
            return path.hasPrefix("/") ? path : "/" + path
        }
        return "/feed.xml"
    }

    /// Every feed page, in the gem's order: each collection's feeds by category then its
    /// own, then the tag feeds.
    static func documents(_ config: SiteConfiguration, layout: SiteFolders, content: SiteContent) -> [Document] {
        let settings = FeedSettings(config)
        if settings.disableInDevelopment, config.environment == "development" { return [] }
        let xsl = exists("feed.xslt.xml", layout: layout)
        var pages: [Document] = []
        func add(_ url: String, collection: String = "posts", category: String? = nil, tags: String? = nil) {
            let url = url.hasPrefix("/") ? url : "/" + url
            guard !exists(String(url.dropFirst()), layout: layout) else { return }
            let frontMatter = ValueObject([
                ("layout", .null), ("sitemap", .bool(false)), ("xsl", .bool(xsl)), ("collection", .string(collection)),
                ("category", category.map(Value.string) ?? .null), ("tags", tags.map(Value.string) ?? .null),
            ])
            pages.append(Document(
                kind: .page, relativePath: "", displayPath: "(jekyll-feed)", origin: "a feed of jekyll-feed (from \(config.path))",
                frontMatter: frontMatter, keyLines: [:], body: template, bodyFirstLine: 1, date: nil,
                slug: RelativePath.removingExtension(RelativePath.lastComponent(url)), title: "",
                categories: [], tags: [], layout: nil, isMarkdown: false, url: url, outputPath: URLPath.outputPath(for: url, outputExtension: ".xml")
            ))
        }
        for collection in settings.collections {
            let prefix = collection.name == "posts" ? "/feed" : "/feed/\(collection.name)"
            for category in collection.categories {
                add("\(prefix)/\(category).xml", collection: collection.name, category: category)
            }
            add(collection.path ?? "\(prefix).xml", collection: collection.name)
        }
        if let tags = settings.tags {
            var seen = Set<String>()
            var postTags: [String] = []
            // `site.tags` keys, in the order posts (oldest first) name them.
            let posts = content.documents.filter { $0.kind == .post }.sorted { SiteBuilder.newestFirst($1, $0) }
            for post in posts { for tag in post.tags where seen.insert(tag).inserted { postTags.append(tag) } }
            if !postTags.isEmpty {
                for tag in (tags.only ?? postTags) where !tags.except.contains(tag) {
                    // The gem keeps feed paths simple: letters, digits and `_` only.
                    guard !tag.isEmpty, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { continue }
                    add("\(tags.path)\(tag).xml", tags: tag)
                }
            }
        }
        return pages
    }

    /// `feed.posts_limit`, checked before anything renders: the gem's template hands it to a
    /// `for` loop's `limit:`, which takes a whole number or a string of one. Anything else
    /// is one error at the key's line, not `invalid integer` at a generated page.
    static func checkSettings(_ config: SiteConfiguration) throws(Diagnostic) {
        guard config.pluginList.has(name), case .object(let feed)? = config.values["feed"] else { return }
        switch feed["posts_limit"] {
        case nil, .null?, .int?: return
        case .string(let text)? where Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) != nil: return
        case let other?:
            throw Diagnostic(location: config.location(of: "posts_limit", below: "feed"),
                             message: "`feed.posts_limit` must be a whole number; it is `\(other.liquidString)`")
        }
    }

    /// Jekyll's `File.exist?(site.in_source_dir(path))`.
    private static func exists(_ relative: String, layout: SiteFolders) -> Bool {
        FileManager.default.fileExists(atPath: layout.content.appendingPathComponent(relative).path)
    }

    /// `{% feed_meta %}`: the `<link rel="alternate">` for the feed, attributes quoted and
    /// escaped as Ruby's `encode(xml: :attr)` does.
    static func metaTag(path: String) -> CustomTag {
        CustomTag(name: "feed_meta") { (_: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            let href = try context.evaluate("'\(path)' | absolute_url")
            var attributes = [("type", "application/atom+xml"), ("rel", "alternate"), ("href", SiteTagText.string(href))]
            let title = context.variable("site.title") ?? context.variable("site.name")
            if let title { attributes.append(("title", SiteTagText.string(title))) }
            return "<link " + attributes.map { "\($0.0)=\"\(HTMLEscaping.escape($0.1))\"" }.joined(separator: " ") + " />"
        }
    }

    /// The tag a feed page's body calls: the feed is written by `FeedWriter`, in Swift,
    /// from the Liquid context the page is rendered in.
    static let writerTagName = "jekyll_feed"

    /// What a feed page holds: one call of the writer's tag.
    static let template = "{% \(writerTagName) %}"

    /// The writer's tag; each feed it writes tells `reads` which documents it showed.
    static func writerTag(reads: FeedReads) -> CustomTag {
        CustomTag(name: writerTagName) { (_: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            var shown: [Value] = []
            let xml = try FeedWriter(context: context).xml(shown: &shown)
            if case .string(let page)? = context.variable("page.url") {
                reads.record(page: page, shown: shown.compactMap { if case .object(let item) = $0, case .string(let url)? = item["url"] { url } else { nil } })
            }
            return xml
        }
    }
}

/// The documents (by URL) each feed of one render showed, by the feed page's URL. A feed
/// shows the content of its newest `posts_limit` posts only, chosen by their front matter:
/// an edit to another post's text cannot change it (`PostContentUsage.Readers.feedPages`).
final class FeedReads: @unchecked Sendable {
    private let lock = NSLock()
    private var shown: [String: Set<String>] = [:]

    func record(page: String, shown urls: [String]) {
        lock.lock()
        defer { lock.unlock() }
        shown[page] = Set(urls)
    }

    /// What the feed at `page` (its URL) showed when last written; nil for a page that wrote no feed.
    func shown(page: String) -> Set<String>? {
        lock.lock()
        defer { lock.unlock() }
        return shown[page]
    }
}

/// `feed:` in `_config.yml`, read as jekyll-feed's generator reads it.
struct FeedSettings {
    struct Collection {
        var name: String
        var path: String?
        var categories: [String]
    }

    struct Tags {
        var only: [String]?
        var except: [String]
        var path: String
    }

    var path: String?
    var collections: [Collection]
    var tags: Tags?
    var disableInDevelopment: Bool

    init(_ config: SiteConfiguration) {
        var feed = ValueObject()
        if case .object(let settings)? = config.values["feed"] { feed = settings }
        func strings(_ value: Value?) -> [String] {
            switch value {
            case .array(let items)?: return items.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
            case .string(let text)?: return [text]
            default: return []
            }
        }
        func string(_ value: Value?) -> String? { if case .string(let text)? = value { return text } else { return nil } }
        path = string(feed["path"])
        var collections: [Collection] = []
        switch feed["collections"] {
        case .array(let names)?:
            for case .string(let name) in names { collections.append(Collection(name: name, path: nil, categories: [])) }
        case .object(let named)?:
            for (name, meta) in named.pairs {
                var settings = ValueObject()
                if case .object(let given) = meta { settings = given }
                collections.append(Collection(name: name, path: string(settings["path"]), categories: strings(settings["categories"])))
            }
        default: break
        }
        // `normalize_posts_meta`: posts always have a feed; the top-level keys fill in theirs.
        if let index = collections.firstIndex(where: { $0.name == "posts" }) {
            if collections[index].path == nil { collections[index].path = path }
            if collections[index].categories.isEmpty { collections[index].categories = strings(feed["categories"]) }
        } else {
            collections.append(Collection(name: "posts", path: path, categories: strings(feed["categories"])))
        }
        // A category listed twice makes one feed (the gem keeps a set).
        for index in collections.indices {
            var seen = Set<String>()
            collections[index].categories = collections[index].categories.filter { seen.insert($0).inserted }
        }
        self.collections = collections
        switch feed["tags"] {
        case nil, .null?, .bool(false)?:
            tags = nil
        case .object(let settings)?:
            tags = Tags(only: settings["only"] == nil ? nil : strings(settings["only"]), except: strings(settings["except"]), path: string(settings["path"]) ?? "/feed/by_tag/")
        default:
            tags = Tags(only: nil, except: [], path: "/feed/by_tag/")
        }
        disableInDevelopment = feed["disable_in_development"].map { $0 != .null && $0 != .bool(false) } ?? false
    }
}

/// Text of a Liquid value as a tag writes it.
enum SiteTagText {
    static func string(_ value: Value) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .null: return ""
        default: return "\(value)"
        }
    }
}
