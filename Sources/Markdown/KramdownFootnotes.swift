import Foundation

/// Rewrites cmark-gfm's footnote markup into kramdown's, so themes' footnote styles and
/// links to `#fn:name` work: `<sup id="fnref:1" role="doc-noteref"><a href="#fn:1"
/// class="footnote" rel="footnote">1</a></sup>` and `<div class="footnotes"
/// role="doc-endnotes"><ol><li id="fn:1" role="doc-endnote">…`.
enum KramdownFootnotes {
    /// Built per call: only documents with footnotes get here.
    private static func rules() -> [(NSRegularExpression, String)] { [
        ("<sup class=\"footnote-ref\"><a href=\"#fn-([^\"]*)\" id=\"fnref-([^\"]*)\" data-footnote-ref>",
         "<sup id=\"fnref:$2\" role=\"doc-noteref\"><a href=\"#fn:$1\" class=\"footnote\" rel=\"footnote\">"),
        ("<section class=\"footnotes\" data-footnotes>\n<ol>\n", "<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n"),
        ("<li id=\"fn-([^\"]*)\">\n", "    <li id=\"fn:$1\" role=\"doc-endnote\">\n"),
        // kramdown puts a no-break space before the back link.
        (" ?<a href=\"#fnref-([^\"]*)\" class=\"footnote-backref\"[^>]*>↩(<sup class=\"footnote-ref\">[^<]*</sup>)?</a>",
         "\u{00A0}<a href=\"#fnref:$1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a>"),
        ("</li>\n</ol>\n</section>", "    </li>\n  </ol>\n</div>"),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern)).map { ($0, template) }
    } }

    static func rewrite(_ html: String) -> String {
        guard ByteSearch.contains(html, "data-footnote") else { return html }
        var out = html
        for (expression, template) in rules() {
            out = expression.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        // Between definitions: cmark-gfm's `</li>\n<li` keeps kramdown's indentation.
        return out.replacingOccurrences(of: "</li>\n    <li id=\"fn:", with: "    </li>\n    <li id=\"fn:")
    }
}
