import Foundation
import Liquid

/// jekyll-sitemap (1.4): `/sitemap.xml` listing every document of an output collection,
/// every HTML page (not `/404.html`) and every HTML or PDF static file, except those with
/// `sitemap: false`; and `/robots.txt` pointing at it. Neither is made when the site
/// already has a page or file at that URL. `SitemapWriter` writes the XML the gem writes,
/// so that the sitemaps match.
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

    /// The tag the sitemap page's body calls: `SitemapWriter` writes the XML in Swift.
    static let writerTagName = "jekyll_sitemap"

    static let sitemapTemplate = "{% \(writerTagName) %}"

    static func writerTag() -> CustomTag {
        CustomTag(name: writerTagName) { (_: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            try SitemapWriter(context: context).xml()
        }
    }
}

/// jekyll-sitemap 1.4's `sitemap.xml`, written from the Liquid context of its page: one
/// `<url>` per document of each output collection, then per HTML page but `/404.html`, then
/// per static file in `page.static_files`, leaving out those with `sitemap: false`. Each
/// element on its own line, as the gem writes them; URLs and dates go through the Liquid
/// filters the gem uses (`absolute_url`, `xml_escape`, `date_to_xmlschema`).
struct SitemapWriter {
    let context: TagContext

    /// `<url>` with the location of `path` and, when there is one, its date.
    private func url(_ path: String, lastmod: String?, _ locals: [(String, Value)]) throws(LiquidError) -> String {
        var xml = "<url>\n<loc>" + (try context.text("\(path) | replace: '/index.html', '/' | absolute_url | xml_escape", with: locals)) + "</loc>\n"
        if let lastmod { xml += "<lastmod>" + (try context.text("\(lastmod) | date_to_xmlschema", with: locals)) + "</lastmod>\n" }
        return xml + "</url>\n"
    }

    func xml() throws(LiquidError) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if try context.holds("page.xsl") {
            xml += "<?xml-stylesheet type=\"text/xsl\" href=\"" + (try context.text("'/sitemap.xsl' | absolute_url")) + "\"?>\n"
        }
        xml += #"<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"# + "\n"
        for collection in try context.evaluate("site.collections | where_exp: 'collection', 'collection.output != false'").elements {
            let docs = try context.evaluate("collection.docs | where_exp: 'doc', 'doc.sitemap != false'", with: [("collection", collection)])
            for doc in docs.elements {
                let locals = [("doc", doc)]
                let dated = try context.holds("doc.last_modified_at or doc.date", with: locals)
                xml += try url("doc.url", lastmod: dated ? "doc.last_modified_at | default: doc.date" : nil, locals)
            }
        }
        let pages = try context.evaluate(#"site.html_pages | where_exp: 'doc', 'doc.sitemap != false' | where_exp: 'doc', 'doc.url != "/404.html"'"#)
        for page in pages.elements {
            let locals = [("doc", page)]
            xml += try url("doc.url", lastmod: try context.holds("doc.last_modified_at", with: locals) ? "doc.last_modified_at" : nil, locals)
        }
        let files = try context.evaluate(#"page.static_files | where_exp: 'file', 'file.sitemap != false' | where_exp: 'file', 'file.name != "404.html"'"#)
        for file in files.elements {
            xml += try url("file.path", lastmod: "file.modified_time", [("file", file)])
        }
        return xml + "</urlset>\n"
    }
}
