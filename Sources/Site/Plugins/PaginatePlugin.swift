import Foundation
import Liquid

/// jekyll-paginate (1.1): with `paginate: N`, the `index.html` page at the folder of
/// `paginate_path` (default `/page:num`) gets a `paginator` with N posts (posts with
/// `hidden: true` left out), and copies of it are written at `/page2/`, `/page3/`… as the
/// gem's `Pagination` and `Pager` make them. Only `index.html` qualifies, as in the gem.
enum PaginatePlugin {
    static let name = "jekyll-paginate"

    /// A page's place in the pagination.
    struct Position: Sendable, Hashable {
        var number: Int
        var total: Int
        /// jekyll-paginate-v2's page: its paginator's paths and documents.
        var pager: PaginateV2Plugin.Pager? = nil
    }

    static func perPage(_ config: SiteConfiguration) -> Int? {
        guard case .int(let count)? = config.values["paginate"], count > 0 else { return nil }
        return count
    }

    static func pathPattern(_ config: SiteConfiguration) -> String {
        if case .string(let pattern)? = config.values["paginate_path"] { return pattern }
        return "/page:num"
    }

    /// The pages with pagination added: the template page marked as page 1, plus its copies.
    static func paginate(_ pages: [Document], posts: [Document], config: SiteConfiguration) -> [Document] {
        guard config.pluginList.has(name), let perPage = perPage(config) else { return pages }
        // The gem's `pagination_candidate?`: an `index.html` whose folder is the folder of
        // `paginate_path` or one above it; the deepest such page wins.
        let pattern = RelativePath.folder(String(pathPattern(config).drop(while: { $0 == "/" })))
        var ancestors: [String] = []
        var folder = pattern
        while !folder.isEmpty {
            ancestors.append(folder)
            folder = RelativePath.folder(folder)
        }
        ancestors.append("")
        let candidates = pages.indices.filter { index in
            let page = pages[index]
            return page.kind == .page && RelativePath.lastComponent(page.relativePath) == "index.html"
                && ancestors.contains(RelativePath.folder(page.relativePath))
        }
        guard let template = candidates.max(by: { pages[$0].relativePath.count < pages[$1].relativePath.count }) else { return pages }
        let visible = posts.filter { $0.frontMatter["hidden"] != .bool(true) }.count
        let total = Int((Double(visible) / Double(perPage)).rounded(.up))
        guard total > 0 else { return pages }
        var result = pages
        result[template].pagination = Position(number: 1, total: total)
        for number in Swift.stride(from: 2, through: total, by: 1) {
            var copy = pages[template]
            copy.pagination = Position(number: number, total: total)
            copy.url = URLPath.clean(path(for: number, config: config, firstURL: pages[template].url) + "/")
            copy.outputPath = URLPath.outputPath(for: copy.url)
            copy.origin = "page \(number) of \(pages[template].displayPath), made by jekyll-paginate"
            result.append(copy)
        }
        return result
    }

    /// The gem's `paginate_path`: page 1 is the template's own URL.
    static func path(for number: Int, config: SiteConfiguration, firstURL: String) -> String {
        if number <= 1 { return firstURL }
        let format = pathPattern(config).replacingFirstOccurrences(of: ":num", with: String(number))
        return format.hasPrefix("/") ? format : "/" + format
    }

    /// The `paginator` object for `position`; `posts` are the visible posts, newest first.
    static func paginator(_ position: Position, posts: [Value], config: SiteConfiguration, firstURL: String) -> ValueObject {
        let perPage = perPage(config) ?? 1
        let start = (position.number - 1) * perPage
        let slice = start < posts.count ? Array(posts[start..<min(posts.count, start + perPage)]) : []
        let previous = position.number > 1 ? position.number - 1 : nil
        let next = position.number < position.total ? position.number + 1 : nil
        return ValueObject([
            ("page", .int(position.number)), ("per_page", .int(perPage)), ("posts", .array(slice)),
            ("total_posts", .int(posts.count)), ("total_pages", .int(position.total)),
            ("previous_page", previous.map(Value.int) ?? .null),
            ("previous_page_path", previous.map { .string(path(for: $0, config: config, firstURL: firstURL)) } ?? .null),
            ("next_page", next.map(Value.int) ?? .null),
            ("next_page_path", next.map { .string(path(for: $0, config: config, firstURL: firstURL)) } ?? .null),
        ])
    }

    /// Sets `paginator` on every paginated page from the finished `site`.
    static func attachPaginators(_ pages: [Document], site: Value, config: SiteConfiguration) -> [Document] {
        if config.pluginList.has(PaginateV2Plugin.name) { return PaginateV2Plugin.attachPaginators(pages, site: site) }
        guard pages.contains(where: { $0.pagination != nil }), case .object(let object) = site, case .array(let all)? = object["posts"] else { return pages }
        let visible = all.filter { post in
            guard case .object(let fields) = post else { return true }
            return fields["hidden"] != .bool(true)
        }
        let firstURL = pages.first { $0.pagination?.number == 1 }?.url ?? "/"
        return pages.map { page in
            guard let position = page.pagination else { return page }
            var copy = page
            copy.paginator = paginator(position, posts: visible, config: config, firstURL: firstURL)
            return copy
        }
    }
}
