import Diagnostics
import Foundation
import Liquid

/// jekyll-paginate-v2 (3.0), the generator: with `pagination: {enabled: true}` in
/// `_config.yml`, every page whose front matter has `pagination: {enabled: true}` is a
/// template, replaced by pages 1…N that each get a `paginator`, as the gem's
/// `PaginationModel#paginate` makes them: the documents of the chosen collections (not
/// `hidden`, without a `pagination` key of their own), filtered by `category`, `tag` and
/// `locale`, sorted by `sort_field`, `offset` dropped, cut into `per_page`, at most
/// `limit` pages. The pages are named as the gem names them (`.html`, or `indexpage` +
/// `extension`), so a Markdown template is not converted, as in Jekyll.
///
/// The gem's legacy mode (`paginate:` in the configuration) expired on 2018-01-01 and
/// stops a Jekyll build; it is the same error here, located at `paginate:`.
enum PaginateV2Plugin {
    static let name = "jekyll-paginate-v2"

    /// The pages with pagination applied: templates removed and their pages appended, in
    /// template order, as the gem's `page_remove_lambda` and `site.pages <<` leave
    /// `site.pages`. `posts` are newest first; `collectionDocuments` in each collection's order.
    /// `root` is the site folder, read to locate a bad value inside a page's `pagination:`.
    /// `warnings` gets what Jekyll builds without a word but is likely a mistake (a
    /// `sort_field` no paginated document has).
    static func paginate(_ pages: [Document], posts: [Document], collectionDocuments: [Document], config: SiteConfiguration, root: URL,
                         warnings: inout [Diagnostic]) throws(DiagnosticList) -> [Document] {
        guard config.pluginList.has(name) else { return pages }
        let siteSettings: ValueObject
        do throws(Diagnostic) {
            siteSettings = try checkConfiguration(config)
        } catch {
            throw DiagnosticList([error])
        }
        let siteMerged = FrontMatterDefaults.deepMerge(PaginateV2Settings.defaults, siteSettings)
        guard siteMerged["enabled"]?.isTruthy == true else { return pages }
        // A bad site-wide value is reported at its line of `_config.yml`, not at whichever
        // template (or autopage layout) first inherits it.
        do throws(Diagnostic) {
            _ = try PaginateV2Settings(siteMerged) { key in config.location(of: (key.split(separator: ".").last.map(String.init) ?? key) + ":", below: "pagination") }
        } catch {
            throw DiagnosticList([error])
        }
        let templates = pages.indices.filter { index in
            guard case .object(let own)? = pages[index].frontMatter["pagination"] else { return false }
            return own["enabled"]?.isTruthy == true
        }
        guard !templates.isEmpty else { return pages }
        let sources = DocumentSources(posts: posts, collectionDocuments: collectionDocuments)
        var made: [Document] = []
        var removed = Set<Int>()
        var errors: [Diagnostic] = []
        var found: [Diagnostic] = []
        for index in templates {
            let template = pages[index]
            guard case .object(let own)? = template.frontMatter["pagination"] else { continue }
            do throws(Diagnostic) {
                // `own` enables the template (`templates`), and it wins the merge.
                let merged = FrontMatterDefaults.deepMerge(siteMerged, own)
                // What the page itself sets: a value equal to the site's is blamed on `_config.yml`
                // (an autopage carries the site's settings merged into its own, as the gem's does).
                let written = ValueObject(own.pairs.filter { siteMerged[$0.key] != $0.value }.map { ($0.key, $0.value) })
                let settings = try PaginateV2Settings(merged) { key in
                    locate(key, own: written, template: template, config: config, root: root)
                }
                // The gem filters on `category`, `tag` and `locale` only; a plural is read by
                // nothing. The site's own is told once, after the loop.
                for (plural, singular) in pluralKeys where written[plural] != nil {
                    found.append(pluralWarning(plural, singular, at: locate(plural, own: written, template: template, config: config, root: root)))
                }
                let documents = try select(sources.documents(in: settings.collections), settings: settings, warnings: &found) { key in
                    locate(key, own: written, template: template, config: config, root: root)
                }
                removed.insert(index)
                made += self.pages(of: template, documents: documents, settings: settings, siteTitle: config.values["title"])
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        for (plural, singular) in pluralKeys where siteSettings[plural] != nil {
            found.append(pluralWarning(plural, singular, at: config.location(of: plural + ":", below: "pagination")))
        }
        // A site-wide setting reaches every template (one per tag with AutoPages): each warning once.
        var told = Set<String>()
        for warning in found where told.insert("\(warning.location.map(String.init(describing:)) ?? "")\u{0}\(warning.message)").inserted {
            warnings.append(warning)
        }
        return pages.indices.filter { !removed.contains($0) }.map { pages[$0] } + made
    }

    private static let pluralKeys = [("categories", "category"), ("tags", "tag")]

    private static func pluralWarning(_ plural: String, _ singular: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, location: location,
                   message: "jekyll-paginate-v2 reads `pagination.\(singular)` (a name or a list), not `\(plural)`, which filters nothing here as in Jekyll")
    }

    /// The site's `pagination:` mapping (empty when absent). The gem's legacy mode
    /// (`paginate:`) raises in every build since 2018, and both keys together raise too.
    static func checkConfiguration(_ config: SiteConfiguration) throws(Diagnostic) -> ValueObject {
        if let legacy = config.values["paginate"], legacy != .null {
            let both = config.values["pagination"] != nil && config.values["pagination"] != .null
            throw Diagnostic(
                location: config.location(ofKey: "paginate"),
                message: both
                    ? "jekyll-paginate-v2 cannot read `paginate:` and `pagination:` together; remove `paginate:` (and `paginate_path:`)"
                    : "jekyll-paginate-v2 no longer reads jekyll-paginate's `paginate:` (its compatibility mode ended on 2018-01-01 and Jekyll stops here too); write `pagination:` with `enabled: true` and `per_page: \(legacy.liquidString)`, and `pagination: {enabled: true}` in the front matter of the page to paginate"
            )
        }
        switch config.values["pagination"] {
        case nil, .null?: return ValueObject()
        case .object(let settings)?: return settings
        case let other?:
            throw Diagnostic(location: config.location(ofKey: "pagination"),
                             message: "jekyll-paginate-v2: `pagination:` must be a mapping such as `enabled: true` and `per_page: 10`; it is `\(other.liquidString)`")
        }
    }

    /// The documents one template paginates, in order: the gem's filters, sort and offset.
    static func select(_ candidates: [Candidate], settings: PaginateV2Settings, warnings: inout [Diagnostic],
                       locate: (String) -> SourceLocation) throws(Diagnostic) -> [Document] {
        var kept = candidates
        let filters: [(names: [String]?, isCategory: Bool, of: KeyPath<Candidate, Set<String>>)] = [
            (settings.category, true, \.categories), (settings.tag, false, \.tags), (settings.locale, false, \.locales),
        ]
        for (wanted, isCategory, keys) in filters {
            guard let wanted, !wanted.isEmpty else { continue }
            // The gem files every document under the category `posts` too.
            kept = kept.filter { candidate in
                wanted.allSatisfy { candidate[keyPath: keys].contains($0) || (isCategory && $0 == "posts") }
            }
        }
        let documents = kept.map(\.document)
        guard let field = settings.sortField else { return documents }
        let values = documents.map { sortValue($0, field: field) }
        let kinds = Set(values.compactMap { $0?.kind })
        let name = settings.sortFieldText ?? field.joined(separator: ":")
        // Jekyll builds such a page without a word, its documents unsorted: a warning, not an
        // error (the gem's own example 03 sorts by `book:ISBN13`, which its lower-casing never finds).
        if kinds.isEmpty, !documents.isEmpty, field != ["date"] {
            let hint: String
            if documents.contains(where: { sortValue($0, field: field, ignoringCase: true) != nil }) {
                hint = "the gem looks each name up lower-cased (`\(field.joined(separator: ":"))`), so front matter keys with capitals are never found; rename them"
            } else {
                var fields: Set<String> = ["date", "title", "slug", "categories", "tags"]
                for document in documents { fields.formUnion(document.frontMatter.keys) }
                hint = NameSuggestion.closest(to: field[0], in: fields).map { "did you mean `\($0)`?" } ?? "check its spelling"
            }
            warnings.append(Diagnostic(.warning, location: locate("sort_field"),
                                       message: "jekyll-paginate-v2: `pagination.sort_field`: none of the \(documents.count) documents paginated here has `\(name)`, so they are left unsorted, as Jekyll leaves them; \(hint)"))
        }
        if kinds.count > 1 || kinds.contains(.other) {
            throw Diagnostic(location: locate("sort_field"),
                             message: "jekyll-paginate-v2: `pagination.sort_field`: `\(name)` holds values that cannot be ordered together (text, numbers and dates each sort only among their own kind; Jekyll stops with a comparison error)")
        }
        // Documents without the field come first, as the gem's `sort_values` puts nil first;
        // ties keep the collection's order (Ruby's sort leaves them in no defined order).
        var order = Array(documents.indices)
        order.sort { left, right in
            let result = SortKey.compare(values[left], values[right])
            return result != 0 ? result < 0 : left < right
        }
        var sorted = order.map { documents[$0] }
        // The gem pops `offset` documents off the end of the ascending order, before reversing.
        sorted.removeLast(min(settings.offset, sorted.count))
        if settings.sortReverse { sorted.reverse() }
        return sorted
    }

    /// The gem's `index_posts_by` keys of one document: each name lower-cased and trimmed,
    /// and split again at `;` and `,`.
    static func indexKeys(_ names: [Value]) -> [String] {
        names.flatMap { name in
            PaginateV2Settings.rubySplit(PaginateV2Settings.key(name.liquidString), separators: ";,").map(PaginateV2Settings.key)
        }
    }

    /// A sort value, the gem's `sort_get_post_data`: the field in the document's data (front
    /// matter with Jekyll's `date`, `title`, `slug`, `categories` and `tags`), then each
    /// further `:`-separated key inside it; nil when missing or a mapping.
    /// `ignoringCase` finds keys written with capitals, for the warning about them only.
    static func sortValue(_ document: Document, field: [String], ignoringCase: Bool = false) -> SortKey? {
        guard let first = field.first else { return nil }
        var value: Value?
        switch first {
        case "date":
            // Jekyll dates an undated document with the build time: after every dated one.
            value = .date(LiquidDate(instant: document.date ?? .distantFuture, utcOffset: 0, zoneName: nil))
        case "title" where document.kind != .page: value = .string(document.title)
        case "slug": value = .string(document.slug)
        case "categories" where document.kind != .page: value = .array(document.categories.map(Value.string))
        case "tags" where document.kind != .page: value = .array(document.tags.map(Value.string))
        default: value = lookup(document.frontMatter, first, ignoringCase: ignoringCase)
        }
        for key in field.dropFirst() {
            guard case .object(let object)? = value else { return nil }
            value = lookup(object, key, ignoringCase: ignoringCase)
        }
        return value.flatMap(SortKey.init)
    }

    private static func lookup(_ object: ValueObject, _ key: String, ignoringCase: Bool) -> Value? {
        if let value = object[key] { return value }
        guard ignoringCase else { return nil }
        return object.keys.first { $0.lowercased() == key }.flatMap { object[$0] }
    }

    /// A sort value as the gem's `sort_values` compares it: text without case, numbers, dates.
    enum SortKey {
        case text(String)
        case number(Double)
        case date(Date)
        case other

        enum Kind { case text, number, date, other }

        init?(_ value: Value) {
            switch value {
            case .null: return nil
            case .object: return nil
            case .string(let text): self = .text(text.lowercased())
            case .int(let number): self = .number(Double(number))
            case .double(let number): self = .number(number)
            case .date(let date): self = .date(date.instant)
            default: self = .other
            }
        }

        var kind: Kind {
            switch self {
            case .text: return .text
            case .number: return .number
            case .date: return .date
            case .other: return .other
            }
        }

        /// -1, 0 or 1; nil before everything, values of one kind (checked before sorting).
        static func compare(_ left: SortKey?, _ right: SortKey?) -> Int {
            switch (left, right) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (.text(let a)?, .text(let b)?): return a == b ? 0 : (a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1)
            case (.number(let a)?, .number(let b)?): return a == b ? 0 : (a < b ? -1 : 1)
            case (.date(let a)?, .date(let b)?): return a == b ? 0 : (a < b ? -1 : 1)
            default: return 0
            }
        }
    }

    /// The pages one template becomes: the gem's loop over `1..total_pages`.
    static func pages(of template: Document, documents: [Document], settings: PaginateV2Settings, siteTitle: Value?) -> [Document] {
        var total = Int((Double(documents.count) / Double(settings.perPage)).rounded(.up))
        if settings.limit > 0, settings.limit < total { total = settings.limit }
        total = max(total, 1)
        // The first page's folder: the template's `permalink`, else its `dir`, with a trailing slash.
        let permalink = template.frontMatter["permalink"].flatMap { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        }
        var firstURL = permalink ?? folderURL(of: template.url)
        if !firstURL.hasSuffix("/") { firstURL += "/" }
        let pagedURL = fileJoin(firstURL, settings.permalink)
        let templateTitle: String? = {
            // Ruby's `if !template.data['title']`: a null or false title takes the site's.
            let own = template.frontMatter["title"].flatMap { $0.isTruthy ? $0 : nil }
            switch own ?? siteTitle {
            case nil, .null?: return nil
            case let value?: return value.liquidString
            }
        }()
        let paths = documents.map(\.relativePath)
        var pagers = (1...total).map { number in
            Pager(page: number, totalPages: total, settings: settings, firstURL: firstURL, pagedURL: pagedURL, documents: paths)
        }
        let titles: [String?] = (1...total).map { number in
            guard number > 1, let pattern = settings.title else { return templateTitle }
            return Pager.format(pattern.replacingFirstOccurrences(of: ":title", with: templateTitle ?? ""), number, total)
        }
        if let trails = trails(pages: zip(pagers, titles).map { ($0.pagePath, $1) }, before: settings.trailBefore, after: settings.trailAfter) {
            for index in pagers.indices { pagers[index].trail = trails[index] }
        }
        let name = settings.indexName + settings.indexExtension
        return pagers.indices.map { index in
            let pager = pagers[index]
            var page = template
            page.pagination = PaginatePlugin.Position(number: pager.page, total: total, pager: pager)
            // An autopage's pages show only their layout (the gem copies no content), and the
            // name as first written as `page.autopages.display_name`.
            if case .object(let autopage)? = template.frontMatter["autopage"] {
                page.body = ""
                if autopage["display_name"] != nil { page.frontMatter["autopages"] = .object(autopage) }
            }
            if pager.pagePath.hasSuffix("/") {
                page.url = fileJoin(pager.pagePath, name)
            } else if pager.pagePath.hasSuffix(settings.indexExtension) {
                page.url = pager.pagePath
            } else {
                page.url = pager.pagePath + settings.indexExtension
            }
            page.outputPath = URLPath.outputPath(for: page.url, outputExtension: settings.indexExtension.isEmpty ? ".html" : settings.indexExtension)
            // Named `.html` (or `indexpage` + `extension`), the page goes through the converter
            // of that name: Markdown only for a Markdown extension.
            page.isMarkdown = settings.indexExtension.hasPrefix(".") && SiteReader.markdownExtensions.contains(String(settings.indexExtension.dropFirst()).lowercased())
            if let title = titles[index] {
                page.title = title
                page.frontMatter["title"] = .string(title)
            }
            if permalink != nil { page.frontMatter["permalink"] = .string(pager.pagePath) }
            if pager.page > 1 {
                page.frontMatter["autogen"] = .string("jekyll-paginate-v2")
                page.origin = "page \(pager.page) of \(template.displayPath), made by jekyll-paginate-v2"
            }
            page.frontMatter["pagination_info"] = .object(ValueObject([("curr_page", .int(pager.page)), ("total_pages", .int(total))]))
            return page
        }
    }

    /// Jekyll's `Page#dir`: the URL itself when it ends in `/`, else its folder with a slash.
    static func folderURL(of url: String) -> String {
        if url.hasSuffix("/") { return url }
        let folder = RelativePath.folder(String(url.drop(while: { $0 == "/" })))
        return folder.isEmpty ? "/" : "/" + folder + "/"
    }

    /// Ruby's `File.join` of two parts: one `/` between them.
    static func fileJoin(_ left: String, _ right: String) -> String {
        guard !left.isEmpty else { return right }
        guard !right.isEmpty else { return left.hasSuffix("/") ? left : left + "/" }
        var head = Substring(left)
        while head.hasSuffix("/") { head = head.dropLast() }
        var tail = Substring(right)
        while tail.hasPrefix("/") { tail = tail.dropFirst() }
        return head + "/" + tail
    }

    /// Where `key` (`per_page`, `trail.before`) of a template's settings was written: its
    /// own `pagination:` front matter when it sets the key, else the site's `pagination:`.
    static func locate(_ key: String, own: ValueObject, template: Document, config: SiteConfiguration, root: URL) -> SourceLocation {
        let parts = key.split(separator: ".").map(String.init)
        var inPage: Value? = .object(own)
        for part in parts {
            guard case .object(let object)? = inPage else { inPage = nil; break }
            inPage = object[part]
        }
        let needle = (parts.last ?? key) + ":"
        guard inPage != nil else { return config.location(of: needle, below: "pagination") }
        let start = template.keyLines["pagination"] ?? 1
        let location = SourceLocation(file: template.displayPath, line: start)
        guard let text = try? String(contentsOf: root.appendingPathComponent(template.displayPath), encoding: .utf8) else { return location }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in max(0, start - 1)..<lines.count {
            if index > start - 1, lines[index].trimmingCharacters(in: .whitespaces) == "---" { break }
            if let range = lines[index].range(of: needle) {
                return SourceLocation(file: template.displayPath, line: index + 1, column: lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
            }
        }
        return location
    }

    /// A document a template may list, with the names its filters compare, made once per
    /// build: a site with a page per tag (AutoPages) filters every document once per page.
    struct Candidate {
        var document: Document
        var categories: Set<String>
        var tags: Set<String>
        var locales: Set<String>

        init(_ document: Document) {
            self.document = document
            categories = Set(indexKeys(document.categories.map(Value.string)))
            tags = Set(indexKeys(document.tags.map(Value.string)))
            switch document.frontMatter["locale"] {
            case .string(let text)?: locales = Set(indexKeys(PaginateV2Settings.rubySplit(text, separators: ";, \t\n").map(Value.string)))
            case .array(let items)?: locales = Set(indexKeys(items))
            default: locales = []
            }
        }
    }

    /// The documents of each collection, as the gem's `collection_by_name_lambda` finds them.
    struct DocumentSources {
        var byCollection: [String: [Candidate]] = [:]
        var labels: [String] = []

        /// The gem's `get_docs_in_collections` drops hidden documents; the collection lambda
        /// drops every document with a `pagination` key, whatever its value: left out here, once.
        init(posts: [Document], collectionDocuments: [Document]) {
            func listable(_ document: Document) -> Bool {
                document.frontMatter["pagination"] == nil && !(document.frontMatter["hidden"]?.isTruthy ?? false)
            }
            // Jekyll's posts collection holds its documents oldest first.
            byCollection["posts"] = posts.reversed().filter(listable).map(Candidate.init)
            for document in collectionDocuments {
                guard let label = document.collection else { continue }
                if byCollection[label] == nil {
                    labels.append(label)
                    byCollection[label] = []
                }
                if listable(document) { byCollection[label]?.append(Candidate(document)) }
            }
        }

        func documents(in names: [String]) -> [Candidate] {
            names.flatMap { name in
                name == "all" ? labels.flatMap { byCollection[$0] ?? [] } : byCollection[name] ?? []
            }
        }
    }

    /// Sets each v2 page's `paginator`, its documents taken from the finished `site`
    /// (`site.posts` and each collection's `docs`), found by `relative_path` in one pass.
    static func attachPaginators(_ pages: [Document], site: Value) -> [Document] {
        guard pages.contains(where: { $0.pagination?.pager != nil }), case .object(let object) = site else { return pages }
        var lookup: [String: Value] = [:]
        func add(_ documents: Value?) {
            guard case .array(let items)? = documents else { return }
            for item in items {
                if case .object(let fields) = item, case .string(let path)? = fields["relative_path"], lookup[path] == nil { lookup[path] = item }
            }
        }
        add(object["posts"])
        if case .array(let collections)? = object["collections"] {
            for collection in collections {
                if case .object(let fields) = collection { add(fields["docs"]) }
            }
        }
        return pages.map { page in
            guard let pager = page.pagination?.pager else { return page }
            var copy = page
            copy.paginator = pager.object(lookup)
            return copy
        }
    }
}
