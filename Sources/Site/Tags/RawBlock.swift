import Foundation

/// Carries a tag's HTML through the Markdown step untouched. cmark-gfm's tag filter escapes
/// `<script>`, `<style>` and `<title>` in raw HTML, and a blank line inside a `<pre>` ends an
/// HTML block, so a tag's output travels as one opaque token (its own paragraph) that the
/// document renderer swaps back after Markdown. The token carries the HTML itself, so no
/// state has to be shared between the Liquid and Markdown steps.
enum RawBlock {
    private static let open = "\u{E000}strata-raw-"
    private static let close = "\u{E001}"

    /// The token standing for `html`, with blank lines around it so that Markdown makes it a
    /// paragraph of its own.
    static func protect(_ html: String) -> String {
        "\n\n" + open + Data(html.utf8).base64EncodedString() + close + "\n\n"
    }

    /// Replaces every token (and the paragraph Markdown wrapped it in) with its HTML.
    static func restore(in html: String) -> String {
        guard html.contains(open) else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: open) {
            guard let end = rest.range(of: close, range: start.upperBound..<rest.endIndex),
                  let data = Data(base64Encoded: String(rest[start.upperBound..<end.lowerBound])) else {
                break
            }
            var before = rest[..<start.lowerBound]
            var after = rest[end.upperBound...]
            if before.hasSuffix("<p>"), after.hasPrefix("</p>") {
                before = before.dropLast(3)
                after = after.dropFirst(4)
            }
            out += before
            out += String(decoding: data, as: UTF8.self)
            rest = after
        }
        return out + rest
    }
}
