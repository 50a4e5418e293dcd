import Diagnostics
import Foundation
import Liquid

/// jekyll-feed (0.17): an Atom feed of the ten newest posts at `feed.path` (default
/// `/feed.xml`) unless the site has a file there, and `{% feed_meta %}`. The template is
/// Strata's own, written to give the gem's output: the gem strips whitespace after `>` and
/// `}` from its template, so this one has none there either. Feeds per category, tag or
/// collection (`feed.categories`, `feed.tags`, `feed.collections`) are not made.
enum FeedPlugin {
    static let name = "jekyll-feed"

    /// The feed's URL path, from `feed.path`.
    static func path(_ config: SiteConfiguration) -> String {
        if case .object(let feed)? = config.values["feed"], case .string(let path)? = feed["path"] {
            return path.hasPrefix("/") ? path : "/" + path
        }
        return "/feed.xml"
    }

    /// The feed page, or nil when a file of the site already sits at its path.
    static func document(_ config: SiteConfiguration, layout: SiteLayout) -> Document? {
        let url = path(config)
        if FileManager.default.fileExists(atPath: layout.content.appendingPathComponent(String(url.dropFirst())).path) { return nil }
        let frontMatter = ValueObject([("layout", .null), ("sitemap", .bool(false)), ("collection", .string("posts"))])
        return Document(
            kind: .page, relativePath: "", displayPath: "(jekyll-feed)", origin: "the feed of jekyll-feed (from \(config.path))",
            frontMatter: frontMatter, keyLines: [:], body: template, bodyFirstLine: 1, date: nil, slug: "feed", title: "",
            categories: [], tags: [], layout: nil, isMarkdown: false, url: url, outputPath: URLPath.outputPath(for: url, outputExtension: ".xml")
        )
    }

    /// `{% feed_meta %}`: the `<link rel="alternate">` for the feed, attributes quoted and
    /// escaped as Ruby's `encode(xml: :attr)` does.
    static func metaTag(path: String) -> CustomTag {
        CustomTag(name: "feed_meta") { (_: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            let href = try context.evaluate("'\(path)' | absolute_url")
            var attributes = [("type", "application/atom+xml"), ("rel", "alternate"), ("href", SiteTagText.string(href))]
            let title = context.variable("site.title") ?? context.variable("site.name")
            if let title { attributes.append(("title", SiteTagText.string(title))) }
            return "<link " + attributes.map { "\($0.0)=\"\(HTMLEscaping.escape($0.1))\"" }.joined(separator: " ") + " />"
        }
    }

    static let template = #"""
<?xml version="1.0" encoding="utf-8"?>{% if page.xsl %}<?xml-stylesheet type="text/xml" href="{{ '/feed.xslt.xml' | absolute_url }}"?>{% endif %}<feed xmlns="http://www.w3.org/2005/Atom" {% if site.lang %}xml:lang="{{ site.lang }}"{% endif %}><generator uri="https://jekyllrb.com/" version="{{ jekyll.version }}">Jekyll</generator><link href="{{ page.url | absolute_url }}" rel="self" type="application/atom+xml" /><link href="{{ '/' | absolute_url }}" rel="alternate" type="text/html" {% if site.lang %}hreflang="{{ site.lang }}" {% endif %}/><updated>{{ site.time | date_to_xmlschema }}</updated><id>{{ page.url | absolute_url | xml_escape }}</id>{% assign title = site.title | default: site.name %}{% if title %}<title type="html">{{ title | smartify | xml_escape }}</title>{% endif %}{% if site.description %}<subtitle>{{ site.description | xml_escape }}</subtitle>{% endif %}{% if site.author %}<author><name>{{ site.author.name | default: site.author | xml_escape }}</name>{% if site.author.email %}<email>{{ site.author.email | xml_escape }}</email>{% endif %}{% if site.author.uri %}<uri>{{ site.author.uri | xml_escape }}</uri>{% endif %}</author>{% endif %}{% assign posts = site.posts %}{% unless site.show_drafts %}{% assign posts = posts | where_exp: "post", "post.draft != true" %}{% endunless %}{% assign posts_limit = site.feed.posts_limit | default: 10 %}{% for post in posts limit: posts_limit %}<entry{% if post.lang %}{{ " " }}xml:lang="{{ post.lang }}"{% endif %}>{% assign post_title = post.title | smartify | strip_html | normalize_whitespace | xml_escape %}<title type="html">{{ post_title }}</title><link href="{{ post.url | absolute_url }}" rel="alternate" type="text/html" title="{{ post_title }}" /><published>{{ post.date | date_to_xmlschema }}</published><updated>{{ post.last_modified_at | default: post.date | date_to_xmlschema }}</updated><id>{{ post.id | absolute_url | xml_escape }}</id>{% assign excerpt_only = post.feed.excerpt_only | default: site.feed.excerpt_only %}{% unless excerpt_only %}<content type="html" xml:base="{{ post.url | absolute_url | xml_escape }}"><![CDATA[{{ post.content | strip }}]]></content>{% endunless %}{% assign post_author = post.author | default: post.authors[0] | default: site.author %}{% assign post_author = site.data.authors[post_author] | default: post_author %}{% assign post_author_email = post_author.email | default: nil %}{% assign post_author_uri = post_author.uri | default: nil %}{% assign post_author_name = post_author.name | default: post_author %}<author><name>{{ post_author_name | default: "" | xml_escape }}</name>{% if post_author_email %}<email>{{ post_author_email | xml_escape }}</email>{% endif %}{% if post_author_uri %}<uri>{{ post_author_uri | xml_escape }}</uri>{% endif %}</author>{% if post.category %}<category term="{{ post.category | xml_escape }}" />{% elsif post.categories %}{% for category in post.categories %}<category term="{{ category | xml_escape }}" />{% endfor %}{% endif %}{% for tag in post.tags %}<category term="{{ tag | xml_escape }}" />{% endfor %}{% assign post_summary = post.description | default: post.excerpt %}{% if post_summary and post_summary != empty %}<summary type="html"><![CDATA[{{ post_summary | strip_html | normalize_whitespace }}]]></summary>{% endif %}{% assign post_image = post.image.path | default: post.image %}{% if post_image %}{% unless post_image contains "://" %}{% assign post_image = post_image | absolute_url %}{% endunless %}<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="{{ post_image | xml_escape }}" /><media:content medium="image" url="{{ post_image | xml_escape }}" xmlns:media="http://search.yahoo.com/mrss/" />{% endif %}</entry>{% endfor %}</feed>
"""#
}

/// Text of a Liquid value as a tag writes it.
enum SiteTagText {
    static func string(_ value: Value) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .null: return ""
        default: return "\(value)"
        }
    }
}
