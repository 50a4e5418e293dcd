import Foundation
import Liquid

/// jekyll-redirect-from (0.16): `redirect_from:` on a page, post or collection document
/// writes a small page at each old path sending readers to the document; `redirect_to:`
/// turns the document itself into such a page; `/redirects.json` maps every old path to
/// its target (unless `redirect_from.json: false` or the site has that file). A site
/// `_layouts/redirect.html` replaces the built-in page, which matches the gem's.
enum RedirectFromPlugin {
    static let name = "jekyll-redirect-from"

    /// Jekyll's `absolute_url` for a site path; full `http(s)://` URLs stay as they are.
    static func absoluteURL(_ target: String, config: SiteConfiguration) -> String {
        if target.range(of: "^https?://", options: .regularExpression) != nil { return target }
        return config.url + config.baseurl + (target.hasPrefix("/") ? target : "/" + target)
    }

    private static func paths(_ value: Value?) -> [String] {
        switch value {
        case .string(let path)?: return [path]
        case .array(let items)?: return items.compactMap { if case .string(let path) = $0 { return path } else { return nil } }
        default: return []
        }
    }

    private static func frontMatter(from: String, to: String, config: SiteConfiguration, hasLayout: Bool) -> ValueObject {
        ValueObject([
            ("sitemap", .bool(false)), ("layout", hasLayout ? .string("redirect") : .null), ("permalink", .string(from)),
            ("redirect", .object(ValueObject([("from", .string(from)), ("to", .string(absoluteURL(to, config: config)))]))),
        ])
    }

    /// Documents with `redirect_to:` become redirect pages themselves.
    static func applyRedirectTo(_ documents: [Document], config: SiteConfiguration, hasLayout: Bool) -> [Document] {
        guard config.pluginList.has(name) else { return documents }
        return documents.map { document in
            guard let target = paths(document.frontMatter["redirect_to"]).first else { return document }
            var copy = document
            var fields = document.frontMatter
            for (key, value) in frontMatter(from: document.url, to: target, config: config, hasLayout: hasLayout).pairs where key != "permalink" {
                fields[key] = value
            }
            copy.frontMatter = fields
            copy.body = hasLayout ? "" : template
            copy.bodyFirstLine = 1
            copy.isMarkdown = false
            copy.layout = hasLayout ? "redirect" : nil
            return copy
        }
    }

    /// The redirect pages for every `redirect_from:`, and `redirects.json`. `documents` come
    /// in the order the gem walks them (posts oldest first, other collections, pages).
    static func pages(_ documents: [Document], config: SiteConfiguration, hasLayout: Bool, content: SiteContent) -> [Document] {
        guard config.pluginList.has(name) else { return [] }
        var pages: [Document] = []
        var redirects: [(String, String)] = []
        for document in documents where document.isWritten {
            for path in paths(document.frontMatter["redirect_from"]) {
                let from = path.hasPrefix("/") ? path : "/" + path
                let fields = frontMatter(from: from, to: document.url, config: config, hasLayout: hasLayout)
                pages.append(Document(
                    kind: .page, relativePath: "", displayPath: document.displayPath,
                    origin: "the redirect from \(from) (redirect_from of \(document.displayPath))",
                    frontMatter: fields, keyLines: ["permalink": document.keyLines["redirect_from"] ?? 1], body: hasLayout ? "" : template,
                    bodyFirstLine: 1, date: nil, slug: "redirect", title: "", categories: [], tags: [],
                    layout: hasLayout ? "redirect" : nil, isMarkdown: false, url: from, outputPath: URLPath.outputPath(for: from)
                ))
                redirects.append((from, absoluteURL(document.url, config: config)))
            }
            if let target = paths(document.frontMatter["redirect_to"]).first {
                redirects.append((document.url, absoluteURL(target, config: config)))
            }
        }
        // Two `redirect_from`s of one URL (Jekyll's own docs: conduct.md and code_of_conduct.md
        // both claim /conduct/index.html): the gem writes both stubs and the later overwrites the
        // earlier, so the last one is kept, as redirects.json keeps it, rather than two files.
        var claimed = Set<String>()
        pages = pages.reversed().filter { claimed.insert($0.url).inserted }.reversed()
        let jsonWanted: Bool = {
            if case .object(let settings)? = config.values["redirect_from"], settings["json"] == .bool(false) { return false }
            return true
        }()
        let taken = content.documents.contains { $0.url == "/redirects.json" } || content.staticFiles.contains { $0.outputPath == "redirects.json" }
        if jsonWanted, !taken {
            // A Ruby Hash assigned a key twice keeps the key where it was first set and
            // takes the later value.
            var latest: [String: String] = [:]
            for (from, to) in redirects { latest[from] = to }
            var seen = Set<String>()
            let unique = redirects.filter { seen.insert($0.0).inserted }.map { ($0.0, latest[$0.0] ?? $0.1) }
            let json = "{" + unique.map { jsonString($0.0) + ":" + jsonString($0.1) }.joined(separator: ",") + "}"
            pages.append(Document(
                kind: .page, relativePath: "", displayPath: "(jekyll-redirect-from)", origin: "redirects.json of jekyll-redirect-from",
                frontMatter: ValueObject([("layout", .null)]), keyLines: [:], body: "{% raw %}" + json + "{% endraw %}", bodyFirstLine: 1,
                date: nil, slug: "redirects", title: "", categories: [], tags: [], layout: nil, isMarkdown: false,
                url: "/redirects.json", outputPath: "redirects.json"
            ))
        }
        return pages
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// The redirect page; the target is escaped for the attribute and the script string.
    static let template = """
    <!DOCTYPE html>
    <html lang="en-US">
      <meta charset="utf-8">
      <title>Redirecting&hellip;</title>
      <link rel="canonical" href="{{ page.redirect.to | escape }}">
      <script>location={{ page.redirect.to | jsonify | replace: "<", "\\u003c" }}</script>
      <meta http-equiv="refresh" content="0; url={{ page.redirect.to | escape }}">
      <meta name="robots" content="noindex">
      <h1>Redirecting&hellip;</h1>
      <a href="{{ page.redirect.to | escape }}">Click here if you are not redirected.</a>
    </html>

    """
}
