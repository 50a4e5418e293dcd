import CCmarkGFM
import Foundation

/// Renders GitHub Flavored Markdown to HTML with cmark-gfm. Safe to call from many
/// threads: parsing is serialised, tree rewriting and rendering run in parallel.
public struct MarkdownRenderer: Sendable {
    public var options: MarkdownOptions
    /// Writes code blocks and inline code; nil keeps cmark-gfm's `<pre><code class="language-x">`.
    public var codeRenderer: (any CodeRendering)?

    public init(options: MarkdownOptions = MarkdownOptions(), codeRenderer: (any CodeRendering)? = nil) {
        self.options = options
        self.codeRenderer = codeRenderer
    }

    public func render(_ markdown: String) throws(MarkdownError) -> RenderedMarkdown {
        guard let kramdown = options.kramdown else { return try renderTree(markdown, options: options, source: nil).rendered }
        if let html = LiteralHTML.rendered(markdown, options: kramdown) { return RenderedMarkdown(html: html, headings: []) }
        return try renderKramdown(markdown, definitions: KramdownDefinitions(options: kramdown), depth: 0)
    }

    /// Jekyll's `markdownify` filter on this renderer: the HTML, or the text unchanged when
    /// it cannot be rendered (a filter has no place to report an error).
    public var markdownify: @Sendable (String) -> String {
        { [self] text in (try? render(text).html) ?? text }
    }

    /// `render` without the shortcut for text that renders as written (`LiteralHTML`), so
    /// that tests can hold the shortcut to the full render.
    func renderInFull(_ markdown: String) throws(MarkdownError) -> RenderedMarkdown {
        guard let kramdown = options.kramdown else { return try render(markdown) }
        return try renderKramdown(markdown, definitions: KramdownDefinitions(options: kramdown), depth: 0)
    }

    /// kramdown: the source prepared (definitions taken out, blocks set aside), the tree
    /// rendered with the document's own options, then the blocks put back. Blocks rendered
    /// apart come back here one level deeper, with the document's definitions.
    private func renderKramdown(_ markdown: String, definitions: KramdownDefinitions, depth: Int) throws(MarkdownError) -> RenderedMarkdown {
        let renderer = self
        var source = KramdownSource(depth: depth, definitions: definitions) { text, inherited in
            (try? renderer.renderKramdown(text, definitions: inherited, depth: depth + 1).html) ?? text
        }
        let prepared = source.prepare(KramdownLists.nestListsOfTheOtherKind(markdown))
        var options = self.options
        options.kramdown = source.definitions.options
        var (rendered, tocEntries) = try renderTree(prepared, options: options, source: source)
        rendered.html = KramdownFootnotes.rewrite(source.restore(rendered.html))
        if depth == 0 { rendered.html = TableOfContentsEntry.place(tocEntries, in: rendered.html) }
        return rendered
    }

    private func renderTree(_ markdown: String, options: MarkdownOptions, source: KramdownSource?) throws(MarkdownError)
        -> (rendered: RenderedMarkdown, tocEntries: [TableOfContentsEntry]) {
        let extensions = try CmarkEnvironment.extensions.get()
        let cmarkOptions = options.cmarkOptions
        guard let parser = cmark_parser_new(cmarkOptions) else { throw .parserUnavailable }
        defer { cmark_parser_free(parser) }
        for name in MarkdownOptions.extensionNames(kramdown: options.kramdown != nil) {
            if let ext = extensions[name] { cmark_parser_attach_syntax_extension(parser, ext.pointer) }
        }

        CmarkEnvironment.parseLock.lock()
        var bytes = markdown
        bytes.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let document = cmark_parser_finish(parser)
        CmarkEnvironment.parseLock.unlock()

        guard let document else { throw .parserUnavailable }
        defer { cmark_node_free(document) }

        let extensionList = cmark_parser_get_syntax_extensions(parser)
        var rewriter = TreeRewriter(options: options, cmarkOptions: cmarkOptions, extensions: extensionList, codeRenderer: codeRenderer, source: source, sourceText: markdown)
        rewriter.rewrite(document)

        guard let raw = cmark_render_html(document, cmarkOptions, extensionList) else {
            throw .parserUnavailable
        }
        defer { free(raw) }
        return (RenderedMarkdown(html: rewriter.placeItemLists(String(cString: raw)), headings: rewriter.headings), rewriter.tocEntries)
    }
}
