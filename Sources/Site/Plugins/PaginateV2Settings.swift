import Diagnostics
import Foundation
import Liquid

/// One template page's jekyll-paginate-v2 settings: the gem's `DEFAULT`, deep-merged with
/// the site's `pagination:` and then with the page's own `pagination:` front matter, read
/// as the gem's `PaginationModel` reads them (`to_i` numbers, `;`/`,`-separated lists).
/// Values Ruby would crash on or silently misread (`per_page: two` is a division by zero
/// in the gem) are one located error instead.
struct PaginateV2Settings: Sendable, Hashable {
    /// Collection labels, lower-cased; `all` is every collection but posts.
    var collections: [String]
    /// How many documents are dropped from the end of the ascending sort (applied only when sorting).
    var offset: Int
    var perPage: Int
    /// The later pages' URL below the first page's folder, with `:num` (and `:max`).
    var permalink: String
    /// The later pages' title with `:title`, `:num` and `:max`; nil keeps the template's.
    var title: String?
    /// The most pages made; 0 for no limit.
    var limit: Int
    /// `sort_field` split at `:` (a path into nested front matter); nil: no sorting (and no offset).
    var sortField: [String]?
    /// `sort_field` as written, for messages.
    var sortFieldText: String?
    var sortReverse: Bool
    /// Filters: every listed name must be among a document's names (lower-cased).
    var category: [String]?
    var tag: [String]?
    var locale: [String]?
    var trailBefore: Int
    var trailAfter: Int
    /// `indexpage` without its extension; empty when unset (pages are then named `.html`, as in the gem).
    var indexName: String
    /// `extension` with its leading dot; empty when set to null.
    var indexExtension: String

    /// The gem's `Generator::DEFAULT` (debug and legacy aside).
    static let defaults = ValueObject([
        ("enabled", .bool(false)), ("collection", .string("posts")), ("offset", .int(0)), ("per_page", .int(10)),
        ("permalink", .string("/page:num/")), ("title", .string(":title - page :num")), ("page_num", .int(1)),
        ("sort_reverse", .bool(false)), ("sort_field", .string("date")), ("limit", .int(0)),
        ("trail", .object(ValueObject([("before", .int(0)), ("after", .int(0))]))),
        ("indexpage", .null), ("extension", .string("html")),
    ])

    /// Reads `merged`; `locate` gives where a key (`per_page`, `trail.before`) was written.
    init(_ merged: ValueObject, locate: (String) -> SourceLocation) throws(Diagnostic) {
        func fail(_ key: String, _ message: String) -> Diagnostic {
            Diagnostic(location: locate(key), message: "jekyll-paginate-v2: `pagination.\(key)` \(message)")
        }
        func integer(_ key: String, in object: ValueObject = merged, path: String? = nil) throws(Diagnostic) -> Int {
            let name = path ?? key
            switch object[key] {
            case nil, .null?: return 0
            case .int(let number)?: return number
            case .double(let number)? where number.isFinite && abs(number) < 1e15: return Int(number)
            case .string(let text)?:
                if let number = Int(text.trimmingCharacters(in: .whitespaces)) { return number }
                throw fail(name, "must be a whole number; it is `\(text)`")
            case let other?:
                throw fail(name, "must be a whole number; it is `\(other.liquidString)`")
            }
        }
        func text(_ key: String) throws(Diagnostic) -> String? {
            switch merged[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case .int(let number)?: return String(number)
            case let other?: throw fail(key, "must be text; it is `\(other.liquidString)`")
            }
        }
        /// The gem's filter values: a list, or text split at `;` and `,`.
        func names(_ key: String) throws(Diagnostic) -> [String]? {
            switch merged[key] {
            case nil, .null?: return nil
            case .string(let text)?: return Self.rubySplit(text, separators: ";,").map(Self.key)
            case .int?, .double?: return [Self.key(merged[key]!.liquidString)]
            case .array(let items)?:
                var result: [String] = []
                for item in items {
                    switch item {
                    case .string, .int, .double, .bool, .null: result.append(Self.key(item.liquidString))
                    default: throw fail(key, "must list names; one item is `\(item.liquidString)`")
                    }
                }
                return result
            case let other?: throw fail(key, "must be a name or a list of names; it is `\(other.liquidString)`")
            }
        }

        switch merged["collection"] {
        case .string(let text)?: collections = Self.rubySplit(text, separators: ";, \t\n").map(Self.key)
        case .array(let items)?: collections = items.map { Self.key($0.liquidString) }
        case nil, .null?: collections = []
        case let other?: throw fail("collection", "must be a collection's name or a list of them; it is `\(other.liquidString)`")
        }
        offset = max(0, try integer("offset"))
        perPage = try integer("per_page")
        guard perPage > 0 else {
            throw fail("per_page", "must be a whole number above 0; it is `\(merged["per_page"]?.liquidString ?? "")`")
        }
        guard let permalink = try text("permalink") else { throw fail("permalink", "must be text such as /page:num/") }
        guard permalink.contains(":num") else {
            throw fail("permalink", "must contain `:num`, or every page would be written to one URL; it is `\(permalink)`")
        }
        self.permalink = permalink
        title = try text("title")
        limit = try integer("limit")
        switch merged["sort_field"] {
        case nil, .null?, .bool(false)?: sortField = nil
        case .string(let text)?:
            sortField = text.split(separator: ":", omittingEmptySubsequences: false).map { Self.key(String($0)) }
            sortFieldText = text
        case .int(let number)?:
            sortField = [String(number)]
            sortFieldText = String(number)
        case let other?: throw fail("sort_field", "must be the name of a front matter field such as date; it is `\(other.liquidString)`")
        }
        sortReverse = merged["sort_reverse"]?.isTruthy ?? false
        category = try names("category")
        tag = try names("tag")
        locale = try names("locale")
        switch merged["trail"] {
        case .object(let trail)?:
            trailBefore = max(0, try integer("before", in: trail, path: "trail.before"))
            trailAfter = max(0, try integer("after", in: trail, path: "trail.after"))
        case nil, .null?, .bool(false)?:
            trailBefore = 0
            trailAfter = 0
        case let other?: throw fail("trail", "must be a mapping with `before:` and `after:`; it is `\(other.liquidString)`")
        }
        indexName = try text("indexpage").map { String($0.split(separator: ".", omittingEmptySubsequences: false).first ?? "") } ?? ""
        // The gem's `ensure_leading_dot`.
        indexExtension = try text("extension").map { $0.hasPrefix(".") ? $0 : "." + $0 } ?? ""
    }

    /// The gem's `key.to_s.downcase.strip`.
    static func key(_ text: String) -> String {
        text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Ruby's `String#split(/[separators]/)`: every piece, trailing empty pieces dropped.
    static func rubySplit(_ text: String, separators: String) -> [String] {
        var pieces = text.split(omittingEmptySubsequences: false) { separators.contains($0) }.map(String.init)
        while pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces
    }
}
