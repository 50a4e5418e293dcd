import Foundation
import Liquid

/// The order of a collection's documents, as Jekyll 4.3's `Collection#sort_docs!`: the
/// `order:` list of file names (others after, in their default order), else `sort_by:`
/// a front matter key (documents without it last), else date then path.
enum CollectionOrder {
    static func sorted(_ documents: [Document], collections: [CollectionSettings]) -> [Document] {
        var result: [Document] = []
        for settings in collections {
            let members = documents.filter { $0.collection == settings.label }.sorted(by: byDateThenPath)
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

    /// Jekyll's `Document#<=>`: by date, then by path.
    static func byDateThenPath(_ a: Document, _ b: Document) -> Bool {
        let left = a.date ?? .distantPast
        let right = b.date ?? .distantPast
        return left != right ? left < right : a.relativePath < b.relativePath
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
