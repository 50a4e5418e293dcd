import Diagnostics
import Foundation
import Liquid
import Markdown

/// Renders one template outside a build, for `strata liquid`: a theme author's debugging
/// aid and the way Liquid conformance is checked from outside.
public struct LiquidWorkbench: Sendable {
    public var source: URL
    public var includes: URL?
    /// The unknown filters renders passed over, as Liquid 5.4 passes them without
    /// `strict_filters` (a `site.liquid.strict_filters` in the data makes them errors).
    public let unknownFilters = UnknownFilterLog()
    /// Liquid's `error_mode`; nil keeps the data's `site.liquid.error_mode`, or `strict` (what Liquid 5.4's
    /// own tests and the conformance oracle use) when the data has none.
    public var errorMode: LiquidErrorMode?
    /// Markup the strict parser rejected and the lax one read, under `warn`.
    public let laxParses = UnknownFilterLog()

    public init(source: URL, includes: URL? = nil) {
        self.source = source
        self.includes = includes
    }

    /// Renders `template` with `json` (an object) as the top-level variables. Posts and
    /// pages under `source` are read, when there are any, so `link` and `post_url` resolve.
    public func render(template: String, path: String, json: String) throws -> String {
        let layout = SiteFolders.detect(root: source)
        var configuration = LiquidConfiguration()
        let data = try Value(json: json)
        guard case .object(let variables) = data else {
            throw LiquidError(file: "<data>", line: 1, column: 1, message: "the data must be a JSON object of variables")
        }
        if let site = variables["site"] { configuration.apply(siteConfig: site) }
        configuration.includeLoader = DirectoryIncludeLoader(root: includes ?? layout.includes, displayRoot: (includes ?? layout.includes).path)
        configuration.relativeIncludeLoader = RelativeIncludeLoader(root: source)
        configuration.unknownFilters = unknownFilters
        if let errorMode { configuration.errorMode = errorMode }
        configuration.laxParses = laxParses
        let markdown = MarkdownRenderer()
        configuration.markdownify = markdown.markdownify
        let sassConfig = (try? SiteConfiguration.load(layout: layout)) ?? (try? SiteConfiguration(values: ValueObject(), keyLines: [:], path: "_config.yml", overrides: .init()))
        if let sassConfig {
            let sass = SassCompiler(config: sassConfig, layout: layout)
            configuration.sassify = { source, indented in sass.filter(source, indented: indented) }
        }
        let documents = knownDocuments(layout)
        let byPath = Dictionary(documents.map { ($0.relativePath, $0.url) }, uniquingKeysWith: { first, _ in first })
        let byName = Dictionary(
            documents.filter { $0.kind != .page }.map { (RelativePath.removingExtension(RelativePath.lastComponent($0.relativePath)), $0.url) },
            uniquingKeysWith: { first, _ in first }
        )
        configuration.linkResolver = { byPath[$0.hasPrefix("/") ? String($0.dropFirst()) : $0] }
        configuration.postURLResolver = { byName[$0] }
        let engine = LiquidEngine(configuration: configuration)
        return try engine.render(engine.parse(source: template, path: path), variables: variables).output
    }

    /// The site's documents, if `source` is a site at all; future posts and drafts included
    /// so that every `post_url` a template names can resolve.
    private func knownDocuments(_ layout: SiteFolders) -> [Document] {
        guard FileManager.default.fileExists(atPath: layout.content.appendingPathComponent("_posts").path)
            || FileManager.default.fileExists(atPath: layout.content.appendingPathComponent("_config.yml").path),
            let config = try? SiteConfiguration.load(layout: layout, overrides: .init(drafts: true, future: true)),
            let content = try? SiteReader(layout: layout, config: config, now: Date()).read()
        else { return [] }
        return content.documents
    }
}
