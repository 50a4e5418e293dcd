/// Text that kramdown mode gives back as written (its tags as kramdown writes them): lines
/// that are each one whole block-level HTML element (`<p>…</p>`, as a rendered excerpt is),
/// with nothing kramdown or cmark-gfm would read inside them.
///
/// `markdownify` of a page's rendered excerpt (every page's `{% seo %}` description, and
/// themes' `post.excerpt | markdownify`) is such text, and rendering it in full costs a
/// kramdown source pass and a serialised cmark parse per page to return it unchanged.
///
/// Why it comes back as written: a first line followed by more is an element closed on its
/// own line with text after it, which `KramdownSource` sets aside whole (a placeholder
/// comment, restored afterwards); the lines after it (or a single line) hold none of its
/// markers, so it leaves them alone, and they are one CommonMark HTML block (type 6, to the
/// end, as no line is blank) that cmark-gfm passes through. `LiteralHTMLTests` hold this to
/// the full render. So text is refused that holds anything else either of them reads:
/// blank lines, `\r`, NUL, kramdown's
/// markers (`$$`, `<<`, `>>`, `{:`, `*[`), `markdown=`, Strata's own placeholders and
/// footnote markup, the tags GFM's `tagfilter` lists (kramdown mode no longer filters them,
/// but `<script>`, `<style>`, `<textarea>` start HTML blocks that end at their closing tag,
/// not at a blank line), and custom `smart_quotes` (they swap quotes in all text).
enum LiteralHTML {
    /// The rendered HTML when `text` renders as written, nil when it needs the full render.
    /// Works on bytes, lower-cased in ASCII only: it runs on every `markdownify` and must cost
    /// far less than the render it saves.
    static func rendered(_ text: String, options: KramdownOptions) -> String? {
        guard options.smartQuotes.isTypographic, text.utf8.first == UInt8(ascii: "<") else { return nil }
        var lower = Array(text.utf8)
        if lower.last == 0x0A { lower.removeLast() }
        for index in lower.indices {
            let byte = lower[index]
            // CR and NUL: cmark-gfm rewrites them. The Kelvin sign (E2 84 AA) lower-cases to
            // a plain `k` under `lowercased()`, which `KramdownSource` reads tags with; no
            // other character becomes a lone ASCII letter there.
            if byte == 0x0D || byte == 0x00 || (byte == 0xE2 && index + 2 < lower.count && lower[index + 1] == 0x84 && lower[index + 2] == 0xAA) {
                return nil
            }
            if byte >= 0x41 && byte <= 0x5A { lower[index] = byte | 0x20 }
        }
        // One pass for all the markers: at each byte, only those that start with it.
        for index in lower.indices {
            guard startsAMarker[Int(lower[index])], let markers = refusedMarkers[lower[index]] else { continue }
            for marker in markers where starts(lower[...], with: marker, at: index) { return nil }
        }
        var lineStart = 0
        while lineStart <= lower.count {
            let lineEnd = lower[lineStart...].firstIndex(of: 0x0A) ?? lower.count
            guard isWholeElement(lower[lineStart..<lineEnd]) else { return nil }
            lineStart = lineEnd + 1
        }
        // As the full render does, tags and text as kramdown writes raw HTML (a rendered
        // excerpt already is: the same string comes back, nothing copied).
        var html = KramdownRawHTML.rewrite(text, in: .block)
        if !html.hasSuffix("\n") { html += "\n" }
        return html
    }

    /// For each byte value, whether a marker starts with it (a table: most bytes start none).
    private static let startsAMarker: [Bool] = (0...255).map { refusedMarkers[UInt8($0)] != nil }

    /// The markers, lower-cased, by their first byte.
    private static let refusedMarkers: [UInt8: [[UInt8]]] = Dictionary(grouping: (["$$", "<<", ">>", "{:", "*[", "markdown=", "<!--strata:", "data-footnote"]
        + ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"].flatMap { ["<\($0)", "</\($0)"] })
        .map { Array($0.utf8) }, by: { $0[0] })

    private static let blockTags: Set<[UInt8]> = Set(KramdownSource.blockTags.map { Array($0.utf8) })

    /// One lower-cased line: a block element's opening tag at its start (no indent), its
    /// closing tag at its end, and as many of its openings as closings in between.
    private static func isWholeElement(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.first == UInt8(ascii: "<") else { return false }
        let nameStart = line.startIndex + 1
        var nameEnd = nameStart
        while nameEnd < line.endIndex, isLetterOrDigit(line[nameEnd]) { nameEnd += 1 }
        let name = Array(line[nameStart..<nameEnd])
        guard blockTags.contains(name), nameEnd < line.endIndex, line[nameEnd] == UInt8(ascii: ">") || line[nameEnd] == UInt8(ascii: " ") else {
            return false
        }
        let opening = [UInt8(ascii: "<")] + name
        let closing = Array("</".utf8) + name + [UInt8(ascii: ">")]
        guard line.count >= opening.count + closing.count, line.suffix(closing.count).elementsEqual(closing) else { return false }
        var openings = 0, closings = 0
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == UInt8(ascii: "<") {
                if starts(line, with: opening, at: index) {
                    let after = index + opening.count
                    if after == line.endIndex || [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "/"), 0x09].contains(line[after]) { openings += 1 }
                } else if starts(line, with: closing, at: index) {
                    closings += 1
                }
            }
            index += 1
        }
        return openings == closings
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func starts(_ bytes: ArraySlice<UInt8>, with prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.endIndex else { return false }
        for offset in prefix.indices where bytes[index + offset] != prefix[offset] { return false }
        return true
    }
}
