import Diagnostics
import Foundation
import Liquid
import Markdown

/// A layout parsed once per build.
struct ParsedLayout: Sendable {
    var template: Template
    var frontMatter: ValueObject
    var parent: String?
    var parentLine: Int?
    var displayPath: String
}

/// The site's Liquid engine with its layouts parsed once, and the bridge from
/// Liquid's errors to located diagnostics.
struct SiteTemplates: Sendable {
    let engine: LiquidEngine
    private(set) var layouts: [String: ParsedLayout]
    /// HTML from Strata's own tags, held back from Markdown until the page is done.
    let embeds: EmbeddedHTML
    /// Markdown with code highlighted, for bodies and the `markdownify` filter.
    let markdown: MarkdownRenderer
    let root: URL
    /// The includes folder as include paths are reported (`templates/_includes/…`).
    let includesDisplayPath: String
    /// The Dockerfiles the `layers` and `explainer` tags drew, with the model's warnings about them.
    let diagramModels: DockerfileImages
    /// Code blocks' highlighting, which counts the blocks Rouge could not colour.
    let code: HighlightedCode
    /// What each feed of this render showed (the dependency graph's view of feeds).
    let feedReads = FeedReads()
    /// Unknown filters the renders passed over, as Jekyll does without `strict_filters`.
    let unknownFilters = UnknownFilterLog()
    /// Markup Liquid's strict parser rejected and the lax one read (`liquid: error_mode: warn`).
    let laxParses = UnknownFilterLog()
    private let tocCall: Template
    /// Jekyll's `jekyll` variable (its `JekyllDrop`): `jekyll.version`, the Jekyll release
    /// whose behaviour Strata follows (`JekyllVersion.followed`), and `jekyll.environment`
    /// (`development`, or JEKYLL_ENV), in the drop's order for `jsonify`.
    private let jekyll: Value

    init(layout: SiteFolders, config: SiteConfiguration, layouts sources: [String: Layout], documents: [Document],
         staticFiles: [StaticFile] = [], lastModifiedAt: LastModifiedAtPlugin? = nil) throws(DiagnosticList) {
        var configuration = LiquidConfiguration()
        configuration.strictVariables = config.strictVariables
        configuration.strictFilters = config.strictFilters
        configuration.unknownFilters = unknownFilters
        configuration.errorMode = config.liquidErrorMode
        configuration.laxParses = laxParses
        configuration.timeZone = config.timeZone
        configuration.includeLoader = SuggestingIncludeLoader(root: layout.includes, displayRoot: layout.display(layout.includes), themeRoot: config.theme?.includes)
        configuration.relativeIncludeLoader = RelativeIncludeLoader(root: layout.root)
        let embeds = EmbeddedHTML()
        var code = HighlightedCode(highlighter: .shared, colours: config.kramdownColoursCode)
        code.lineNumbers = config.kramdownBlockLineNumbers
        self.code = code
        if documents.contains(where: { HighlightedCode.mayHaveCode($0.body) }) { code.highlighter.library?.prewarm() }
        let markdown = MarkdownRenderer(options: config.markdownOptions, codeRenderer: code)
        configuration.markdownify = markdown.markdownify
        let sass = SassCompiler(config: config, layout: layout)
        configuration.sassify = { source, indented in sass.filter(source, indented: indented) }
        configuration.highlighter = code.liquidHighlighter(embeds: embeds)
        diagramModels = DockerfileImages(content: layout.content, display: { [layout] url in layout.display(url) })
        configuration.customTags["layers"] = LayersTag.make(models: diagramModels, embeds: embeds)
        configuration.customTags["explainer"] = ExplainerTag.make(models: diagramModels, embeds: embeds)
        let toc: JekyllTOCPlugin?
        do {
            toc = try JekyllTOCPlugin.load(config)
        } catch {
            throw DiagnosticList([error])
        }
        for (name, tag) in PluginList.tags(config, embeds: embeds, feedReads: feedReads, lastModifiedAt: lastModifiedAt, toc: toc) { configuration.customTags[name] = tag }
        if config.pluginList.has("jekyll-include-cache") { configuration.includeCache = IncludeCache() }
        configuration.customFilters = toc?.filters() ?? [:]
        // Mapped when a template first asks (`SiteLinks`).
        let links = SiteLinks(documents: documents, staticFiles: staticFiles, contentRoot: layout.content.standardizedFileURL.path + "/")
        configuration.linkResolver = { path in links.link(path) }
        configuration.postURLResolver = { name in links.postURL(name) }
        engine = LiquidEngine(configuration: configuration)
        self.embeds = embeds
        jekyll = .object(ValueObject([("version", .string(JekyllVersion.followed)), ("environment", .string(config.environment))]))
        self.markdown = markdown
        root = layout.root
        includesDisplayPath = layout.display(layout.includes) + "/"

        var errors: [Diagnostic] = []
        let parsed = Self.parse(sources, engine: engine, root: layout.root, errors: &errors)
        do {
            tocCall = try engine.parse(source: "{% include \(TableOfContents.includeName) %}", path: "(table of contents)")
        } catch {
            errors.append(SiteTemplates.diagnostic(error, root: layout.root, knownTags: engine.knownTagNames))
            throw DiagnosticList(errors)
        }
        guard errors.isEmpty else { throw DiagnosticList(errors.sorted { $0.rendered < $1.rendered }) }
        layouts = parsed
    }

    /// The same templates with `changed` layouts (by name, as read) parsed anew: what a layout
    /// edit under the preview needs. The engine, with its parsed includes, stays: an edit to an
    /// include, the configuration or anything else the engine was made from takes a full render.
    /// Throws the changed layouts' parse errors, located in their files.
    func replacingLayouts(_ changed: [String: Layout]) throws(DiagnosticList) -> SiteTemplates {
        var errors: [Diagnostic] = []
        let parsed = Self.parse(changed, engine: engine, root: root, errors: &errors)
        guard errors.isEmpty else { throw DiagnosticList(errors.sorted { $0.rendered < $1.rendered }) }
        var renewed = self
        renewed.layouts.merge(parsed) { _, new in new }
        return renewed
    }

    private static func parse(_ sources: [String: Layout], engine: LiquidEngine, root: URL, errors: inout [Diagnostic]) -> [String: ParsedLayout] {
        var parsed: [String: ParsedLayout] = [:]
        for (name, source) in sources {
            do {
                let template = try engine.parse(source: source.body, path: source.displayPath, lineOffset: source.bodyFirstLine - 1)
                parsed[name] = ParsedLayout(
                    template: template, frontMatter: source.frontMatter, parent: source.parent,
                    parentLine: source.parentLine, displayPath: source.displayPath
                )
            } catch {
                errors.append(SiteTemplates.diagnostic(error, root: root, knownTags: engine.knownTagNames))
            }
        }
        return parsed
    }

    func parse(_ source: String, path: String, firstLine: Int) throws(Diagnostic) -> Template {
        do {
            return try engine.parse(source: source, path: path, lineOffset: firstLine - 1)
        } catch {
            throw SiteTemplates.diagnostic(error, root: root, knownTags: engine.knownTagNames)
        }
    }

    /// Renders and reports the include files read, for the dependency graph.
    func render(_ template: Template, variables: [String: Value]) throws(Diagnostic) -> (output: String, dependencies: Set<String>) {
        do {
            var variables = variables
            variables["jekyll"] = jekyll
            let rendered = try engine.render(template, variables: variables)
            return (rendered.output, rendered.includedPaths)
        } catch {
            throw SiteTemplates.diagnostic(error, root: root, knownTags: engine.knownTagNames)
        }
    }

    /// Renders `{% include toc.html %}`; its errors are blamed on the post's include line.
    func renderTableOfContents(variables: [String: Value], calledFrom: SourceLocation) throws(Diagnostic) -> (output: String, dependencies: Set<String>) {
        do {
            return try render(tocCall, variables: variables)
        } catch {
            var located = error
            if located.location?.file == "(table of contents)" {
                located.location = calledFrom
                located.excerpt = nil
            }
            throw located
        }
    }

    /// One warning per place an unknown filter was passed over: Jekyll shows the input
    /// unchanged without a word, so a theme that writes `| add: 1` builds there; Strata builds
    /// it too and says where, with the nearest filter's name and how to make it an error.
    static func unknownFilterWarning(_ call: LiquidError, root: URL) -> Diagnostic {
        var diagnostic = diagnostic(call, root: root)
        diagnostic.severity = .warning
        diagnostic.notes.append("its input is shown unchanged, as Jekyll shows it; set `liquid: {strict_filters: true}` in _config.yml to make this an error")
        diagnostic.kind = Finding.Kind.unknownFilter.diagnosticKind
        return diagnostic
    }

    /// One warning per place Liquid's strict parser rejected and the lax one read, as Jekyll's
    /// default `error_mode: warn` does (Jekyll prints the strict error too, without the column).
    static func laxParseWarning(_ error: LiquidError, root: URL) -> Diagnostic {
        var diagnostic = diagnostic(error, root: root)
        diagnostic.severity = .warning
        diagnostic.kind = Finding.Kind.laxMarkup.diagnosticKind
        return diagnostic
    }

    /// Liquid reports the file it was given (relative to the site root); the excerpt is
    /// read only now, when an error is shown.
    /// `knownTags`: the engine's tags, for "did you mean" after an unknown tag's name.
    static func diagnostic(_ error: LiquidError, root: URL, knownTags: Set<String> = []) -> Diagnostic {
        // A gem theme's files are named by their absolute paths.
        let url = error.file.hasPrefix("/") ? URL(fileURLWithPath: error.file) : root.appendingPathComponent(error.file)
        let source = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
        var message = error.message
        var notes = error.notes
        let guess: String?
        switch error.unknown {
        case .tag(let name)?: guess = NameSuggestion.closest(to: name, in: knownTags)
        case .filter("emojify")?:
            // Old jemoji how-tos show this filter, which no jemoji release has; Jekyll passes
            // an unknown filter's input through, so removing it gives Jekyll's page.
            guess = nil
            notes.append("jemoji has no `emojify` filter: with `jemoji` under `plugins:`, `:name:` is replaced in every HTML page after rendering; remove `| emojify`")
        case .filter(let name)?: guess = NameSuggestion.closest(to: name, in: LiquidEngine.filterNames)
        case nil: guess = nil
        }
        if let guess { message += "; did you mean `\(guess)`?" }
        return Diagnostic(
            location: SourceLocation(file: error.file, line: error.line, column: error.column),
            message: message, notes: notes, source: source
        )
    }
}
