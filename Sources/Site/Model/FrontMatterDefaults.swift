#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics
import Liquid

/// `defaults:` of `_config.yml`, applied as Jekyll 4.3's `FrontMatterDefaults` applies
/// them: a set applies when its `scope.path` is a prefix of the file's path (a glob when
/// it holds `*`) and its `scope.type` (`pages`, `posts`, `drafts` or a collection's label)
/// matches; sets with longer paths, then with a type, win; the file's own front matter
/// wins over all of them, hashes merged key by key.
struct FrontMatterDefaults: Sendable {
    struct Set: Sendable {
        var path: String
        var type: String?
        var values: ValueObject
    }

    var sets: [Set]

    static let none = FrontMatterDefaults(sets: [])

    /// Reads `defaults:`; a set without `values` or with a scope that is not a mapping is
    /// an error at the `defaults` line.
    static func load(_ config: SiteConfiguration) throws(Diagnostic) -> FrontMatterDefaults {
        guard let raw = config.values["defaults"], raw != .null else { return .none }
        let location = SourceLocation(file: config.path, line: config.keyLines["defaults"] ?? 1)
        guard case .array(let items) = raw else {
            throw Diagnostic(location: location, message: "`defaults` must be a list of sets, each with `scope` and `values`")
        }
        var sets: [Set] = []
        for (index, item) in items.enumerated() {
            guard case .object(let set) = item, case .object(let values)? = set["values"] else {
                throw Diagnostic(location: location, message: "defaults item \(index + 1) needs `values:`, a mapping of front matter keys")
            }
            var path = ""
            var type: String?
            switch set["scope"] {
            case nil, .null?: break
            case .object(let scope)?:
                if case .string(let text)? = scope["path"] { path = text }
                if case .string(let text)? = scope["type"] { type = text }
            default:
                throw Diagnostic(location: location, message: "defaults item \(index + 1): `scope` must be a mapping with `path` and/or `type`")
            }
            sets.append(Set(path: path, type: type, values: values))
        }
        return FrontMatterDefaults(sets: sets)
    }

    /// The front matter of the file at `path` (relative to the source) of `type`.
    func apply(to frontMatter: ValueObject, path: String, type: String) -> ValueObject {
        guard !sets.isEmpty else { return frontMatter }
        var defaults = ValueObject()
        var oldScope: Set?
        for set in sets where applies(set, path: path, type: type) {
            if hasPrecedence(old: oldScope, new: set) {
                defaults = FrontMatterDefaults.deepMerge(defaults, set.values)
                oldScope = set
            } else {
                defaults = FrontMatterDefaults.deepMerge(set.values, defaults)
            }
        }
        return FrontMatterDefaults.deepMerge(defaults, frontMatter)
    }

    private func applies(_ set: Set, path: String, type: String) -> Bool {
        // Drafts are posts in Jekyll 4, so a `posts` scope covers them too.
        if let wanted = set.type, wanted != type, !(wanted == "posts" && type == "drafts") { return false }
        let scope = FrontMatterDefaults.sanitize(set.path)
        if scope.isEmpty { return true }
        let file = FrontMatterDefaults.sanitize(path)
        guard scope.contains("*") else { return file.hasPrefix(scope) }
        // Jekyll globs the scope in the source folder and keeps paths that start with a
        // match: the same as some leading part of the path matching the glob.
        let components = file.split(separator: "/")
        for count in 1...max(1, components.count) {
            let prefix = components.prefix(count).joined(separator: "/")
            if fnmatch(scope, prefix, FNM_PATHNAME) == 0 { return true }
        }
        return false
    }

    private func hasPrecedence(old: Set?, new: Set) -> Bool {
        guard let old else { return true }
        let newPath = FrontMatterDefaults.sanitize(new.path)
        let oldPath = FrontMatterDefaults.sanitize(old.path)
        if newPath.count != oldPath.count { return newPath.count >= oldPath.count }
        if new.type != nil { return true }
        return old.type == nil
    }

    /// Jekyll's `sanitize_path`: no leading `/` or `./`.
    static func sanitize(_ path: String) -> String {
        var text = Substring(path)
        while text.hasPrefix("./") || text.hasPrefix("/") { text = text.hasPrefix("./") ? text.dropFirst(2) : text.dropFirst() }
        return String(text)
    }

    /// Jekyll's `Utils.deep_merge_hashes`: `overrides` wins, nested hashes merged.
    static func deepMerge(_ base: ValueObject, _ overrides: ValueObject) -> ValueObject {
        var merged = base
        for (key, value) in overrides.pairs {
            if case .object(let inner)? = merged[key], case .object(let newer) = value {
                merged[key] = .object(deepMerge(inner, newer))
            } else {
                merged[key] = value
            }
        }
        return merged
    }
}
