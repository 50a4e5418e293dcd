import Diagnostics
import Foundation
import Liquid

extension SiteReader {
    enum PostResult {
        case document(Document)
        /// Unpublished.
        case skipped
        /// Dated in the future without `--future`: left out until that date.
        case scheduled(Date)
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
        let fm = config.frontMatterDefaults.apply(to: file.values, path: relative, type: kind == .draft ? "drafts" : "posts")
        if fm["published"] == .bool(false) { return .skipped }

        var date = fileDate
        if let value = fm["date"] {
            date = try parseDate(value, key: "date", file: file, display: display)
        }
        if kind == .draft, date == nil {
            date = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date ?? now
        }
        if let date, date > now, !config.future { return .scheduled(date) }
        if let custom = SiteReader.string(fm["slug"]) { slug = custom }

        // Jekyll's `categories_from_path`: the folders above a nested `_posts` come first.
        let folders = relative.split(separator: "/").map(String.init)
        var categories = folders.firstIndex(where: { $0 == "_posts" || $0 == "_drafts" }).map { Array(folders[..<$0]) } ?? []
        for name in SiteReader.categories(fm) where !categories.contains(name) { categories.append(name) }
        let isMarkdown = SiteReader.markdownExtensions.contains(ext)
        let inputs = Permalink.Inputs(
            date: date, timeZone: config.timeZone, title: slug, slug: slug, categories: categories,
            outputExtension: ".html", path: String(relative.dropLast(ext.count + 1)), basename: stem
        )
        let url = try resolveURL(fm, file: file, display: display, site: permalink, inputs: inputs)
        return .document(Document(
            kind: kind, relativePath: relative, displayPath: display, frontMatter: fm, keyLines: file.keyLines,
            body: file.body, bodyFirstLine: file.bodyFirstLine, date: date, slug: slug,
            title: SiteReader.string(fm["title"]) ?? SiteReader.titleize(slug),
            categories: categories, tags: SiteReader.pluralized(fm, singular: "tag", plural: "tags"),
            layout: layoutName(fm, fallback: "post"), isMarkdown: isMarkdown,
            url: url, outputPath: URLPath.outputPath(for: url), collection: "posts"
        ))
    }

    /// What reading a file outside `_posts/` found: a document, one left out by
    /// `published: false` (written nowhere, not even as a static file), or a static file.
    enum FileReading {
        case document(Document)
        case unpublished
        case staticFile

        var document: Document? {
            if case .document(let document) = self { return document }
            return nil
        }
    }

    /// A file with front matter becomes a page; nil means a static file or an unpublished
    /// page. With `requiringFrontMatter` false (jekyll-optional-front-matter,
    /// jekyll-readme-index, which make `Jekyll::Page`s of static files) a file without it is
    /// a page too.
    func readPage(_ url: URL, relative: String, requiringFrontMatter: Bool = true) throws(Diagnostic) -> Document? {
        try readPageFile(url, relative: relative, requiringFrontMatter: requiringFrontMatter).document
    }

    /// As `readPage`, telling an unpublished page from a static file, with one read of the file.
    func readPageFile(_ url: URL, relative: String, requiringFrontMatter: Bool = true) throws(Diagnostic) -> FileReading {
        if requiringFrontMatter {
            guard let head = try? FileHandle(forReadingFrom: url).read(upToCount: 3), head == Data("---".utf8) else {
                return .staticFile
            }
        }
        let display = layout.display(url)
        let file = try FrontMatterFile.parse(try readText(url), path: display)
        guard file.hasFrontMatter || !requiringFrontMatter else { return .staticFile }
        let fm = config.frontMatterDefaults.apply(to: file.values, path: relative, type: "pages")
        // Jekyll's reader leaves unpublished pages out; a generator's `Page.new` is not asked.
        if fm["published"] == .bool(false), requiringFrontMatter { return .unpublished }
        let ext = url.pathExtension.lowercased()
        let isMarkdown = SiteReader.markdownExtensions.contains(ext)
        let outputExtension = SiteReader.outputExtension(ext)
        let withoutExt = ext.isEmpty ? relative : String(relative.dropLast(ext.count + 1))
        let stem = RelativePath.lastComponent(withoutExt)
        let folder = RelativePath.folder(withoutExt)
        // Jekyll's page default: `/:path/:basename:output_ext` for other outputs, the folder for
        // `index`, and otherwise the site style's suffix (`Page#template`).
        var defaultURL: String
        if outputExtension != ".html" {
            defaultURL = "/" + withoutExt + outputExtension
        } else if stem == "index" {
            defaultURL = "/" + folder + "/"
        } else {
            let suffix = Permalink.defaultSuffix(forSiteStyle: config.permalink)
            defaultURL = "/" + withoutExt + (suffix == ":output_ext" ? outputExtension : suffix)
        }
        defaultURL = URLPath.clean(defaultURL.split(separator: "/", omittingEmptySubsequences: false).map { URLPath.escapeSegment(String($0)) }.joined(separator: "/"))
        var url = defaultURL
        if fm["permalink"] != nil {
            let inputs = Permalink.Inputs(
                date: nil, timeZone: config.timeZone, title: stem, slug: stem, categories: [],
                outputExtension: outputExtension, path: folder.isEmpty ? "" : "/" + folder, basename: stem
            )
            url = try resolveURL(fm, file: file, display: display, site: Permalink(defaultURL), inputs: inputs)
        }
        var page = Document(
            kind: .page, relativePath: relative, displayPath: display, frontMatter: fm, keyLines: file.keyLines,
            body: file.body, bodyFirstLine: file.bodyFirstLine, date: nil, slug: stem,
            title: SiteReader.string(fm["title"]) ?? "", categories: [], tags: [],
            layout: layoutName(fm, fallback: SiteReader.sassSyntax(ext) == nil ? "page" : nil), isMarkdown: isMarkdown,
            url: url, outputPath: URLPath.outputPath(for: url, outputExtension: outputExtension)
        )
        page.sassSyntax = SiteReader.sassSyntax(ext)
        return .document(page)
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

    private func resolveURL(_ fm: ValueObject, file: FrontMatterFile, display: String, site: Permalink, inputs: Permalink.Inputs) throws(Diagnostic) -> String {
        guard let value = fm["permalink"], value != .null else {
            // The site's or the collection's pattern: validated once where it is written, so a
            // bad one is one error at its `_config.yml` line, not one more per document.
            return site.expand(inputs)
        }
        guard case .string(let pattern) = value else {
            throw Diagnostic(location: SourceLocation(file: display, line: file.keyLines["permalink"] ?? 1), message: "`permalink` must be text such as /:title/")
        }
        let permalink = Permalink(pattern)
        do {
            try permalink.validate()
        } catch {
            throw Diagnostic(
                location: SourceLocation(file: display, line: file.keyLines["permalink"] ?? 1),
                message: "unknown permalink placeholder `:\(error.name)`; \(error.suggestion)known: \(Permalink.placeholders.sorted().map { ":" + $0 }.joined(separator: ", "))"
            )
        }
        return permalink.expand(inputs)
    }

    private func parseDate(_ value: Value, key: String, file: FrontMatterFile, display: String) throws(Diagnostic) -> Date {
        if case .date(let date) = value { return date.instant }
        // Psych reads an unquoted timestamp without a zone as UTC; Jekyll parses text in the site's zone.
        let zone = file.zonelessTimestamps.contains(key) ? TimeZone(identifier: "UTC") ?? config.timeZone : config.timeZone
        if let text = SiteReader.string(value), let date = DateParsing.parse(text, timeZone: zone) { return date }
        throw Diagnostic(
            location: SourceLocation(file: display, line: file.keyLines[key] ?? 1),
            message: "`\(key)` is not a date; write it as 2021-03-07, 2021-03-07 10:30:00 or 2021-03-07 10:30:00 +0100"
        )
    }

    private func layoutName(_ fm: ValueObject, fallback: String?) -> String? {
        switch fm["layout"] {
        case .string(let name)?: return name.isEmpty || name == "none" ? nil : name
        case .null?: return nil
        default: return isJekyllFolder ? nil : fallback
        }
    }

    /// Jekyll's output extension for a source extension: `.html` for Markdown and HTML,
    /// `.css` for Sass, the extension itself otherwise.
    static func outputExtension(_ ext: String) -> String {
        if renderedExtensions.contains(ext) { return ".html" }
        if sassSyntax(ext) != nil { return ".css" }
        return ext.isEmpty ? "" : "." + ext
    }

    static func sassSyntax(_ ext: String) -> SassCompiler.Syntax? {
        switch ext {
        case "scss": return .scss
        case "sass": return .sass
        default: return nil
        }
    }

    /// A file of a collection other than posts: a document when it has front matter (unless
    /// unpublished), else a static file of the collection, as Jekyll's `Collection#read` decides.
    func readCollectionDocument(_ url: URL, relative: String, collection: CollectionSettings) throws(Diagnostic) -> FileReading {
        guard let head = try? FileHandle(forReadingFrom: url).read(upToCount: 3), head == Data("---".utf8) else { return .staticFile }
        let display = layout.display(url)
        let file = try FrontMatterFile.parse(try readText(url), path: display)
        guard file.hasFrontMatter else { return .staticFile }
        let fm = config.frontMatterDefaults.apply(to: file.values, path: relative, type: collection.label)
        if fm["published"] == .bool(false) { return .unpublished }
        let ext = url.pathExtension.lowercased()
        let isMarkdown = SiteReader.markdownExtensions.contains(ext)
        let outputExtension = SiteReader.outputExtension(ext)
        let withoutExt = ext.isEmpty ? relative : String(relative.dropLast(ext.count + 1))
        var stem = RelativePath.lastComponent(withoutExt)
        var date: Date?
        if let parsed = PostFileName(stem) {
            date = DateParsing.parse(parsed.date, timeZone: config.timeZone)
            stem = parsed.slug
        }
        if let value = fm["date"] { date = try parseDate(value, key: "date", file: file, display: display) }
        var slug = stem
        while slug.hasSuffix(".") { slug.removeLast() }
        if let custom = SiteReader.string(fm["slug"]) { slug = custom }
        // `:path` is the path inside the collection folder, without extension.
        let inner = "/" + withoutExt.split(separator: "/").dropFirst().joined(separator: "/")
        let inputs = Permalink.Inputs(
            date: date ?? now, timeZone: config.timeZone, title: slug, slug: slug, categories: SiteReader.categories(fm),
            outputExtension: outputExtension, path: inner, basename: RelativePath.lastComponent(withoutExt), collection: collection.label
        )
        let url = try resolveURL(fm, file: file, display: display, site: Permalink(collection.permalink), inputs: inputs)
        var document = Document(
            kind: .document, relativePath: relative, displayPath: display, frontMatter: fm, keyLines: file.keyLines,
            body: file.body, bodyFirstLine: file.bodyFirstLine, date: date ?? now, slug: slug,
            title: SiteReader.string(fm["title"]) ?? SiteReader.titleize(slug),
            categories: SiteReader.categories(fm), tags: SiteReader.pluralized(fm, singular: "tag", plural: "tags"),
            layout: layoutName(fm, fallback: "page"), isMarkdown: isMarkdown,
            url: url, outputPath: URLPath.outputPath(for: url, outputExtension: outputExtension), collection: collection.label
        )
        document.isWritten = collection.output
        document.sassSyntax = SiteReader.sassSyntax(ext)
        return .document(document)
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

    /// Jekyll's `titleize_slug`: `docker-API-images` → `Docker Api Images` (Ruby's
    /// `capitalize` lower-cases the rest of each word).
    static func titleize(_ slug: String) -> String {
        slug.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    /// Jekyll's `populate_categories`: `categories:` (a string split at spaces, or a list),
    /// then `category:` as one item even with spaces, duplicates dropped.
    static func categories(_ fm: ValueObject) -> [String] {
        var result: [String] = []
        for name in words(fm["categories"]) + pluralized(fm, singular: "category", plural: "categories") where !result.contains(name) {
            result.append(name)
        }
        return result
    }

    /// Jekyll's `pluralized_array_from_hash`: the singular key's value as one item when
    /// the key is present, else the plural key's words.
    static func pluralized(_ fm: ValueObject, singular: String, plural: String) -> [String] {
        if let value = fm[singular], value != .null {
            if case .array = value { return words(value) }
            return string(value).map { [$0] } ?? []
        }
        return words(fm[plural])
    }
}

/// `2021-03-07-docker-images` → date `2021-03-07`, slug `docker-images`; as Jekyll's
/// `DATE_FILENAME_MATCHER`, month and day may have one digit (`2021-3-7-x`), and trailing
/// periods leave the slug.
struct PostFileName {
    var date: String
    var slug: String

    init?(_ stem: String) {
        let parts = stem.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        // Jekyll's `DATE_FILENAME_MATCHER` takes a year of two to four digits.
        guard parts.count == 4, (2...4).contains(parts[0].count), (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts[0...2].allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }), !parts[3].isEmpty else { return nil }
        func pad(_ text: Substring) -> String { text.count == 1 ? "0" + text : String(text) }
        date = "\(DateParsing.fullYear(parts[0]))-\(pad(parts[1]))-\(pad(parts[2]))"
        var slug = String(parts[3])
        while slug.hasSuffix(".") { slug.removeLast() }
        self.slug = slug
    }
}
