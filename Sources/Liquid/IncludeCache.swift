import Foundation

/// jekyll-include-cache 0.2's store for `{% include_cached name key=value %}`: the include is
/// rendered once per include file and parameter values, and every later call with the same
/// ones gets that output, whatever else (`page`) differs. Keys follow the gem's
/// `quick_hash`: the parameters' values in the order of their sorted names, the names
/// themselves left out; a page or document (a drop in Jekyll, hashed by identity) counts by
/// its `path`. One store serves one render of the site (the gem clears its cache before each
/// render); it is safe to use from many threads, and which call fills an entry first is
/// whichever page renders first, as in the gem, so an include that reads `page` should not
/// be cached in either engine.
public final class IncludeCache: @unchecked Sendable {
    struct Entry {
        var output: String
        /// The include files read while rendering it, reported again on every hit.
        var includedPaths: Set<String>
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    public init() {}

    /// Forgets every output, as the gem's `:site, :pre_render` hook does.
    public func removeAll() {
        lock.withLock { entries.removeAll() }
    }

    func entry(for key: String) -> Entry? {
        lock.withLock { entries[key] }
    }

    func store(_ entry: Entry, for key: String) {
        lock.withLock { if entries[key] == nil { entries[key] = entry } }
    }

    /// The gem's key for an include file at `path` called with `parameters`.
    static func key(path: String, parameters: ValueObject?) -> String {
        var key = path
        guard let parameters else { return key }
        for (_, value) in parameters.pairs.sorted(by: { $0.0 < $1.0 }) {
            key += "\u{0}"
            describe(value, into: &key)
        }
        return key
    }

    private static func describe(_ value: Value, into key: inout String) {
        switch value {
        case .object(let object):
            if case .string(let path)? = object["path"], object["url"] != nil {
                key += "doc:" + path
                return
            }
            key += "{"
            for (name, item) in object.pairs {
                key += name.debugDescription + ":"
                describe(item, into: &key)
                key += ","
            }
            key += "}"
        case .array(let items):
            key += "["
            for item in items {
                describe(item, into: &key)
                key += ","
            }
            key += "]"
        case .string(let text): key += text.debugDescription
        default: key += String(describing: value)
        }
    }
}
