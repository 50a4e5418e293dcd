import Foundation
import Liquid

/// The parts of Jekyll's `site` that come from the content model rather than from posts:
/// `site.data`, `site.COLLECTION`, `site.collections`, `site.documents`,
/// `site.static_files` and `site.html_pages`. Computed once per build; `add` only links
/// arrays already built (values are copy-on-write), so it costs nothing per post.
struct SiteContentVariables: Sendable {
    var data = ValueObject()
    /// Each collection other than posts: its settings and its documents' `page` objects
    /// (without content) in the collection's order, and its static files.
    var collections: [(settings: CollectionSettings, documents: [Value], files: [Value])] = []
    var staticFiles: [Value] = []
    var htmlPages: [Value] = []

    init() {}

    init(content: SiteContent, pages: [Value], pageDocuments: [Document], collectionDocuments: [Document], config: SiteConfiguration, variables: PageVariables) {
        data = content.data
        let files = content.staticFiles.map { SiteContentVariables.staticFile($0, layout: content) }
        staticFiles = files
        collections = config.collections.map { settings in
            let members = collectionDocuments.filter { $0.collection == settings.label }
            let memberFiles = zip(content.staticFiles, files).filter { $0.0.collection == settings.label }.map(\.1)
            return (settings, members.map { .object(variables.page($0)) }, memberFiles)
        }
        htmlPages = zip(pageDocuments, pages).filter { $0.0.outputPath.hasSuffix(".html") }.map(\.1)
    }

    /// Collection objects in Ruby's `sort_by(&:label)` order: byte order of the labels.
    static func sortedByLabel(_ collections: [Value]) -> [Value] {
        func label(_ value: Value) -> String {
            if case .object(let object) = value, case .string(let text)? = object["label"] { return text }
            return ""
        }
        return collections.sorted { label($0).utf8.lexicographicallyPrecedes(label($1).utf8) }
    }

    /// Jekyll's `StaticFile#to_liquid`: `path` from the source root, `name`, `basename`,
    /// `extname`, `modified_time`, `collection`.
    static func staticFile(_ file: StaticFile, layout: SiteContent) -> Value {
        let name = file.source.lastPathComponent
        let ext = file.source.pathExtension.isEmpty ? "" : "." + file.source.pathExtension
        var object = ValueObject()
        object["path"] = .string("/" + file.outputPath)
        object["name"] = .string(name)
        object["basename"] = .string(String(name.dropLast(ext.count)))
        object["extname"] = .string(ext)
        object["collection"] = file.collection.map(Value.string) ?? .null
        if let modified = (try? FileManager.default.attributesOfItem(atPath: file.source.path))?[.modificationDate] as? Date {
            object["modified_time"] = .date(LiquidDate(instant: modified, utcOffset: 0, zoneName: "UTC", isUTC: true))
        }
        return .object(object)
    }

    /// Adds the fields to `site`; `posts` are newest first, as in `site.posts`.
    func add(to site: inout ValueObject, posts: [ValueObject]) {
        site["data"] = .object(data)
        site["static_files"] = .array(staticFiles)
        site["html_pages"] = .array(htmlPages)
        let postsAscending = posts.reversed().map(Value.object)
        var documents = postsAscending
        var collectionObjects: [Value] = [.object(ValueObject([
            ("label", .string("posts")), ("docs", .array(postsAscending)), ("files", .array([])),
            ("output", .bool(true)), ("relative_directory", .string("_posts")), ("permalink", .string(Permalink(config: site).pattern)),
        ]))]
        for (settings, members, files) in collections {
            // A collection named like a built-in key (`posts`, `pages`) does not replace it.
            if site[settings.label] == nil { site[settings.label] = .array(members) }
            // Jekyll's `site.documents` holds collections' static files too.
            documents += members + files
            var object = settings.metadata
            object["label"] = .string(settings.label)
            object["docs"] = .array(members)
            object["files"] = .array(files)
            object["output"] = .bool(settings.output)
            object["relative_directory"] = .string("_" + settings.label)
            object["permalink"] = .string(settings.permalink)
            collectionObjects.append(.object(object))
        }
        site["documents"] = .array(documents)
        // Jekyll's SiteDrop sorts `site.collections` by label (jekyll-sitemap lists
        // documents in that order); `site.documents` keeps the configuration's order.
        site["collections"] = .array(SiteContentVariables.sortedByLabel(collectionObjects))
    }
}

private extension Permalink {
    init(config site: ValueObject) {
        if case .string(let text)? = site["permalink"] { self.init(text) } else { self.init("date") }
    }
}
