import Diagnostics
import Foundation
import Liquid

extension PaginateV2Plugin {
    /// jekyll-paginate-v2's AutoPages: with `autopages: {enabled: true}`, one page per tag,
    /// category and collection found in any document (hidden ones too, as the gem indexes
    /// them), per layout listed, made from that layout file as the gem's `BaseAutoPage`
    /// makes it: the layout's front matter and text, `layout:` itself, `permalink` and
    /// `title` with `:tag`/`:cat`/`:coll` replaced by the slugified name, and a `pagination:`
    /// (the site's, merged with the layout's own) filtering on that name. With pagination
    /// enabled these are templates like any other (`paginate`), whose pages carry no text of
    /// their own and `page.autopages.display_name`, the name as first written.
    enum AutoPages {
        /// The gem's `AutoPages::DEFAULT`.
        static let defaults: ValueObject = {
            func kind(_ layout: String, _ title: String, _ permalink: String) -> Value {
                .object(ValueObject([
                    ("layouts", .array([.string(layout)])), ("title", .string(title)), ("permalink", .string(permalink)),
                    ("enabled", .bool(true)), ("slugify", .object(ValueObject([("mode", .string("none")), ("cased", .bool(false))]))),
                ]))
            }
            return ValueObject([
                ("enabled", .bool(false)),
                ("tags", kind("autopage_tags.html", "Posts tagged with :tag", "/tag/:tag")),
                ("categories", kind("autopage_category.html", "Posts in category :cat", "/category/:cat")),
                ("collections", kind("autopage_collection.html", "Posts in collection :coll", "/collection/:coll")),
            ])
        }()

        /// The autopages to add after the site's own pages, in the gem's order: tags, then
        /// categories, then collections, each name where it is first met (posts oldest first,
        /// then each collection in order), each name's pages in the order of `layouts`.
        static func templates(config: SiteConfiguration, posts: [Document], collectionDocuments: [Document], layouts: [String: Layout]) throws(Diagnostic) -> [Document] {
            guard config.pluginList.has(PaginateV2Plugin.name) else { return [] }
            let own: ValueObject
            switch config.values["autopages"] {
            case nil, .null?: return []
            case .object(let object)?: own = object
            case let other?:
                throw Diagnostic(location: config.location(ofKey: "autopages"),
                                 message: "jekyll-paginate-v2: `autopages:` must be a mapping such as `enabled: true`; it is `\(other.liquidString)`")
            }
            let settings = FrontMatterDefaults.deepMerge(defaults, own)
            guard settings["enabled"]?.isTruthy == true else { return [] }
            let pagination = FrontMatterDefaults.deepMerge(PaginateV2Settings.defaults, try PaginateV2Plugin.checkConfiguration(config))
            // The gem's `collect_all_docs`: every collection's documents without a `pagination` key.
            let documents = (Array(posts.reversed()) + collectionDocuments).filter { $0.frontMatter["pagination"] == nil }
            var made: [Document] = []
            let kinds: [(key: String, macro: String, filter: String, names: (Document) -> [String])] = [
                ("tags", ":tag", "tag", { $0.tags }),
                ("categories", ":cat", "category", { $0.categories }),
                ("collections", ":coll", "collection", { [$0.collection ?? "posts"] }),
            ]
            for kind in kinds {
                guard case .object(let sub)? = settings[kind.key], sub["enabled"]?.isTruthy == true else { continue }
                let layoutNames: [String]
                switch sub["layouts"] {
                case .array(let items)? where items.allSatisfy({ if case .string = $0 { return true } else { return false } }):
                    layoutNames = items.map(\.liquidString)
                case let other:
                    throw Diagnostic(location: config.location(of: "layouts:", below: "autopages"),
                                     message: "jekyll-paginate-v2: `autopages.\(kind.key).layouts` must list layout file names such as autopage_tags.html; it is `\(other?.liquidString ?? "")`")
                }
                for (name, display) in index(documents, names: kind.names) {
                    for layoutName in layoutNames {
                        made.append(try template(
                            name: name, display: display, layoutName: layoutName, kind: kind, autopages: sub,
                            pagination: pagination, layouts: layouts, config: config
                        ))
                    }
                }
            }
            return made
        }

        /// The gem's `ap_index_posts_by`: each name split at `;` and `,`, keyed lower-cased and
        /// trimmed, shown as first written; in first-seen order.
        static func index(_ documents: [Document], names: (Document) -> [String]) -> [(name: String, display: String)] {
            var seen = Set<String>()
            var order: [(name: String, display: String)] = []
            for document in documents {
                for item in names(document) {
                    let trimmed = item.trimmingCharacters(in: .whitespacesAndNewlines)
                    for raw in PaginateV2Settings.rubySplit(trimmed, separators: ";,") {
                        let key = PaginateV2Settings.key(raw)
                        if seen.insert(key).inserted { order.append((key, raw)) }
                    }
                }
            }
            return order
        }

        private static func template(
            name: String, display: String, layoutName: String, kind: (key: String, macro: String, filter: String, names: (Document) -> [String]),
            autopages sub: ValueObject, pagination: ValueObject, layouts: [String: Layout], config: SiteConfiguration
        ) throws(Diagnostic) -> Document {
            let layoutKey = RelativePath.removingExtension(layoutName)
            guard let layout = layouts[layoutKey] else {
                throw Diagnostic(location: config.location(ofKey: "autopages"),
                                 message: "jekyll-paginate-v2: the \(kind.key) autopages need the layout `_layouts/\(layoutName)`, which the site does not have; add it or set `autopages.\(kind.key).layouts`")
            }
            func object(_ value: Value?) -> ValueObject {
                if case .object(let object)? = value { return object }
                return ValueObject()
            }
            var paginationSettings = FrontMatterDefaults.deepMerge(pagination, object(layout.frontMatter["pagination"]))
            let settings = FrontMatterDefaults.deepMerge(sub, object(layout.frontMatter["autopages"]))
            paginationSettings[kind.filter] = .string(name)
            // The slugify settings are the site's for this kind (the gem reads them before the layout's).
            let slugify = object(sub["slugify"])
            let mode: String? = {
                if case .string(let text)? = slugify["mode"] { return text }
                return nil
            }()
            let slug = JekyllSlug.make(name, mode: mode, cased: slugify["cased"]?.isTruthy ?? false)
            func pattern(_ key: String) throws(Diagnostic) -> String {
                guard case .string(let text)? = settings[key] else {
                    throw Diagnostic(location: config.location(of: "\(key):", below: "autopages"),
                                     message: "jekyll-paginate-v2: `autopages.\(kind.key).\(key)` must be text such as \(key == "title" ? "Posts tagged with :tag" : "/tag/:tag")")
                }
                return text.replacingFirstOccurrences(of: kind.macro, with: slug)
            }
            let permalink = try pattern("permalink")
            let title = try pattern("title")
            let url = PaginateV2Plugin.fileJoin(permalink, "index.html")
            var frontMatter = layout.frontMatter
            frontMatter["permalink"] = .string(permalink)
            frontMatter["layout"] = .string(layoutKey)
            frontMatter["title"] = .string(title)
            frontMatter["pagination"] = .object(paginationSettings)
            frontMatter["autopage"] = .object(ValueObject([("layout_path", .string("_layouts/" + layoutName)), ("display_name", .string(display))]))
            return Document(
                kind: .page, relativePath: String(url.drop(while: { $0 == "/" })), displayPath: layout.displayPath,
                origin: "the \(kind.filter) page for `\(display)` (jekyll-paginate-v2 autopages, from \(layout.displayPath))",
                frontMatter: frontMatter, keyLines: ["pagination": 2, "layout": 2],
                body: layout.body, bodyFirstLine: layout.bodyFirstLine, date: nil, slug: slug, title: title, categories: [], tags: [],
                layout: layoutKey, isMarkdown: false, url: url, outputPath: URLPath.outputPath(for: url)
            )
        }
    }
}
