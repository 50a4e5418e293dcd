import Diagnostics
import Foundation
import Liquid

/// jekyll-relative-links (0.7): before rendering, a Markdown page's links to other files of
/// the site by their source path (`[Guide](docs/guide.md)`, `[ref]: ../about.md#team`)
/// become links to those files' URLs, with the baseurl, as the gem's generator rewrites
/// `document.content` with its regular expressions.
///
/// As in the gem: only pages are rewritten unless `relative_links.collections: true` adds
/// posts and collection documents; `relative_links.enabled: false` turns it off and
/// `relative_links.exclude` (globs) skips files; a path is resolved against the page's
/// folder, or the site's root when it starts with `/`, and URL-unescaped; the targets are
/// pages, static files and written documents; links to anything else, fragments (`#x`)
/// and URLs with a scheme stay as written. A reference definition is rewritten onto a
/// line of its own, as the gem writes it.
struct RelativeLinksPlugin: Sendable {
    static let name = "jekyll-relative-links"
    static let key = "relative_links"

    /// Source path relative to the site (no leading `/`) → URL with the baseurl.
    let targets: [String: String]
    let includesCollections: Bool
    let exclude: EntryFilter

    // The gem's expressions; `.` stops at line ends and `\s` crosses them in both engines.
    private static let title = #"(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?"#
    private static let fragmentAndTitle = "(#.+?|)?" + title
    private static let inline = #"\[(.*?)\]\(([^)]+?)"# + fragmentAndTitle + #"\)"#
    private static let reference = #"^\s*?\[(.*?)\]: (.+?)"# + fragmentAndTitle + #"\s*?$"#
    private static let link = try! NSRegularExpression(pattern: "(\(inline)|\(reference))", options: [.anchorsMatchLines])

    /// Nil when the plugin is not listed or `relative_links.enabled` is false.
    static func load(_ config: SiteConfiguration, content: SiteContent, documents: [Document], root: URL) -> RelativeLinksPlugin? {
        guard config.pluginList.has(name) else { return nil }
        let settings: ValueObject
        if case .object(let object)? = config.values[key] { settings = object } else { settings = ValueObject() }
        if settings["enabled"] == .bool(false) { return nil }
        var base = config.baseurl
        while base.hasSuffix("/") { base.removeLast() }
        var targets: [String: String] = [:]
        let rootPath = root.standardizedFileURL.path + "/"
        // The gem takes the first match among pages, static files and documents, in that order.
        for file in content.staticFiles.reversed() {
            let source = file.source.standardizedFileURL.path
            if source.hasPrefix(rootPath) { targets[String(source.dropFirst(rootPath.count))] = base + "/" + file.outputPath }
        }
        for document in documents.reversed() where document.kind != .page && document.isWritten {
            targets[document.relativePath] = base + document.url
        }
        for document in documents.reversed() where document.kind == .page {
            targets[document.relativePath] = base + document.url
        }
        var exclude: [String] = []
        switch settings["exclude"] {
        case .string(let glob)?: exclude = [glob]
        case .array(let globs)?: exclude = globs.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default: break
        }
        return RelativeLinksPlugin(targets: targets, includesCollections: settings["collections"] == .bool(true), exclude: EntryFilter(include: [], exclude: exclude))
    }

    /// Whether the gem rewrites this document: Markdown, a page (or any written document
    /// with `collections: true`), not excluded.
    func applies(to document: Document) -> Bool {
        guard document.isMarkdown, document.kind == .page || includesCollections else { return false }
        return !exclude.excludes(document.relativePath)
    }

    /// The body with every link to a known file pointing at its URL.
    func rewrite(_ body: String, of document: Document) -> String {
        guard body.contains("](") || body.contains("]: ") else { return body }
        let source = body as NSString
        let folder = (document.relativePath as NSString).deletingLastPathComponent
        var output = ""
        var last = 0
        for match in RelativeLinksPlugin.link.matches(in: body, range: NSRange(location: 0, length: source.length)) {
            let isInline = match.range(at: 2).location != NSNotFound
            let groups = isInline ? (2, 3, 4, 5) : (6, 7, 8, 9)
            func group(_ index: Int) -> String {
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : source.substring(with: range)
            }
            let path = group(groups.1)
            guard !path.hasPrefix("#"), !RelativeLinksPlugin.hasScheme(path),
                  let resolved = RelativeLinksPlugin.resolve(path, from: folder),
                  let url = targets[resolved.removingPercentEncoding ?? resolved]
            else { continue }
            output += source.substring(with: NSRange(location: last, length: match.range.location - last))
            let text = group(groups.0)
            let target = url + group(groups.2)
            output += isInline ? "[\(text)](\(target)\(group(groups.3)))" : "\n[\(text)]: \(target)\(group(groups.3))"
            last = NSMaxRange(match.range)
        }
        guard last > 0 else { return body }
        return output + source.substring(from: last)
    }

    /// Addressable's `absolute?`: the link has a scheme.
    private static func hasScheme(_ path: String) -> Bool {
        guard let colon = path.firstIndex(of: ":"), colon != path.startIndex, let first = path.first, first.isASCII, first.isLetter else { return false }
        return path[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// `File.expand_path` against the page's folder, kept only inside the site; `+` reads
    /// as a space, as `CGI.unescape` reads it.
    private static func resolve(_ path: String, from folder: String) -> String? {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = absolute || folder.isEmpty ? [] : folder.split(separator: "/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/").replacingOccurrences(of: "+", with: " ")
    }
}
