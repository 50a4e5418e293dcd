import Foundation
import Liquid

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
///
/// The page is scanned as UTF-8 bytes: every byte the scan looks for (`<`, `>`, `/`, `!`,
/// `?`, `-`, ASCII letters) is ASCII, so each index it stops at is a character's own, and a
/// scan by `Character` cost a jemoji page more than the rest of its build.
struct HTMLTextNodes {
    /// Lower-case element names whose descendants keep their text.
    let ignoring: Set<String>

    func rewrite(_ html: String, _ rewrite: (Substring) -> String) -> String {
        // The gems split at `<body…>` and the first `</body>` after it.
        guard let bodyOpen = TextSearch.range(of: "<body", in: html) else { return rewriteText(html[...], rewrite) }
        guard let openEnd = html.utf8[bodyOpen.upperBound...].firstIndex(of: Byte.greaterThan) else { return html }
        let start = html.utf8.index(after: openEnd)
        let end = TextSearch.range(of: "</body>", in: html, from: start)?.lowerBound ?? html.endIndex
        return String(html[..<start]) + rewriteText(html[start..<end], rewrite) + html[end...]
    }

    /// Elements whose content is raw text, not markup; never rewritten (a link inside a
    /// script would be code, not a link).
    private static let rawText: Set<String> = ["script", "style"]

    private enum Byte {
        static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), dash = UInt8(ascii: "-")

        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        static func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == dash
        }
    }

    private func rewriteText(_ html: Substring, _ rewrite: (Substring) -> String) -> String {
        let bytes = html.utf8
        var output = ""
        output.reserveCapacity(bytes.count + 256)
        // Open elements by name, counted only for the names that matter here.
        var open: [String: Int] = [:]
        var ignoredDepth = 0
        let longestName = (ignoring.union(HTMLTextNodes.rawText)).map(\.utf8.count).max() ?? 0
        var index = bytes.startIndex
        var textStart = index
        func flushText(upTo end: String.Index) {
            guard textStart < end else { return }
            let text = html[textStart..<end]
            if ignoredDepth == 0 { output += rewrite(text) } else { output += text }
        }
        while let lt = bytes[index...].firstIndex(of: Byte.lessThan) {
            let after = bytes.index(after: lt)
            guard after < bytes.endIndex else { break }
            let next = bytes[after]
            if bytes[lt...].starts(with: "<!--".utf8) {
                flushText(upTo: lt)
                let close = Self.find("-->", in: html, from: after)?.upperBound ?? html.endIndex
                output += html[lt..<close]
                index = close
                textStart = close
                continue
            }
            let isClosing = next == Byte.slash
            let nameStart = isClosing ? bytes.index(after: after) : after
            guard nameStart < bytes.endIndex, Byte.isLetter(bytes[nameStart]) || next == Byte.bang || next == Byte.question else {
                // A `<` that opens no tag is text, as an HTML parser reads it.
                index = after
                continue
            }
            flushText(upTo: lt)
            let tagEnd = bytes[after...].firstIndex(of: Byte.greaterThan).map { bytes.index(after: $0) } ?? bytes.endIndex
            output += html[lt..<tagEnd]
            let nameEnd = bytes[nameStart...].firstIndex { !Byte.isNameByte($0) } ?? bytes.endIndex
            // Only a name as short as the longest that matters is worth lower-casing.
            let name = bytes.distance(from: nameStart, to: nameEnd) <= longestName ? html[nameStart..<nameEnd].lowercased() : ""
            index = tagEnd
            textStart = tagEnd
            let selfClosing = bytes[lt..<tagEnd].count >= 2 && bytes[bytes.index(tagEnd, offsetBy: -2)..<tagEnd].elementsEqual("/>".utf8)
            if isClosing {
                if let count = open[name], count > 0 {
                    open[name] = count - 1
                    if ignoring.contains(name) { ignoredDepth -= 1 }
                }
            } else if !selfClosing, next != Byte.bang, next != Byte.question {
                if HTMLTextNodes.rawText.contains(name) {
                    // Raw text runs to its end tag, whatever it holds.
                    let close = Self.findEndTag(name, in: html, from: tagEnd) ?? html.endIndex
                    output += html[tagEnd..<close]
                    index = close
                    textStart = close
                } else if ignoring.contains(name) {
                    open[name, default: 0] += 1
                    ignoredDepth += 1
                }
            }
        }
        flushText(upTo: html.endIndex)
        return output
    }

    /// The first `needle` (ASCII) in `text` at or after `start`.
    private static func find(_ needle: String, in text: Substring, from start: String.Index) -> Range<String.Index>? {
        let bytes = text.utf8
        let first = needle.utf8.first!
        var from = start
        while let hit = bytes[from...].firstIndex(of: first) {
            if bytes[hit...].starts(with: needle.utf8) { return hit..<bytes.index(hit, offsetBy: needle.utf8.count) }
            from = bytes.index(after: hit)
        }
        return nil
    }

    /// Where `</name` (any case) first starts in `text` at or after `start`.
    private static func findEndTag(_ name: String, in text: Substring, from start: String.Index) -> String.Index? {
        let bytes = text.utf8
        var from = start
        while let hit = find("</", in: text, from: from) {
            let rest = bytes[hit.upperBound...]
            if rest.count >= name.utf8.count, zip(rest, name.utf8).allSatisfy({ $0 | 0x20 == $1 }) { return hit.lowerBound }
            from = hit.upperBound
        }
        return nil
    }
}
