import Diagnostics
import Foundation
import Liquid

/// jekyll-archives 2.2 (the gem Debian packages as `ruby-jekyll-archives`), switched on by
/// `plugins: [jekyll-archives]` and set by its own `jekyll-archives:` key, as the gem reads it:
///
///     jekyll-archives:
///       enabled: [year, month, day, categories, tags]   # or `all`
///       layout: archive                                  # the default
///       layouts: { year: year-archive }                  # per type
///       permalinks: { year: /:year/, month: /:year/:month/, day: /:year/:month/:day/,
///                     tag: /tag/:name/, category: /category/:name/ }
///
/// One page per tag, then per category, then per year, month and day, in the order the gem
/// walks them: names as they first appear in the posts oldest first, years oldest first,
/// and months and days within them newest first (the gem sorts each year's posts first);
/// each with `page.type`, `page.title` (the tag or category; nil for dates), `page.date`
/// (midnight of the period's first day; nil for names) and `page.posts` newest first, and no
/// content of its own. Strata's own `archives:` key (which adds location archives) stays
/// as it was; the two are independent.
enum JekyllArchivesPlugin {
    static let name = "jekyll-archives"

    private static let defaultPermalinks = [
        "year": "/:year/", "month": "/:year/:month/", "day": "/:year/:month/:day/",
        "tag": "/tag/:name/", "category": "/category/:name/",
    ]

    /// The archive pages, from `posts` (newest first, as `site.posts` lists them) and their
    /// `summaries` (in the same order). Errors: a permalink that is not a string, located at
    /// the `jekyll-archives` key.
    static func documents(config: SiteConfiguration, posts: [Document], summaries: [Value]) throws(Diagnostic) -> [Document] {
        guard config.pluginList.has(name) else { return [] }
        let settings: ValueObject
        if case .object(let object)? = config.values[name] { settings = object } else { settings = ValueObject([]) }
        let enabled = enabledTypes(settings["enabled"])
        guard !enabled.isEmpty else { return [] }
        var permalinks = defaultPermalinks
        if case .object(let custom)? = settings["permalinks"] {
            for (type, value) in custom.pairs {
                guard case .string(let template) = value else {
                    throw Diagnostic(location: config.location(ofKey: name), message: "jekyll-archives.permalinks.\(type) must be a string, like /\(type)/:name/")
                }
                permalinks[type] = template
            }
        }
        let layout = { (type: String) -> String in
            if case .object(let layouts)? = settings["layouts"], case .string(let named)? = layouts[type] { return named }
            if case .string(let named)? = settings["layout"] { return named }
            return "archive"
        }
        // The gem walks `site.posts.docs`, oldest first; each archive lists its posts newest first.
        let oldestFirst = Array(posts.indices.reversed())
        var documents: [Document] = []
        let make = { (type: String, title: String?, placeholders: [String: String], date: Date?, members: [Int]) in
            let template = permalinks[type] ?? "/"
            var url = template
            for (key, value) in placeholders.sorted(by: { $0.key.count > $1.key.count }) {
                url = url.replacingOccurrences(of: ":" + key, with: URLPath.escapeSegment(value))
            }
            url = URLPath.clean(url)
            let newestFirst = members.sorted()
            let layoutName = layout(type)
            var pairs: [(String, Value)] = [("layout", .string(layoutName)), ("type", .string(type)),
                                            ("posts", .array(newestFirst.map { summaries[$0] }))]
            // A dated archive has no title at all (`page.title` is nil), not an empty one.
            if let title { pairs.append(("title", .string(title))) }
            if let date { pairs.append(("date", .date(LiquidDate(instant: date, timeZone: config.timeZone)))) }
            let displayName = title ?? placeholders.keys.sorted().compactMap { placeholders[$0] }.joined(separator: "-")
            documents.append(Document(
                kind: .page, relativePath: "", displayPath: config.path,
                origin: "the \(type) archive `\(displayName)` (jekyll-archives, from \(config.path))",
                frontMatter: ValueObject(pairs), keyLines: ["layout": config.keyLines[name] ?? 1, "permalink": config.keyLines[name] ?? 1],
                body: "", bodyFirstLine: 1, date: nil, slug: JekyllSlug.make(displayName), title: title ?? "", categories: [], tags: [],
                layout: layoutName, isMarkdown: false, url: url, outputPath: URLPath.outputPath(for: url)
            ))
        }
        for (type, key) in [("tag", "tags"), ("category", "categories")] where enabled.contains(key) {
            var order: [String] = []
            var members: [String: [Int]] = [:]
            for index in oldestFirst {
                let names = type == "tag" ? posts[index].tags : posts[index].categories
                for name in names {
                    if members[name] == nil { order.append(name) }
                    members[name, default: []].append(index)
                }
            }
            for name in order {
                make(type, name, ["name": JekyllSlug.make(name), "type": type], nil, members[name] ?? [])
            }
        }
        guard enabled.contains("year") || enabled.contains("month") || enabled.contains("day") else { return documents }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        // Each level keyed as the gem keys it (`strftime` of the post's date), in first-seen order.
        var years: [(String, [Int])] = []
        for index in oldestFirst {
            guard let date = posts[index].date else { continue }
            let year = String(format: "%04d", calendar.component(.year, from: date))
            if let at = years.firstIndex(where: { $0.0 == year }) { years[at].1.append(index) } else { years.append((year, [index])) }
        }
        // The gem sorts each year's (and month's) posts newest first before walking them, so
        // months and days come newest first while years come oldest first.
        for (year, yearPosts) in years.map({ ($0.0, $0.1.sorted()) }) {
            let yearStart = calendar.date(from: DateComponents(year: Int(year)))
            if enabled.contains("year") { make("year", nil, ["year": year, "type": "year"], yearStart, yearPosts) }
            var months: [(String, [Int])] = []
            for index in yearPosts {
                let month = String(format: "%02d", calendar.component(.month, from: posts[index].date ?? Date()))
                if let at = months.firstIndex(where: { $0.0 == month }) { months[at].1.append(index) } else { months.append((month, [index])) }
            }
            for (month, monthPosts) in months.map({ ($0.0, $0.1.sorted()) }) {
                let monthStart = calendar.date(from: DateComponents(year: Int(year), month: Int(month)))
                if enabled.contains("month") { make("month", nil, ["year": year, "month": month, "type": "month"], monthStart, monthPosts) }
                var days: [(String, [Int])] = []
                for index in monthPosts {
                    let day = String(format: "%02d", calendar.component(.day, from: posts[index].date ?? Date()))
                    if let at = days.firstIndex(where: { $0.0 == day }) { days[at].1.append(index) } else { days.append((day, [index])) }
                }
                for (day, dayPosts) in days where enabled.contains("day") {
                    let dayStart = calendar.date(from: DateComponents(year: Int(year), month: Int(month), day: Int(day)))
                    make("day", nil, ["year": year, "month": month, "day": day, "type": "day"], dayStart, dayPosts)
                }
            }
        }
        return documents
    }

    /// The gem's `enabled?`: `true` or `all` turns every type on; a list names them
    /// (`year`, `month`, `day`, `categories`, `tags`); anything else turns none on.
    private static func enabledTypes(_ value: Value?) -> Set<String> {
        switch value {
        case .bool(true)?, .string("all")?: return ["year", "month", "day", "categories", "tags"]
        case .array(let items)?: return Set(items.compactMap { if case .string(let name) = $0 { return name } else { return nil } })
        default: return []
        }
    }
}
