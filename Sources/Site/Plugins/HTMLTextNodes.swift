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
///
/// The page is scanned as UTF-8 bytes (`memchr` for each `<`): every byte the scan looks for
/// is ASCII, so each place it stops at is a whole scalar's. A scan by `Character` cost a page
/// full of emoji names more than the rest of its build.
struct HTMLTextNodes {
    /// Lower-case element names whose descendants keep their text.
    let ignoring: Set<String>
    /// The same names as bytes, compared with each tag's name without making a `String`.
    private let ignoredNames: [[UInt8]]
    /// The ASCII character without which the filter changes nothing (`@`, `:`): text nodes
    /// without it are not handed over.
    let trigger: UInt8

    init(ignoring: Set<String>, trigger: Character) {
        self.ignoring = ignoring
        ignoredNames = ignoring.sorted().map { Array($0.utf8) }
        self.trigger = trigger.asciiValue!
    }

    /// The page with each text node `rewrite` returns a replacement for replaced (nil keeps
    /// the node as it is); the page itself when nothing is replaced.
    func rewrite(_ html: String, _ rewrite: (Substring) -> String?) -> String {
        HTMLTextNodes.withUTF8(html[...]) { bytes in
            // The gems split at `<body…>` and the first `</body>` after it.
            guard let bodyOpen = Self.find("<body", in: bytes, from: 0) else { return rewriteText(html[...], bytes, 0..<bytes.count, rewrite) ?? html }
            guard let openEnd = Self.find(">", in: bytes, from: bodyOpen + 5) else { return html }
            let end = Self.find("</body>", in: bytes, from: openEnd + 1) ?? bytes.count
            return rewriteText(html[...], bytes, (openEnd + 1)..<end, rewrite) ?? html
        }
    }

    /// Calls `body` with `text`'s UTF-8 bytes, in place when the text is stored as UTF-8.
    static func withUTF8<Result>(_ text: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Elements whose content is raw text, not markup; never rewritten (a link inside a
    /// script would be code, not a link).
    private static let rawTextNames: [[UInt8]] = [Array("script".utf8), Array("style".utf8)]

    private enum Byte {
        static let slash = UInt8(ascii: "/"), greaterThan = UInt8(ascii: ">")
        static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), dash = UInt8(ascii: "-")

        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        static func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == dash
        }
    }

    /// `html` (whose bytes are `bytes`) with the text nodes inside `range` (byte offsets)
    /// rewritten and everything else as it was; nil when no text node changed.
    private func rewriteText(_ html: Substring, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ rewrite: (Substring) -> String?) -> String? {
        let utf8 = html.utf8
        // Pieces are slices of the page's own scalars: appending a `Substring` is a copy of
        // its bytes, where a `String` made from bytes would check them all again. The page
        // is copied only around the text nodes that change, in as few pieces as that takes.
        func piece(_ lower: Int, _ upper: Int) -> Substring {
            Substring(html.unicodeScalars[utf8.index(utf8.startIndex, offsetBy: lower)..<utf8.index(utf8.startIndex, offsetBy: upper)])
        }
        var output = ""
        var copied = 0
        // How many of each ignored element are open.
        var open = [Int](repeating: 0, count: ignoredNames.count)
        var ignoredDepth = 0
        let end = range.upperBound
        var index = range.lowerBound
        var textStart = index
        func flushText(upTo stop: Int) {
            guard textStart < stop, ignoredDepth == 0, memchr(bytes.baseAddress! + textStart, Int32(trigger), stop - textStart) != nil else { return }
            // Both ends are next to `<` or `>`: whole scalars.
            guard let replaced = rewrite(piece(textStart, stop)) else { return }
            if output.isEmpty { output.reserveCapacity(bytes.count + 1024) }
            output += piece(copied, textStart)
            output += replaced
            copied = stop
        }
        while index < end, let lt = Self.find("<", in: bytes, from: index, before: end) {
            let after = lt + 1
            guard after < end else { break }
            let next = bytes[after]
            if Self.matches("<!--", in: bytes, at: lt, before: end) {
                flushText(upTo: lt)
                let close = Self.find("-->", in: bytes, from: after, before: end).map { $0 + 3 } ?? end
                index = close
                textStart = close
                continue
            }
            let isClosing = next == Byte.slash
            let nameStart = isClosing ? after + 1 : after
            guard nameStart < end, Byte.isLetter(bytes[nameStart]) || next == Byte.bang || next == Byte.question else {
                // A `<` that opens no tag is text, as an HTML parser reads it.
                index = after
                continue
            }
            flushText(upTo: lt)
            let tagEnd = Self.find(">", in: bytes, from: after, before: end).map { $0 + 1 } ?? end
            var nameEnd = nameStart
            while nameEnd < end, Byte.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])
            index = tagEnd
            textStart = tagEnd
            let selfClosing = tagEnd - lt >= 2 && bytes[tagEnd - 2] == Byte.slash && bytes[tagEnd - 1] == Byte.greaterThan
            if isClosing {
                if let ignored = Self.position(of: name, in: ignoredNames), open[ignored] > 0 {
                    open[ignored] -= 1
                    ignoredDepth -= 1
                }
            } else if !selfClosing, next != Byte.bang, next != Byte.question {
                if let raw = Self.position(of: name, in: HTMLTextNodes.rawTextNames) {
                    // Raw text runs to its end tag (any case), whatever it holds.
                    var close = end
                    var search = tagEnd
                    while let candidate = Self.find("</", in: bytes, from: search, before: end) {
                        let rest = UnsafeBufferPointer(rebasing: bytes[(candidate + 2)..<min(end, candidate + 2 + HTMLTextNodes.rawTextNames[raw].count)])
                        if Self.position(of: rest, in: [HTMLTextNodes.rawTextNames[raw]]) != nil {
                            close = candidate
                            break
                        }
                        search = candidate + 2
                    }
                    index = close
                    textStart = close
                } else if let ignored = Self.position(of: name, in: ignoredNames) {
                    open[ignored] += 1
                    ignoredDepth += 1
                }
            }
        }
        flushText(upTo: end)
        guard copied > 0 else { return nil }
        output += piece(copied, bytes.count)
        return output
    }

    /// Which of `names` (lower-case ASCII) `name` is, in any case.
    private static func position(of name: UnsafeBufferPointer<UInt8>, in names: [[UInt8]]) -> Int? {
        names.firstIndex { candidate in
            candidate.count == name.count && zip(candidate, name).allSatisfy { $0 == $1 | 0x20 }
        }
    }

    /// Whether `needle` (ASCII) is at byte `offset`, ending before `limit`.
    private static func matches(_ needle: String, in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, before limit: Int) -> Bool {
        var position = offset
        for expected in needle.utf8 {
            guard position < limit, bytes[position] == expected else { return false }
            position += 1
        }
        return true
    }

    /// The byte offset of the first `needle` (ASCII) at or after `start`, ending before `limit`.
    private static func find(_ needle: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before limit: Int? = nil) -> Int? {
        let limit = limit ?? bytes.count
        guard let base = bytes.baseAddress, let first = needle.utf8.first else { return nil }
        var from = start
        while from < limit, let hit = memchr(base + from, Int32(first), limit - from) {
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if matches(needle, in: bytes, at: offset, before: limit) { return offset }
            from = offset + 1
        }
        return nil
    }
}
