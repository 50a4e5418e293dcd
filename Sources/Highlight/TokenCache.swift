import Foundation

/// Highlighted blocks by language and code, shared by every thread of a build. A preview
/// server runs for hours: past `limit` blocks the cache starts over.
final class TokenCache: @unchecked Sendable {
    private struct Key: Hashable {
        var language: String
        var code: String
    }

    private let lock = NSLock()
    private var entries: [Key: [HighlightToken]] = [:]
    private let limit: Int

    init(limit: Int = 20_000) {
        self.limit = limit
    }

    func tokens(code: String, language: String) -> [HighlightToken]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[Key(language: language, code: code)]
    }

    func store(_ tokens: [HighlightToken], code: String, language: String) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[Key(language: language, code: code)] = tokens
    }
}
