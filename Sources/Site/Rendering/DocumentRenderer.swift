import Diagnostics
import Foundation
import Liquid
import Markdown

/// A document after Liquid and Markdown, before its layout.
struct RenderedBody: Sendable {
    var document: Document
    var contentHTML: String
    var excerptHTML: String
    var headings: [Heading]
    var dependencies: Set<String>
    /// The Sass source map written beside a compiled stylesheet.
    var sourceMap: String?
}

/// One finished page of the site.
struct RenderedPage: Sendable {
    var document: Document
    var html: String
    var dependencies: Set<String>
    var sourceMap: String?
    /// Where `html` went when the build spooled it (`PageSpool`); `html` is empty then.
    var staged: OutputFile.Contents?
}

/// Renders one document through Jekyll's steps: Liquid on the body, Markdown (for
/// Markdown files), then the layout chain.
struct DocumentRenderer: Sendable {
    let config: SiteConfiguration
    let templates: SiteTemplates
    let markdown: MarkdownRenderer
    var variables: PageVariables
    var sass: SassCompiler?
    /// jekyll-relative-links, when listed: Markdown links to source files rewritten first.
    var relativeLinks: RelativeLinksPlugin?
    /// jekyll-mentions, when listed: `@name` linked in the finished page.
    var mentions: MentionsPlugin?
    /// jemoji, when listed: `:name:` replaced by GitHub's emoji image in the finished page.
    var jemoji: JemojiPlugin?

    /// Liquid then Markdown, with the table of contents and the excerpt. `extra` holds
    /// fields the page gets from its place in the site (a post's `previous` and `next`).
    func renderBody(_ document: Document, site: Value, extra: ValueObject = ValueObject()) throws(Diagnostic) -> RenderedBody {
        var document = document
        if let relativeLinks, relativeLinks.applies(to: document) {
            // A generator in the gem: it edits the source before Liquid, as here.
            document.body = relativeLinks.rewrite(document.body, of: document)
        }
        let marked = TableOfContents.markIncludes(in: document.body)
        var liquid: (output: String, dependencies: Set<String>) = (marked.body, [])
        // Text without `{{` or `{%` renders to itself: skip tokenizing prose.
        if TextSearch.contains(marked.body, "{{") || TextSearch.contains(marked.body, "{%") {
            let template = try templates.parse(marked.body, path: document.displayPath, firstLine: document.bodyFirstLine)
            var page = variables.page(document)
            for (key, value) in extra.pairs { page[key] = value }
            var values: [String: Value] = ["site": site, "page": .object(page)]
            if let paginator = document.paginator { values["paginator"] = .object(paginator) }
            liquid = try templates.render(template, variables: values)
        }
        var html = liquid.output
        var headings: [Heading] = []
        if let syntax = document.sassSyntax, let sass {
            let compiled = try sass.compile(html, syntax: syntax, document: document)
            return RenderedBody(document: document, contentHTML: compiled.css, excerptHTML: "", headings: [], dependencies: liquid.dependencies, sourceMap: compiled.sourceMap)
        }
        if document.isMarkdown {
            do {
                let rendered = try markdown.render(html)
                html = rendered.html
                headings = rendered.headings
            } catch {
                throw Diagnostic(location: SourceLocation(file: document.displayPath, line: document.bodyFirstLine), message: error.description)
            }
        }
        var dependencies = liquid.dependencies
        if marked.found {
            let toc = try templates.renderTableOfContents(
                variables: ["site": site, "page": .object(variables.page(document, toc: headings))],
                calledFrom: SourceLocation(file: document.displayPath, line: document.bodyFirstLine + marked.line - 1)
            )
            html = html.replacingFirstOccurrences(of: TableOfContents.marker, with: toc.output)
            dependencies.formUnion(toc.dependencies)
        }
        html = templates.embeds.restore(html)
        // A post's own `excerpt_separator` wins over the site's, as in Jekyll's `Excerptible`.
        var separator = config.excerptSeparator
        if case .string(let own)? = document.frontMatter["excerpt_separator"] { separator = own }
        let excerpt = Excerpt.extract(from: html, separator: separator)
        // Both are kept until the site is written (`site.posts` shows them): without their growth slack.
        return RenderedBody(document: document, contentHTML: html.compacted(), excerptHTML: excerpt.compacted(), headings: headings, dependencies: dependencies)
    }

    /// Wraps the body in its layout, then the layout's parent, and so on. `extra` holds
    /// fields the page gets from its place in the site (a post's `previous` and `next`).
    /// `page`: the body's `page` object when the caller has it made already (a post's, kept
    /// in `RenderState.postValues`); made here otherwise.
    func applyLayouts(_ body: RenderedBody, site: Value, extra: ValueObject = ValueObject(), page made: ValueObject? = nil) throws(Diagnostic) -> RenderedPage {
        var html = body.contentHTML
        var dependencies = body.dependencies
        var pageObject = made ?? variables.page(body.document, content: body.contentHTML, excerpt: body.excerptHTML, toc: body.headings)
        for (key, value) in extra.pairs { pageObject[key] = value }
        let page = Value.object(pageObject)
        var name = body.document.layout
        var requestedAt = SourceLocation(file: body.document.displayPath, line: body.document.keyLines["layout"] ?? 1)
        var visited: [String] = []
        // Jekyll's `layout` grows outwards: each layout's front matter under the ones it
        // wraps (`deep_merge_hashes(layout.data, payload["layout"])`), so a parent reads
        // its child's `nav_enabled: false` (just-the-docs' minimal layout).
        var layoutData = ValueObject()
        // A layout named explicitly must exist; the implicit `post`/`page` default may not.
        let explicit = body.document.frontMatter["layout"] != nil
        while let current = name {
            guard let layout = templates.layouts[current] else {
                if visited.isEmpty, !explicit { break }
                let names = templates.layouts.keys.sorted()
                let guess = NameSuggestion.closest(to: current, in: names).map { "; did you mean `\($0)`?" } ?? ""
                let message = "layout `\(current)` does not exist\(guess) (layouts: \(names.joined(separator: ", ")))"
                // A layout the file does not name came from `defaults:`: the typo is there, once.
                if visited.isEmpty, body.document.keyLines["layout"] == nil, let line = defaultsLine(naming: current) {
                    throw Diagnostic(location: line, message: message,
                                     notes: [DiagnosticList.defaultsNotePrefix + body.document.displayPath],
                                     source: config.texts[line.file])
                }
                throw Diagnostic(location: requestedAt, message: message)
            }
            if visited.contains(current) {
                throw Diagnostic(location: requestedAt, message: "layouts form a cycle: \((visited + [current]).joined(separator: " → "))")
            }
            visited.append(current)
            layoutData = FrontMatterDefaults.deepMerge(layout.frontMatter, layoutData)
            var values: [String: Value] = ["site": site, "page": page, "content": .string(html), "layout": .object(layoutData)]
            if let paginator = body.document.paginator { values["paginator"] = .object(paginator) }
            let rendered: (output: String, dependencies: Set<String>)
            do {
                rendered = try templates.render(layout.template, variables: values)
            } catch {
                // Names the page, so that one layout error reached by many pages is printed once.
                var located = error
                located.notes.append(DiagnosticList.layoutNotePrefix + body.document.displayPath)
                throw located
            }
            html = rendered.output
            dependencies.formUnion(rendered.dependencies)
            dependencies.insert(layout.displayPath)
            name = layout.parent
            requestedAt = SourceLocation(file: layout.displayPath, line: layout.parentLine ?? 1)
        }
        html = templates.embeds.restore(html)
        // The gems' `post_render` hooks: the whole page, layouts included.
        if let mentions { html = try mentions.mentionify(html, document: body.document) }
        if let jemoji, JemojiPlugin.applies(to: body.document) { html = jemoji.emojify(html) }
        // Every page is held until the site is written: in storage of its size, not the
        // capacity appending grew it to (up to twice the page; most of a large site's peak memory).
        return RenderedPage(document: body.document, html: html.compacted(), dependencies: dependencies, sourceMap: body.sourceMap)
    }

    /// Where `defaults:` sets `layout: NAME`: the first line below the `defaults` key that
    /// holds `layout` and then `name`, with the column of the name; nil when none does
    /// (the layout came from elsewhere, a theme's config).
    private func defaultsLine(naming name: String) -> SourceLocation? {
        guard config.values["defaults"] != nil else { return nil }
        let start = config.location(ofKey: "defaults")
        guard let text = config.texts[start.file] else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in max(0, start.line - 1)..<lines.count {
            let line = lines[index]
            guard let key = line.range(of: "layout"), let value = line.range(of: name, range: key.upperBound..<line.endIndex) else { continue }
            return SourceLocation(file: start.file, line: index + 1, column: line.distance(from: line.startIndex, to: value.lowerBound) + 1)
        }
        return nil
    }
}

extension String {
    /// The same text in storage of its own size. Text built by appending keeps the
    /// capacity it grew to, up to twice its length; copying the bytes once is cheap
    /// beside holding that slack for every page of a site until it is written.
    func compacted() -> String {
        // Appending one String to another copies its bytes as they are; building the copy
        // from raw bytes (`String(unsafeUninitializedCapacity:)`) checked every page's
        // UTF-8 again, 3.5% of a build's instructions.
        var text = String()
        text.reserveCapacity(utf8.count)
        text.append(self)
        return text
    }

    /// One replacement by range search, avoiding Foundation's slow general replace.
    func replacingFirstOccurrences(of target: String, with replacement: String) -> String {
        guard let range = TextSearch.range(of: target, in: self) else { return self }
        return String(self[..<range.lowerBound]) + replacement + self[range.upperBound...]
    }
}
