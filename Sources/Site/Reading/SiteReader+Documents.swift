import Diagnostics
import Foundation
import Liquid

extension SiteReader {
    enum PostResult {
        case document(Document)
        /// Unpublished, or dated in the future without `--future`.
        case skipped
        case notAPost(String)
    }

    func readPost(_ url: URL, relative: String, kind: Document.Kind, permalink: Permalink) throws(Diagnostic) -> PostResult {
        let display = layout.display(url)
        let name = url.lastPathComponent
        let ext = url.pathExtension.lowercased()
        guard SiteReader.renderedExtensions.contains(ext) else {
            return .notAPost("ignored: only Markdown and HTML files are posts")
        }
        let stem = String(name.dropLast(ext.count + 1))
        var fileDate: Date?
        var slug = stem
        if let parsed = PostFileName(stem) {
            fileDate = DateParsing.parse(parsed.date, timeZone: config.timeZone)
            slug = parsed.slug
        }
        if kind == .post, fileDate == nil {
            return .notAPost("ignored: a post's file name starts with its date, like 2021-03-07-title.md")
        }
        let file = try FrontMatterFile.parse(try readText(url), path: display)
        let fm = file.values
        if fm["published"] == .bool(false) { return .skipped }

        var date = fileDate
        if let value = fm["date"] {
            date = try parseDate(value, key: "date", file: file, display: display)
        }
        if kind == .draft, date == nil {
            date = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date ?? now
        }
        if let date, date > now, !config.future { return .skipped }
        if case .string(let custom)? = fm["slug"] { slug = custom }

        let categories = SiteReader.words(fm["categories"]) + SiteReader.words(fm["category"])
        let isMarkdown = SiteReader.markdownExtensions.contains(ext)
        let inputs = Permalink.Inputs(
            date: date, timeZone: config.timeZone, title: slug, slug: slug, categories: categories,
            outputExtension: ".html", path: String(relative.dropLast(ext.count + 1)), basename: stem
        )
        let url = try resolveURL(file: file, display: display, site: permalink, inputs: inputs)
        return .document(Document(
            kind: kind, relativePath: relative, displayPath: display, frontMatter: fm, keyLines: file.keyLines,
            body: file.body, bodyFirstLine: file.bodyFirstLine, date: date, slug: slug,
            title: SiteReader.string(fm["title"]) ?? SiteReader.titleize(slug),
            categories: categories, tags: SiteReader.words(fm["tags"]) + SiteReader.words(fm["tag"]),
            layout: layoutName(fm, fallback: "post"), isMarkdown: isMarkdown,
            url: url, outputPath: URLPath.outputPath(for: url)
        ))
    }

    /// A file with front matter becomes a page; nil means a static file.
    func readPage(_ url: URL, relative: String) throws(Diagnostic) -> Document? {
        guard let head = try? FileHandle(forReadingFrom: url).read(upToCount: 3), head == Data("---".utf8) else {
            return nil
        }
        let display = layout.display(url)
        let file = try FrontMatterFile.parse(try readText(url), path: display)
        guard file.hasFrontMatter else { return nil }
        let fm = file.values
        if fm["published"] == .bool(false) { return nil }
        let ext = url.pathExtension.lowercased()
        let isMarkdown = SiteReader.markdownExtensions.contains(ext)
        let outputExtension = SiteReader.renderedExtensions.contains(ext) ? ".html" : (ext.isEmpty ? "" : "." + ext)
        let withoutExt = ext.isEmpty ? relative : String(relative.dropLast(ext.count + 1))
        let stem = RelativePath.lastComponent(withoutExt)
        let folder = RelativePath.folder(withoutExt)
        // Jekyll's page default: `/:path:output_ext`, with `index` standing for its folder,
        // and folders instead of `.html` when the site's style ends in a slash.
        var defaultURL: String
        if stem == "index", outputExtension == ".html" {
            defaultURL = "/" + folder + "/"
        } else if Permalink(config.permalink).pattern.hasSuffix("/"), outputExtension == ".html" {
            defaultURL = "/" + withoutExt + "/"
        } else {
            defaultURL = "/" + withoutExt + outputExtension
        }
        defaultURL = URLPath.clean(defaultURL.split(separator: "/", omittingEmptySubsequences: false).map { URLPath.escapeSegment(String($0)) }.joined(separator: "/"))
        var url = defaultURL
        if fm["permalink"] != nil {
            let inputs = Permalink.Inputs(
                date: nil, timeZone: config.timeZone, title: stem, slug: stem, categories: [],
                outputExtension: outputExtension, path: folder.isEmpty ? "" : "/" + folder, basename: stem
            )
            url = try resolveURL(file: file, display: display, site: Permalink(defaultURL), inputs: inputs)
        }
        return Document(
            kind: .page, relativePath: relative, displayPath: display, frontMatter: fm, keyLines: file.keyLines,
            body: file.body, bodyFirstLine: file.bodyFirstLine, date: nil, slug: stem,
            title: SiteReader.string(fm["title"]) ?? "", categories: [], tags: [],
            layout: layoutName(fm, fallback: "page"), isMarkdown: isMarkdown,
            url: url, outputPath: URLPath.outputPath(for: url)
        )
    }

    func readLayout(_ url: URL, relative: String) throws(Diagnostic) -> Layout {
        let display = layout.display(url)
        let file = try FrontMatterFile.parse(try readText(url), path: display)
        let name = RelativePath.removingExtension(relative)
        return Layout(
            name: name, displayPath: display, frontMatter: file.values,
            parent: SiteReader.string(file.values["layout"]), parentLine: file.keyLines["layout"],
            body: file.body, bodyFirstLine: file.bodyFirstLine
        )
    }

    // MARK: - Front matter fields

    private func resolveURL(file: FrontMatterFile, display: String, site: Permalink, inputs: Permalink.Inputs) throws(Diagnostic) -> String {
        var permalink = site
        if let value = file.values["permalink"] {
            guard case .string(let pattern) = value else {
                throw Diagnostic(location: SourceLocation(file: display, line: file.keyLines["permalink"] ?? 1), message: "`permalink` must be text such as /:title/", step: "read")
            }
            permalink = Permalink(pattern)
        }
        do {
            try permalink.validate()
        } catch {
            throw Diagnostic(
                location: SourceLocation(file: display, line: file.keyLines["permalink"] ?? 1),
                message: "unknown permalink placeholder `:\(error.name)`", step: "read"
            )
        }
        return permalink.expand(inputs)
    }

    private func parseDate(_ value: Value, key: String, file: FrontMatterFile, display: String) throws(Diagnostic) -> Date {
        if case .date(let date) = value { return date.instant }
        if let text = SiteReader.string(value), let date = DateParsing.parse(text, timeZone: config.timeZone) { return date }
        throw Diagnostic(
            location: SourceLocation(file: display, line: file.keyLines[key] ?? 1),
            message: "`\(key)` is not a date; write it as 2021-03-07, 2021-03-07 10:30:00 or 2021-03-07 10:30:00 +0100",
            step: "read"
        )
    }

    private func layoutName(_ fm: ValueObject, fallback: String) -> String? {
        switch fm["layout"] {
        case .string(let name)?: return name.isEmpty || name == "none" ? nil : name
        case .null?: return nil
        default: return fallback
        }
    }

    /// Categories and tags: a space-separated string or a list.
    static func words(_ value: Value?) -> [String] {
        switch value {
        case .string(let text)?: return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        case .array(let items)?: return items.compactMap { string($0) }
        case .int(let number)?: return [String(number)]
        default: return []
        }
    }

    static func string(_ value: Value?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        case .double(let number)?: return String(number)
        default: return nil
        }
    }

    /// Jekyll's title from a slug: `docker-images` → `Docker Images`.
    static func titleize(_ slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// `2021-03-07-docker-images` → date `2021-03-07`, slug `docker-images`.
struct PostFileName {
    var date: String
    var slug: String

    init?(_ stem: String) {
        let scalars = Array(stem.unicodeScalars)
        guard scalars.count > 11 else { return nil }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digitPositions.allSatisfy({ ("0"..."9").contains(scalars[$0]) }),
              scalars[4] == "-", scalars[7] == "-", scalars[10] == "-" else { return nil }
        date = String(String.UnicodeScalarView(scalars[0..<10]))
        slug = String(String.UnicodeScalarView(scalars[11...]))
    }
}
