import Foundation
import Liquid

/// The order of a collection's documents, as Jekyll 4.3's `Collection#sort_docs!`: the
/// `order:` list of file names (others after, in their default order), else `sort_by:`
/// a front matter key (documents without it last), else date then path (`jekyllSorted`).
enum CollectionOrder {
    static func sorted(_ documents: [Document], collections: [CollectionSettings]) -> [Document] {
        var result: [Document] = []
        for settings in collections {
            let members = jekyllSorted(documents.filter { $0.collection == settings.label })
            if let order = settings.order {
                let inner = { (document: Document) in document.relativePath.split(separator: "/").dropFirst().joined(separator: "/") }
                let listed = order.compactMap { name in members.first { inner($0) == name } }
                result += listed + members.filter { member in !listed.contains { $0.relativePath == member.relativePath } }
            } else if let key = settings.sortBy {
                result += members.enumerated().sorted { left, right in
                    switch (left.element.frontMatter[key], right.element.frontMatter[key]) {
                    case (nil, nil): return left.offset < right.offset
                    case (nil, _): return false
                    case (_, nil): return true
                    case (let a?, let b?):
                        if let order = compare(a, b), order != .orderedSame { return order == .orderedAscending }
                        return left.offset < right.offset
                    }
                }.map(\.element)
            } else {
                result += members
            }
        }
        return result
    }

    /// The documents as Ruby's `docs.sort!` leaves them with Jekyll's `Document#<=>`: by
    /// date when both have one (front matter or file name), else by path. A collection that
    /// mixes dated and undated documents makes that comparison no order at all (Jekyll's own
    /// `_tutorials`), so the result is whatever the sort does: Ruby 3.1 sorts with glibc's
    /// `qsort_r`, a top-down merge sort (halves of `n / 2`, the left element taken on ties),
    /// which this repeats on the files in path order, as `Dir.glob` reads them.
    static func jekyllSorted(_ documents: [Document]) -> [Document] {
        let keyed = documents.map { (document: $0, date: explicitDate($0)) }
            .sorted { $0.document.relativePath.utf8.lexicographicallyPrecedes($1.document.relativePath.utf8) }
        return mergeSorted(keyed[...]).map(\.document)
    }

    private typealias Keyed = (document: Document, date: Date?)

    private static func mergeSorted(_ items: ArraySlice<Keyed>) -> [Keyed] {
        guard items.count > 1 else { return Array(items) }
        let middle = items.startIndex + items.count / 2
        let left = mergeSorted(items[..<middle]), right = mergeSorted(items[middle...])
        var out: [Keyed] = []
        out.reserveCapacity(items.count)
        var i = 0, j = 0
        while i < left.count, j < right.count {
            if jekyllCompare(left[i], right[j]) <= 0 { out.append(left[i]); i += 1 } else { out.append(right[j]); j += 1 }
        }
        return out + left[i...] + right[j...]
    }

    /// `Document#<=>`: -1, 0 or 1.
    private static func jekyllCompare(_ a: Keyed, _ b: Keyed) -> Int {
        if let x = a.date, let y = b.date, x != y { return x < y ? -1 : 1 }
        let p = a.document.relativePath, q = b.document.relativePath
        return p == q ? 0 : (p.utf8.lexicographicallyPrecedes(q.utf8) ? -1 : 1)
    }

    /// The date Jekyll's `data["date"]` holds when it sorts: from front matter (defaults
    /// included) or the file name; nil for a document dated only by the build's time.
    private static func explicitDate(_ document: Document) -> Date? {
        let name = (document.relativePath as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return document.frontMatter["date"] != nil || PostFileName(stem) != nil ? document.date : nil
    }

    /// Ruby's `<=>` for the values front matter holds; nil when they do not compare.
    static func compare(_ a: Value, _ b: Value) -> ComparisonResult? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
        case (.int(let x), .double(let y)): return compare(.double(Double(x)), .double(y))
        case (.double(let x), .int(let y)): return compare(.double(x), .double(Double(y)))
        case (.double(let x), .double(let y)): return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
        case (.string(let x), .string(let y)): return x == y ? .orderedSame : (Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) ? .orderedAscending : .orderedDescending)
        case (.date(let x), .date(let y)): return x.instant == y.instant ? .orderedSame : (x.instant < y.instant ? .orderedAscending : .orderedDescending)
        default: return nil
        }
    }
}
