import Foundation
import Liquid

/// jekyll-sitemap (1.4): `/sitemap.xml` listing every document of an output collection,
/// every HTML page (not `/404.html`) and every HTML or PDF static file, except those with
/// `sitemap: false`; and `/robots.txt` pointing at it. Neither is made when the site
/// already has a page or file at that URL. The template follows the gem's `sitemap.xml`
/// (MIT licence, © GitHub, Inc. and the jekyll-sitemap contributors) as the gem serves
/// it, whitespace after `>` + newline and `}` stripped, so that the sitemaps match.
enum SitemapPlugin {
    static let name = "jekyll-sitemap"
    static let includedExtensions: Set<String> = [".htm", ".html", ".xhtml", ".pdf"]

    static func documents(_ config: SiteConfiguration, content: SiteContent) -> [Document] {
        let taken = Set(content.documents.map(\.url) + content.staticFiles.map { "/" + $0.outputPath })
        var pages: [Document] = []
        if !taken.contains("/sitemap.xml") {
            let files = content.staticFiles.filter { includedExtensions.contains("." + $0.source.pathExtension) }
                .map { SiteContentVariables.staticFile($0, layout: content) }
            pages.append(page("/sitemap.xml", body: sitemapTemplate, extra: [("static_files", .array(files))], config: config))
        }
        if !taken.contains("/robots.txt") {
            pages.append(page("/robots.txt", body: "Sitemap: {{ \"sitemap.xml\" | absolute_url }}\n", extra: [], config: config))
        }
        return pages
    }

    private static func page(_ url: String, body: String, extra: [(String, Value)], config: SiteConfiguration) -> Document {
        let ext = "." + (url as NSString).pathExtension
        return Document(
            kind: .page, relativePath: "", displayPath: "(jekyll-sitemap)", origin: "\(url) of jekyll-sitemap (from \(config.path))",
            frontMatter: ValueObject([("layout", .null)] + extra), keyLines: [:], body: body, bodyFirstLine: 1, date: nil,
            slug: String(url.dropFirst()), title: "", categories: [], tags: [], layout: nil, isMarkdown: false,
            url: url, outputPath: URLPath.outputPath(for: url, outputExtension: ext)
        )
    }

    static let sitemapTemplate = #"""
<?xml version="1.0" encoding="UTF-8"?>
{% if page.xsl %}<?xml-stylesheet type="text/xsl" href="{{ "/sitemap.xsl" | absolute_url }}"?>
{% endif %}<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% assign collections = site.collections | where_exp:'collection','collection.output != false' %}{% for collection in collections %}{% assign docs = collection.docs | where_exp:'doc','doc.sitemap != false' %}{% for doc in docs %}<url>
<loc>{{ doc.url | replace:'/index.html','/' | absolute_url | xml_escape }}</loc>
{% if doc.last_modified_at or doc.date %}<lastmod>{{ doc.last_modified_at | default: doc.date | date_to_xmlschema }}</lastmod>
{% endif %}</url>
{% endfor %}{% endfor %}{% assign pages = site.html_pages | where_exp:'doc','doc.sitemap != false' | where_exp:'doc','doc.url != "/404.html"' %}{% for page in pages %}<url>
<loc>{{ page.url | replace:'/index.html','/' | absolute_url | xml_escape }}</loc>
{% if page.last_modified_at %}<lastmod>{{ page.last_modified_at | date_to_xmlschema }}</lastmod>
{% endif %}</url>
{% endfor %}{% assign static_files = page.static_files | where_exp:'page','page.sitemap != false' | where_exp:'page','page.name != "404.html"' %}{% for file in static_files %}<url>
<loc>{{ file.path | replace:'/index.html','/' | absolute_url | xml_escape }}</loc>
<lastmod>{{ file.modified_time | date_to_xmlschema }}</lastmod>
</url>
{% endfor %}</urlset>
"""#
}
