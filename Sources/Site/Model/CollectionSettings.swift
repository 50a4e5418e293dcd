import Diagnostics
import Liquid

/// One entry of `collections:` in `_config.yml`, as Jekyll 4.3 reads it: documents live
/// in `_LABEL/`, are written only with `output: true`, at `permalink` (default
/// `/:collection/:path` plus the site style's suffix), sorted by `sort_by` or `order`.
struct CollectionSettings: Sendable {
    var label: String
    var output: Bool
    var permalink: String
    var sortBy: String?
    var order: [String]?
    /// Every key given, for `site.collections[i].*`.
    var metadata: ValueObject
    var line: Int

    /// The collections a site declares, `posts` excluded (it is read on its own);
    /// `posts.permalink` is returned apart, as it replaces the site's permalink.
    static func load(_ config: SiteConfiguration) throws(Diagnostic) -> (collections: [CollectionSettings], postsPermalink: String?) {
        let line = config.keyLines["collections"] ?? 1
        let location = SourceLocation(file: config.path, line: line)
        var entries: [(String, ValueObject)] = []
        switch config.values["collections"] {
        case nil, .null?: return ([], nil)
        case .array(let labels)?:
            for case .string(let label) in labels { entries.append((label, ValueObject())) }
        case .object(let object)?:
            for (label, value) in object.pairs {
                switch value {
                case .object(let settings): entries.append((label, settings))
                case .null: entries.append((label, ValueObject()))
                default:
                    throw Diagnostic(location: location, message: "collections.\(label) must be a mapping such as `output: true`")
                }
            }
        default:
            throw Diagnostic(location: location, message: "`collections` must be a mapping of labels to settings, or a list of labels")
        }
        var postsPermalink: String?
        var collections: [CollectionSettings] = []
        for (label, settings) in entries {
            guard !label.isEmpty, label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw Diagnostic(location: location, message: "collection label `\(label)` must be letters, digits, `_` or `-`")
            }
            var permalink: String?
            switch settings["permalink"] {
            case nil, .null?: break
            case .string(let text)?: permalink = text
            default:
                throw Diagnostic(location: location, message: "collections.\(label).permalink must be text such as /:collection/:path/")
            }
            if let permalink {
                do {
                    try Permalink(permalink).validate()
                } catch {
                    throw Diagnostic(
                        location: config.location(of: ":" + error.name, below: "collections"),
                        message: "collections.\(label).permalink has an unknown placeholder `:\(error.name)`; \(error.suggestion)known: \(Permalink.placeholders.sorted().map { ":" + $0 }.joined(separator: ", "))",
                        source: config.texts[config.location(ofKey: "collections").file]
                    )
                }
            }
            if label == "posts" {
                postsPermalink = permalink
                continue
            }
            let suffix = Permalink.defaultSuffix(forSiteStyle: config.permalink)
            var order: [String]?
            if case .array(let items)? = settings["order"] { order = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } } }
            collections.append(CollectionSettings(
                label: label, output: settings["output"] == .bool(true),
                permalink: permalink ?? "/:collection/:path" + suffix,
                sortBy: { if case .string(let key)? = settings["sort_by"] { return key } else { return nil } }(),
                order: order, metadata: settings, line: line
            ))
        }
        return (collections, postsPermalink)
    }
}
