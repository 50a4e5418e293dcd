import Foundation

/// Rewrites the text between the tags of a finished page, as html-pipeline's filters do
/// through Nokogiri (`doc.search('.//text()')`), without parsing the page into a tree:
/// jekyll-mentions and jemoji run their filter on each text node that has none of the
/// `ignoring` elements among its ancestors.
///
/// Like the gems, only what lies inside `<body>` is filtered when the page has one (the
/// `<title>` keeps its text); a page without `<body>` is filtered whole. Comments, the
/// markup of tags, and the raw text of `<script>` and `<style>` are never passed on (the
/// gems leave them alone only when the filter lists them). The
/// text handed to `rewrite` is the HTML source of one text node (entities as written), and
/// what it returns is inserted as HTML.
struct HTMLTextNodes {
    /// Lower-case element names whose descendants keep their text.
    let ignoring: Set<String>

    func rewrite(_ html: String, _ rewrite: (Substring) -> String) -> String {
        // The gems split at `<body…>` and the first `</body>` after it.
        guard let bodyOpen = html.range(of: "<body") else { return rewriteText(html[...], rewrite) }
        guard let openEnd = html[bodyOpen.upperBound...].firstIndex(of: ">") else { return html }
        let start = html.index(after: openEnd)
        let end = html[start...].range(of: "</body>")?.lowerBound ?? html.endIndex
        return String(html[..<start]) + rewriteText(html[start..<end], rewrite) + html[end...]
    }

    /// Elements whose content is raw text, not markup; never rewritten (a link inside a
    /// script would be code, not a link).
    private static let rawText: Set<String> = ["script", "style"]

    private func rewriteText(_ html: Substring, _ rewrite: (Substring) -> String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count + 256)
        var open: [String: Int] = [:]
        var ignoredDepth = 0
        var index = html.startIndex
        var textStart = index
        func flushText(upTo end: String.Index) {
            guard textStart < end else { return }
            let text = html[textStart..<end]
            output += ignoredDepth == 0 ? rewrite(text) : String(text)
        }
        while let lt = html[index...].firstIndex(of: "<") {
            let after = html.index(after: lt)
            guard after < html.endIndex else { break }
            let next = html[after]
            if html[lt...].hasPrefix("<!--") {
                flushText(upTo: lt)
                let close = html[after...].range(of: "-->")?.upperBound ?? html.endIndex
                output += html[lt..<close]
                index = close
                textStart = close
                continue
            }
            let isClosing = next == "/"
            let nameStart = isClosing ? html.index(after: after) : after
            guard nameStart < html.endIndex, html[nameStart].isASCII, html[nameStart].isLetter || next == "!" || next == "?" else {
                // A `<` that opens no tag is text, as an HTML parser reads it.
                index = after
                continue
            }
            flushText(upTo: lt)
            let tagEnd = html[after...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex
            output += html[lt..<tagEnd]
            let name = String(html[nameStart...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }).lowercased()
            index = tagEnd
            textStart = tagEnd
            let selfClosing = html[lt..<tagEnd].hasSuffix("/>")
            if isClosing {
                if let count = open[name], count > 0 {
                    open[name] = count - 1
                    if ignoring.contains(name) { ignoredDepth -= 1 }
                }
            } else if !selfClosing, next != "!", next != "?" {
                if HTMLTextNodes.rawText.contains(name) {
                    // Raw text runs to its end tag, whatever it holds.
                    let close = html[tagEnd...].range(of: "</" + name, options: .caseInsensitive)?.lowerBound ?? html.endIndex
                    output += html[tagEnd..<close]
                    index = close
                    textStart = close
                } else {
                    open[name, default: 0] += 1
                    if ignoring.contains(name) { ignoredDepth += 1 }
                }
            }
        }
        flushText(upTo: html.endIndex)
        return output
    }
}
