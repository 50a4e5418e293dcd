import Diagnostics
import Foundation
import Liquid

/// jekyll-mentions (1.6, through html-pipeline 2.14's `MentionFilter`): in every finished
/// HTML page, `@name` becomes `<a href="BASE/name" class="user-mention">@name</a>`, except
/// inside `pre`, `code`, `a`, `style` and `script`, in the `<head>`, and for `@mention`,
/// `@mentions`, `@mentioned` and `@mentioning` (which the gem leaves as text).
///
/// BASE is `jekyll-mentions` (text) or `jekyll-mentions.base_url` from the page's front
/// matter or else `_config.yml`, default `https://github.com` (or `SSL` and
/// `GITHUB_HOSTNAME` from the environment, as the gem reads them); `jekyll-mentions: false`
/// in front matter switches a page off. Any other kind of value is an error at its line,
/// as the gem raises `InvalidJekyllMentionConfig`. The link is written with double quotes,
/// as Nokogiri writes the gem's output, and the URL is HTML-escaped.
struct MentionsPlugin: Sendable {
    static let name = "jekyll-mentions"
    static let key = "jekyll-mentions"

    /// The gem's names that link nowhere unless an info URL is given (it never is).
    private static let infoLogins: Set<String> = ["mention", "mentions", "mentioned", "mentioning"]

    /// html-pipeline's `MentionPatterns` with jekyll-mentions' `[\w][\w-]*` user names,
    /// Ruby's ASCII `\w` and line anchors spelled out for ICU.
    private static let pattern = try! NSRegularExpression(
        pattern: #"(?:^|[^a-zA-Z0-9_])@((?>[a-zA-Z0-9_][a-zA-Z0-9_\-]*))(?!/)(?=\.+[^a-zA-Z0-9_]|\.+$|[^0-9a-zA-Z_.]|$)"#,
        options: [.caseInsensitive, .anchorsMatchLines]
    )

    private static let textNodes = HTMLTextNodes(ignoring: ["pre", "code", "a", "style", "script"], trigger: "@")

    /// The site's base URL, checked once before rendering.
    let siteBase: String

    /// Reads `jekyll-mentions` from `_config.yml`; nil when the plugin is not listed.
    static func load(_ config: SiteConfiguration) throws(Diagnostic) -> MentionsPlugin? {
        guard config.pluginList.has(name) else { return nil }
        let value = config.values[key]
        let base = try baseURL(value) { config.location(ofKey: key) }
        return MentionsPlugin(siteBase: base)
    }

    /// The page with its mentions linked; the page as it is when it is not HTML or turns
    /// the plugin off.
    func mentionify(_ html: String, document: Document) throws(Diagnostic) -> String {
        guard document.outputPath.hasSuffix(".html"), html.contains("@") else { return html }
        var base = siteBase
        if let own = document.frontMatter[MentionsPlugin.key] {
            if own == .bool(false) { return html }
            base = try MentionsPlugin.baseURL(own) {
                SourceLocation(file: document.displayPath, line: document.keyLines[MentionsPlugin.key] ?? 1)
            }
        }
        if !(base.hasSuffix("/") || base.hasSuffix("~")) { base += "/" }
        let prefix = HTMLEscaping.escape(base)
        return MentionsPlugin.textNodes.rewrite(html) { text in
            let linked = MentionsPlugin.link(String(text), prefix: prefix)
            return linked == text ? nil : linked
        }
    }

    private static func link(_ text: String, prefix: String) -> String {
        let source = text as NSString
        var output = ""
        var last = 0
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let login = source.substring(with: match.range(at: 1))
            guard !infoLogins.contains(login.lowercased()) else { continue }
            // The match may begin with the character before `@`, which stays.
            let at = match.range(at: 1).location - 1
            output += source.substring(with: NSRange(location: last, length: at - last))
            output += "<a href=\"\(prefix)\(HTMLEscaping.escape(login))\" class=\"user-mention\">@\(login)</a>"
            last = NSMaxRange(match.range)
        }
        guard last > 0 else { return text }
        return output + source.substring(from: last)
    }

    /// The gem's `mention_base`: nothing gives the default, text is the base, a mapping
    /// gives its `base_url`.
    private static func baseURL(_ value: Value?, at location: () -> SourceLocation) throws(Diagnostic) -> String {
        switch value {
        case nil, .null?: return defaultBase
        case .string(let text)?: return text
        case .object(let settings)?:
            switch settings["base_url"] {
            case nil, .null?: return defaultBase
            case .string(let text)?: return text
            default: break
            }
        default: break
        }
        throw Diagnostic(
            location: location(),
            message: "`\(key)` must be a base URL (`\(key): https://github.com`) or a mapping with `base_url:`; it is \(describe(value))"
        )
    }

    private static var defaultBase: String {
        let environment = ProcessInfo.processInfo.environment
        if let ssl = environment["SSL"], !ssl.isEmpty, var host = environment["GITHUB_HOSTNAME"], !host.isEmpty {
            if host.hasSuffix("/") { host.removeLast() }
            return (ssl == "true" ? "https://" : "http://") + host
        }
        return "https://github.com"
    }

    private static func describe(_ value: Value?) -> String {
        switch value {
        case .bool(let flag)?: return "`\(flag)`"
        case .int, .double: return "a number"
        case .array: return "a list"
        default: return "not text"
        }
    }
}
