import Diagnostics
import Foundation
import Liquid

/// jekyll-seo-tag (2.8): `{% seo %}` (and `{% seo title=false %}`) writes the title, the
/// description, the canonical URL, Open Graph and Twitter tags and JSON-LD, chosen as the
/// gem's `SeoTag::Drop` chooses them, one element per line as the gem's minified template
/// leaves them. Text goes through the gem's own filters (`markdownify | strip_html |
/// normalize_whitespace | escape_once`); values the gem writes raw (author name, URLs) are
/// passed through `escape_once` here, which changes nothing for ordinary values.
enum SEOTag {
    static let name = "jekyll-seo-tag"
    static let version = "2.8.0"

    /// One tag per build: its `SiteTextCache` lives as long as the build's engine.
    static func make() -> CustomTag {
        let siteTexts = SiteTextCache()
        return CustomTag(name: "seo") { (invocation: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            try SEOValues(context: context, markup: invocation.markup, siteTexts: siteTexts).html()
        }
    }
}

/// The gem's `format_string` of site-wide text (`site.title`, `site.description`…), by the
/// text itself. Every page's tag formats the same few values, and formatting goes through
/// `markdownify`, whose cmark parse is serialised for the whole build: a quarter of a
/// 1,000-post build was this tag before. Keyed by the text, not the path, so a template
/// that assigns another `site` still gets its own text formatted.
private final class SiteTextCache: @unchecked Sendable {
    private let lock = NSLock()
    private var formatted: [String: String?] = [:]

    func value(for text: String, format: () throws(LiquidError) -> String?) throws(LiquidError) -> String? {
        if let known = lock.withLock({ formatted[text] }) { return known }
        let value = try format()
        lock.withLock { formatted[text] = value }
        return value
    }
}

/// What `{% seo %}` computes for one page, from the Liquid context it is called in.
private struct SEOValues {
    let context: TagContext
    let showTitle: Bool
    let siteTexts: SiteTextCache

    init(context: TagContext, markup: String, siteTexts: SiteTextCache) {
        self.context = context
        self.siteTexts = siteTexts
        showTitle = markup.range(of: "title=false", options: .caseInsensitive) == nil
    }

    private func has(_ path: String) -> Bool {
        guard let value = context.variable(path) else { return false }
        if case .bool(false) = value { return false }
        return true
    }

    private func text(_ expression: String) throws(LiquidError) -> String? {
        let value = SiteTagText.string(try context.evaluate(expression))
        return value.isEmpty ? nil : value
    }

    /// The gem's `format_string` of a variable path.
    private func formatted(_ path: String) throws(LiquidError) -> String? {
        guard has(path) else { return nil }
        let format = { () throws(LiquidError) -> String? in
            try text("\(path) | markdownify | strip_html | normalize_whitespace | escape_once")
        }
        // Only site-wide text is shared between pages; a page's own title or excerpt is
        // formatted once anyway.
        if path.hasPrefix("site."), case .string(let value)? = context.variable(path) {
            return try siteTexts.value(for: value, format: format)
        }
        return try format()
    }

    private func firstPresent(_ paths: [String]) -> String? { paths.first(where: has) }

    private static func escapeOnce(_ text: String) -> String {
        // Text without `&` holds no entity to keep (Foundation's replacing is slow on Linux).
        guard text.utf8.contains(UInt8(ascii: "&")) else { return HTMLEscaping.escape(text) }
        // Unescape the five entities escape would write, then escape all: no double escapes.
        let plain = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return HTMLEscaping.escape(plain)
    }

    func html() throws(LiquidError) -> String {
        let siteTitle = try firstPresent(["site.title", "site.name"]).flatMap { (path: String) throws(LiquidError) -> String? in try formatted(path) }
        let siteDescription = try formatted("site.description")
        let siteTagline = try formatted("site.tagline")
        let pageTitle = try formatted("page.title") ?? siteTitle
        var title: String?
        if let siteTitle, pageTitle != siteTitle {
            title = (pageTitle ?? "") + " | " + siteTitle
        } else if let siteTitle, let description = siteTagline ?? siteDescription {
            title = siteTitle + " | " + description
        } else {
            title = pageTitle ?? siteTitle
        }
        if let title, case .int(let current)? = context.variable("paginator.page"), current > 1 {
            let total = SiteTagText.string(context.variable("paginator.total_pages") ?? .null)
            let message = context.variable("site.seo_paginator_message").map(SiteTagText.string) ?? "Page %<current>s of %<total>s for "
            let prefix = message.replacingOccurrences(of: "%<current>s", with: String(current)).replacingOccurrences(of: "%<total>s", with: total)
            return try render(title: prefix + title, siteTitle: siteTitle, siteDescription: siteDescription, pageTitle: pageTitle)
        }
        return try render(title: title, siteTitle: siteTitle, siteDescription: siteDescription, pageTitle: pageTitle)
    }

    private func render(title: String?, siteTitle: String?, siteDescription: String?, pageTitle: String?) throws(LiquidError) -> String {
        let pageURL = SiteTagText.string(context.variable("page.url") ?? .null)
        let isHomeOrAbout = SEOValues.isHomeOrAbout(pageURL)
        let description = try firstPresent(["page.description", "page.excerpt"]).flatMap { (path: String) throws(LiquidError) -> String? in try formatted(path) } ?? siteDescription
        let author = self.author()
        let image = try self.image()
        var canonical = SiteTagText.string(context.variable("page.canonical_url") ?? .null)
        if canonical.isEmpty {
            canonical = SiteTagText.string(try context.evaluate("page.url | absolute_url"))
            if canonical.hasSuffix("/index.html") { canonical.removeLast("index.html".count) }
        }
        let lang = SiteTagText.string(context.variable("page.lang") ?? context.variable("site.lang") ?? .string("en_US"))
        let locale = SiteTagText.string(context.variable("page.locale") ?? context.variable("site.locale") ?? .string(lang)).replacingOccurrences(of: "-", with: "_")
        let hasDate = has("page.date")
        // Written twice (Open Graph and JSON-LD): formatted once.
        let published = hasDate ? try text("page.date | date_to_xmlschema") : nil

        var lines = ["<!-- Begin Jekyll SEO tag v\(SEOTag.version) -->"]
        func meta(_ attribute: String, _ name: String, _ content: String) {
            lines.append("<meta \(attribute)=\"\(name)\" content=\"\(content)\" />")
        }
        if showTitle, let title { lines.append("<title>\(title)</title>") }
        meta("name", "generator", "Strata")
        if let pageTitle { meta("property", "og:title", pageTitle) }
        if let name = author.name { meta("name", "author", SEOValues.escapeOnce(name)) }
        meta("property", "og:locale", SEOValues.escapeOnce(locale))
        if let description {
            meta("name", "description", description)
            meta("property", "og:description", description)
        }
        if has("site.url") {
            lines.append("<link rel=\"canonical\" href=\"\(SEOValues.escapeOnce(canonical))\" />")
            meta("property", "og:url", SEOValues.escapeOnce(canonical))
        }
        if let siteTitle { meta("property", "og:site_name", siteTitle) }
        if let image {
            meta("property", "og:image", SEOValues.escapeOnce(image.path))
            for key in ["height", "width", "alt"] {
                if let value = image.fields[key] { meta("property", "og:image:\(key)", SEOValues.escapeOnce(SiteTagText.string(value))) }
            }
        }
        if hasDate {
            meta("property", "og:type", "article")
            meta("property", "article:published_time", published ?? "")
        } else {
            meta("property", "og:type", "website")
        }
        if has("paginator.previous_page") { lines.append("<link rel=\"prev\" href=\"\(try text("paginator.previous_page_path | absolute_url") ?? "")\" />") }
        if has("paginator.next_page") { lines.append("<link rel=\"next\" href=\"\(try text("paginator.next_page_path | absolute_url") ?? "")\" />") }
        if let image {
            let card = try text("page.twitter.card | default: site.twitter.card | default: 'summary_large_image'") ?? "summary_large_image"
            meta("name", "twitter:card", SEOValues.escapeOnce(card))
            meta("property", "twitter:image", SEOValues.escapeOnce(image.path))
        } else {
            meta("name", "twitter:card", "summary")
        }
        if let alt = image?.fields["alt"] { meta("name", "twitter:image:alt", SEOValues.escapeOnce(SiteTagText.string(alt))) }
        if let pageTitle { meta("property", "twitter:title", pageTitle) }
        if has("site.twitter") {
            meta("name", "twitter:site", "@" + SEOValues.escapeOnce(try text("site.twitter.username | remove: '@'") ?? ""))
            if let twitter = author.twitter { meta("name", "twitter:creator", "@" + SEOValues.escapeOnce(twitter)) }
        }
        if has("site.facebook") {
            if let value = try text("site.facebook.admins") { meta("property", "fb:admins", SEOValues.escapeOnce(value)) }
            if let value = try text("site.facebook.publisher") { meta("property", "article:publisher", SEOValues.escapeOnce(value)) }
            if let value = try text("site.facebook.app_id") { meta("property", "fb:app_id", SEOValues.escapeOnce(value)) }
        }
        if has("site.webmaster_verifications") {
            let names = [("google", "google-site-verification"), ("bing", "msvalidate.01"), ("alexa", "alexaVerifyID"),
                         ("yandex", "yandex-verification"), ("baidu", "baidu-site-verification"), ("facebook", "facebook-domain-verification")]
            for (key, name) in names {
                if let value = try text("site.webmaster_verifications.\(key)") { meta("name", name, SEOValues.escapeOnce(value)) }
            }
        } else if let value = try text("site.google_site_verification") {
            meta("name", "google-site-verification", SEOValues.escapeOnce(value))
        }

        // JSON-LD, keys sorted and nulls dropped as the gem's `JSONLDDrop#to_json`.
        let type: String
        if let seoType = try text("page.seo.type") { type = seoType } else if isHomeOrAbout { type = "WebSite" } else { type = hasDate ? "BlogPosting" : "WebPage" }
        var json: [(String, JSONValue)] = [("@context", .string("https://schema.org")), ("@type", .string(type))]
        if let name = author.name, author.type == nil || ["Organization", "Person"].contains(author.type!) {
            var entry: [(String, JSONValue)] = [("@type", .string(author.type ?? "Person")), ("name", .string(name))]
            if let url = author.url { entry.append(("url", .string(url))) }
            json.append(("author", .object(entry)))
        }
        let modifiedPath = firstPresent(["page.seo.date_modified", "page.last_modified_at", "page.date"])
        let modified = modifiedPath == "page.date" ? published : try modifiedPath.flatMap { (path: String) throws(LiquidError) -> String? in try text("\(path) | date_to_xmlschema") }
        if let modified { json.append(("dateModified", .string(modified))) }
        if hasDate, let published { json.append(("datePublished", .string(published))) }
        if let description { json.append(("description", .string(description))) }
        if let pageTitle { json.append(("headline", .string(pageTitle))) }
        if let image {
            if image.fields.count <= 1 {
                json.append(("image", .string(image.path)))
            } else {
                var entry: [(String, JSONValue)] = image.fields.pairs.filter { $0.key != "path" }.map { ($0.key, JSONValue.string(SiteTagText.string($0.value))) }
                entry.append(("url", .string(image.path)))
                entry.append(("@type", .string("imageObject")))
                json.append(("image", .object(entry)))
            }
        }
        if ["BlogPosting", "CreativeWork"].contains(type) {
            json.append(("mainEntityOfPage", .object([("@type", .string("WebPage")), ("@id", .string(canonical))])))
        }
        var name = try formatted("page.seo.name")
        if name == nil, isHomeOrAbout { name = try formatted("site.social.name") ?? siteTitle }
        if let name { json.append(("name", .string(name))) }
        if has("site.logo") {
            let logoIsAbsolute = SEOValues.isAbsolute(SiteTagText.string(context.variable("site.logo") ?? .null))
            let logo = try text(logoIsAbsolute ? "site.logo | uri_escape" : "site.logo | absolute_url | uri_escape") ?? ""
            var publisher: [(String, JSONValue)] = [("@type", .string("Organization")), ("logo", .object([("@type", .string("ImageObject")), ("url", .string(logo))]))]
            if let authorName = author.name { publisher.append(("name", .string(authorName))) }
            json.append(("publisher", .object(publisher)))
        }
        if case .array(let links)? = context.variable("page.seo.links") ?? (isHomeOrAbout ? context.variable("site.social.links") : nil) {
            json.append(("sameAs", .array(links.map { .string(SiteTagText.string($0)) })))
        }
        json.append(("url", .string(canonical)))
        json.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        lines.append("<script type=\"application/ld+json\">")
        lines.append(JSONValue.object(json).encoded + "</script>")
        lines.append("<!-- End Jekyll SEO tag -->")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The gem's `AuthorDrop`: `page.author`, `page.authors[0]` or `site.author`; a name is
    /// looked up in `site.data.authors`.
    private func author() -> (name: String?, twitter: String?, type: String?, url: String?) {
        let sources = [context.variable("page.author"), context.variable("page.authors[0]"), context.variable("site.author")]
        let resolved = sources.compactMap { $0 }.first { SiteTagText.string($0) != "" && $0 != .array([]) }
        var fields = ValueObject()
        switch resolved {
        case .object(let object)?: fields = object
        case .string(let name)?:
            fields["name"] = .string(name)
            if case .object(let authors)? = context.variable("site.data.authors"), case .object(let entry)? = authors[name] {
                for (key, value) in entry.pairs { fields[key] = value }
            }
        default: break
        }
        func string(_ key: String) -> String? {
            if case .string(let text)? = fields[key] { return text }
            return nil
        }
        var twitter = string("twitter") ?? string("name")
        if let handle = twitter, handle.hasPrefix("@") { twitter = String(handle.dropFirst()) }
        return (string("name"), twitter, string("type"), string("url"))
    }

    /// The gem's `ImageDrop`: `page.image` as a path or a hash with `path` (or `facebook`,
    /// `twitter`), made absolute and URI-escaped.
    private func image() throws(LiquidError) -> (path: String, fields: ValueObject)? {
        var fields = ValueObject()
        let rawPath: String
        switch context.variable("page.image") {
        case .string(let path)?:
            fields["path"] = .string(path)
            guard !path.isEmpty else { return nil }
            rawPath = "page.image"
        case .object(let object)?:
            fields["path"] = .null
            for (key, value) in object.pairs { fields[key] = value }
            guard let key = ["path", "facebook", "twitter"].first(where: { has("page.image.\($0)") }) else { return nil }
            rawPath = "page.image.\(key)"
        default:
            return nil
        }
        let raw = SiteTagText.string(context.variable(rawPath) ?? .null)
        let path = try text(SEOValues.isAbsolute(raw) ? "\(rawPath) | uri_escape" : "\(rawPath) | absolute_url | uri_escape") ?? raw
        return (path, fields)
    }

    /// The gem's `homepage_or_about?`: `page.url` matching `^/(about/)?(index\.html?)?$`,
    /// whose `$` also matches before one final line break; without compiling a regex per page.
    static func isHomeOrAbout(_ url: String) -> Bool {
        var scalars = Substring(url).unicodeScalars
        if let last = scalars.last, "\n\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains(last) {
            scalars.removeLast()
            if last == "\n", scalars.last == "\r" { scalars.removeLast() }
        }
        var path = Substring(scalars)
        guard path.hasPrefix("/") else { return false }
        path = path.dropFirst()
        if path.hasPrefix("about/") { path = path.dropFirst("about/".count) }
        return path.isEmpty || path == "index.htm" || path == "index.html"
    }

    /// Whether a URL names its scheme, as the gem's `absolute_url?` (via `Addressable::URI`).
    static func isAbsolute(_ text: String) -> Bool {
        text.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil
    }
}

/// JSON as Ruby's `to_json` writes it (no spaces, `/` unescaped), plus `</` written as
/// `<\/` so that no value can end the `<script>` element.
private indirect enum JSONValue {
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    var encoded: String {
        switch self {
        case .string(let text): return JSONValue.quote(text)
        case .array(let items): return "[" + items.map(\.encoded).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { JSONValue.quote($0.0) + ":" + $0.1.encoded }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        // On UTF-8 bytes: every character that needs escaping is ASCII, and the page's
        // description goes through here once per page (scalar by scalar it was 3% of a build).
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 16)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case UInt8(ascii: "/") where previous == UInt8(ascii: "<"): out += [UInt8(ascii: "\\"), byte]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
            previous = byte
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
