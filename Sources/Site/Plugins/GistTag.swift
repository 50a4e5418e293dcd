import Diagnostics
import Foundation
import Liquid

/// jekyll-gist (1.5): `{% gist user/1234567 %}`, `{% gist 28949e1d5ee2273f9fd3 best.md %}`,
/// either part possibly a variable. Writes the gem's `<script>` embed. The gem also fetches
/// the gist over the network for a `<noscript>` copy and, when it cannot, writes the script
/// alone with a warning; Strata never reaches the network during a build, so it always
/// writes what the gem writes offline (or with `gist.noscript: false`).
enum GistTag {
    static let name = "jekyll-gist"

    /// The gem's `determine_arguments`: an id (anything up to the last space when it holds a
    /// `/`, else one word), then an optional file name.
    private static let arguments = try? NSRegularExpression(pattern: #"\A([\S]+|.*(?=\/).+)\s?(\S*)\Z"#)

    /// The `<script>` goes out through `embeds`: cmark-gfm's tag filter would disarm it, where
    /// kramdown passes it through.
    static func make(embeds: EmbeddedHTML) -> CustomTag {
        CustomTag(name: "gist") { (invocation: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            let markup = invocation.markup.trimmingCharacters(in: .whitespacesAndNewlines)
            let range = NSRange(markup.startIndex..., in: markup)
            guard let match = arguments?.firstMatch(in: markup, range: range),
                  let idRange = Range(match.range(at: 1), in: markup), let fileRange = Range(match.range(at: 2), in: markup) else {
                throw context.error("Syntax error in tag 'gist': use {% gist user/1234567 %} or {% gist 28949e1d5ee2273f9fd3 best.md %}")
            }
            // As the gem, a part that names a variable stands for its value.
            func resolve(_ part: String) -> String {
                guard !part.isEmpty, let value = context.variable(part) else { return part }
                return SiteTagText.string(value)
            }
            let id = resolve(markup[idRange].trimmingCharacters(in: .whitespaces))
            let file = resolve(markup[fileRange].trimmingCharacters(in: .whitespaces))
            var url = "https://gist.github.com/\(id).js"
            if !file.isEmpty { url += "?file=\(file)" }
            return embeds.marker(for: "<script src=\"\(HTMLEscaping.escape(url))\"> </script>")
        }
    }
}
