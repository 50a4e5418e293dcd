import Foundation
import Liquid

extension PaginateV2Plugin {
    /// One paginated page's `paginator`, worked out before rendering (the gem's `Paginator`,
    /// with its `page_trail`): paths as the gem formats them, and the documents as relative
    /// paths, turned into the `site` objects once the site is rendered (`attach`).
    struct Pager: Sendable, Hashable {
        var page: Int
        var perPage: Int
        var totalPages: Int
        /// Every document paginated by this template, in order; each page shows its slice.
        /// One array shared by the template's pages.
        var documents: [String]
        var pagePath: String
        var previousPath: String?
        var nextPath: String?
        var firstPath: String
        var lastPath: String
        var trail: [TrailEntry]?

        /// The relative paths this page shows: the gem's `posts[init..offset]`.
        var slice: ArraySlice<String> {
            let start = (page - 1) * perPage
            guard start < documents.count else { return [] }
            return documents[start..<min(documents.count, start + perPage)]
        }

        /// The gem's `Paginator.new`: `firstURL` is the first page's folder URL (`/blog/`),
        /// `pagedURL` the later pages' pattern (`/blog/page:num/`).
        init(page: Int, totalPages: Int, settings: PaginateV2Settings, firstURL: String, pagedURL: String, documents: [String]) {
            self.page = page
            self.totalPages = totalPages
            self.perPage = settings.perPage
            self.documents = documents
            let index = settings.indexName
            let ext = settings.indexExtension
            let thisURL = Self.fullPath(page == 1 ? firstURL : pagedURL, index: index.isEmpty ? "index" : index, extension: ext.isEmpty ? ".html" : ext)
            var first = firstURL
            var paged = pagedURL
            if !index.isEmpty {
                first = Self.fullPath(first, index: index, extension: ext)
                paged = Self.fullPath(paged, index: index, extension: ext)
            }
            pagePath = Self.format(thisURL, page, totalPages)
            previousPath = page == 1 ? nil : page == 2 ? Self.format(first, 1, totalPages) : Self.format(paged, page - 1, totalPages)
            nextPath = page != totalPages ? Self.format(paged, page + 1, totalPages) : nil
            firstPath = Self.format(first, 1, totalPages)
            lastPath = Self.format(paged, totalPages, totalPages)
        }

        /// The gem's `Utils.ensure_full_path`.
        static func fullPath(_ url: String, index: String, extension ext: String) -> String {
            if url.hasSuffix("/") { return url + index + ext }
            if !url.contains(".") { return url + index }
            return url
        }

        /// The gem's `format_page_number`: the first `:num`, then the first `:max`, replaced.
        static func format(_ pattern: String, _ number: Int, _ total: Int) -> String {
            pattern.replacingFirstOccurrences(of: ":num", with: String(number))
                .replacingFirstOccurrences(of: ":max", with: String(total))
        }

        /// The `paginator` object; `lookup` gives the `site` object of a document by relative path.
        func object(_ lookup: [String: Value]) -> ValueObject {
            let previous = page > 1 ? Value.int(page - 1) : .null
            let next = page < totalPages ? Value.int(page + 1) : .null
            return ValueObject([
                ("per_page", .int(perPage)), ("posts", .array(slice.compactMap { lookup[$0] })),
                ("total_posts", .int(documents.count)), ("total_pages", .int(totalPages)), ("page", .int(page)),
                ("page_path", .string(pagePath)),
                ("previous_page", previous), ("previous_page_path", previousPath.map(Value.string) ?? .null),
                ("next_page", next), ("next_page_path", nextPath.map(Value.string) ?? .null),
                ("first_page", .int(1)), ("first_page_path", .string(firstPath)),
                ("last_page", .int(totalPages)), ("last_page_path", .string(lastPath)),
                ("page_trail", trail.map { entries in .array(entries.map(\.value)) } ?? .null),
            ])
        }
    }

    /// One link of `paginator.page_trail`: the gem's `PageTrail` (`num`, `path`, `title`).
    struct TrailEntry: Sendable, Hashable {
        var number: Int
        var path: String
        var title: String?

        var value: Value {
            .object(ValueObject([("num", .int(number)), ("path", .string(path)), ("title", title.map(Value.string) ?? .null)]))
        }
    }

    /// The gem's trail: up to `before + after + 1` pages around each page, padded at the
    /// start when the end is near so the trail keeps its length. Nil when both are 0 or
    /// there is one page, as in the gem (the trail is then not set).
    static func trails(pages: [(path: String, title: String?)], before: Int, after: Int) -> [[TrailEntry]]? {
        guard pages.count > 1, before > 0 || after > 0 else { return nil }
        let length = before + after + 1
        return pages.indices.map { index in
            var start = max(index + 1 - before - 1, 0)
            let end = min(start + length, pages.count)
            if end - start < length { start = max(start - (length - (end - start)), 0) }
            return (start..<end).map { TrailEntry(number: $0 + 1, path: pages[$0].path, title: pages[$0].title) }
        }
    }
}
