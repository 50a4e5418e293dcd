import Diagnostics
import Foundation

/// Scans one file's text, line by line, for mis-encoded runs and control characters,
/// skipping code (fenced blocks, `{% highlight %}`, `<pre>`, backtick and `<code>` spans):
/// code shows text as it is, so a post quoting mojibake in backticks is left alone.
struct TextScan {
    /// Path as findings name it.
    var path: String
    /// Line number of the text's first line in the file (a body after front matter starts later).
    var firstLine: Int = 1
    /// Markdown knows fences and backticks; other files only the HTML and Liquid forms.
    var isMarkdown: Bool

    struct Result {
        var findings: [Finding]
        /// The text with every certain repair applied (equal to the input when there is none).
        var repaired: String
    }

    func scan(_ text: String) -> Result {
        // Mis-encoding needs non-ASCII and control characters are bytes below 0x20 or
        // 0x7F: plain ASCII text (most posts) has nothing to find.
        guard TextScan.mayHaveFindings(text) else {
            return Result(findings: [], repaired: text)
        }
        var findings: [Finding] = []
        var lines: [Substring] = []
        var fence: Substring?
        var inBlock: String?  // the closing marker of a multi-line `<pre>` or highlight block
        var number = firstLine - 1
        var previousBlankOrCode = true
        // Split on the scalar: "\r\n" is one Character and would never equal "\n".
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init) {
            number += 1
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open), line.prefix(while: { $0 == " " }).count < 4 { fence = nil }
                lines.append(line)
                continue
            }
            if let closing = inBlock {
                if TextScan.find(closing, in: line) != nil { inBlock = nil }
                lines.append(line)
                continue
            }
            // An indented code block starts after a blank line. List paragraphs indented
            // the same way are skipped too: a missed finding, never a wrong repair.
            let indented = line.hasPrefix("\t") || line.prefix(while: { $0 == " " }).count >= 4
            let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            defer { previousBlankOrCode = isBlank || (isMarkdown && indented && previousBlankOrCode) }
            if isMarkdown, indented, previousBlankOrCode, !isBlank {
                lines.append(line)
                continue
            }
            if isMarkdown, line.prefix(while: { $0 == " " }).count < 4, let marker = TextScan.fenceMarker(trimmed) {
                fence = marker
                lines.append(line)
                continue
            }
            if let closing = TextScan.blockOpening(line) {
                inBlock = closing
                lines.append(line)
                continue
            }
            guard TextScan.mayHaveFindings(line) else {
                lines.append(line)
                continue
            }
            let code = codeSpans(in: line)
            var mangledColumns: [Range<Int>] = []
            defer {
                // Latin-1's C1 controls inside a mis-encoded run belong to that finding.
                findings += controlCharacters(in: line, line: number).filter { control in
                    !mangledColumns.contains { $0.contains(control.column) }
                }
            }
            var repairedLine = String.UnicodeScalarView()
            let scalars = Array(line.unicodeScalars)
            var position = 0
            for match in Mojibake.matches(in: line) {
                let range = match.scalarOffset..<(match.scalarOffset + match.original.unicodeScalars.count)
                guard !code.contains(where: { $0.overlaps(range) }) else { continue }
                let column = String(String.UnicodeScalarView(scalars[0..<match.scalarOffset])).count + 1
                mangledColumns.append(column..<(column + match.original.count))
                let location = SourceLocation(file: path, line: number, column: column)
                let codec = match.original.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } ? "Latin-1" : "Windows-1252"
                let message = "`\(match.original)` looks like UTF-8 read as \(codec) and saved again"
                    + (match.isCertain ? "" : " (not certain: --fix leaves it)")
                findings.append(Finding(.mojibake, at: location, message: message, fix: "write `\(match.repaired)`", isFixable: match.isCertain))
                if match.isCertain {
                    repairedLine.append(contentsOf: scalars[position..<match.scalarOffset])
                    repairedLine.append(contentsOf: match.repaired.unicodeScalars)
                    position = range.upperBound
                }
            }
            if position == 0 {
                lines.append(line)
            } else {
                repairedLine.append(contentsOf: scalars[position...])
                lines.append(Substring(String(repairedLine)))
            }
        }
        return Result(findings: findings, repaired: lines.joined(separator: "\n"))
    }

    /// Only the mis-encoding findings of `scan`. Every run `Mojibake` finds starts with a
    /// character Windows-1252 writes as a lead byte C2–F4, which is U+00C2…U+00F4, whose
    /// UTF-8 starts with the byte C3: text without that byte (posts with curly quotes,
    /// dashes and emoji but no Latin-1 letters) is answered without splitting it into lines.
    func mojibakeFindings(_ text: String) -> [Finding] {
        var text = text
        guard text.withUTF8({ $0.contains(0xC3) }) else { return [] }
        return scan(text).findings.filter { $0.kind == .mojibake }
    }

    /// False when every byte is printable ASCII, a tab or a line end: nothing to find.
    /// Reads the contiguous bytes directly; a generic `contains` is slow without optimisation.
    static func mayHaveFindings<Text: StringProtocol>(_ text: Text) -> Bool {
        func interesting(_ byte: UInt8) -> Bool {
            byte >= 0x7F || (byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D)
        }
        if let answer = text.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            for byte in buffer where interesting(byte) { return true }
            return false
        }) {
            return answer
        }
        return text.utf8.contains(where: interesting)
    }

    /// ``` or ~~~ (three or more) opening a fenced code block; the closing fence must start the same way.
    static func fenceMarker(_ trimmed: Substring) -> Substring? {
        guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let run = trimmed.prefix { $0 == first }
        return run.count >= 3 ? run : nil
    }

    /// A `<pre>` or `{% highlight %}`/`{% raw %}` block that opens on this line and does not
    /// close on it: its closing marker.
    static func blockOpening(_ line: Substring) -> String? {
        let pairs = [("<pre", "</pre>"), ("{% highlight", "{% endhighlight"), ("{%- highlight", "endhighlight"), ("{% raw", "{% endraw")]
        guard line.utf8.contains(UInt8(ascii: "<")) || line.utf8.contains(UInt8(ascii: "{")) else { return nil }
        for (open, close) in pairs {
            guard let start = find(open, in: line) else { continue }
            if find(close, in: line[start.upperBound...]) != nil { continue }
            return close
        }
        return nil
    }

    /// The first occurrence of `needle`'s bytes in `text`: Foundation's `contains` and
    /// `range(of:)` on substrings were a tenth of a whole build's instructions here.
    static func find(_ needle: String, in text: Substring) -> Range<Substring.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return text.startIndex..<text.startIndex }
        let found = text.utf8.withContiguousStorageIfAvailable { buffer -> Int? in
            guard buffer.count >= pattern.count else { return nil }
            var offset = 0
            while offset <= buffer.count - pattern.count {
                if buffer[offset] == first {
                    var matched = 1
                    while matched < pattern.count, buffer[offset + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return offset }
                }
                offset += 1
            }
            return nil
        }
        guard let found else {
            // Bridged text without contiguous UTF-8.
            guard let range = text.utf8.firstRange(of: pattern) else { return nil }
            return range.lowerBound..<range.upperBound
        }
        guard let offset = found else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return start..<text.utf8.index(start, offsetBy: pattern.count)
    }

    /// Scalar ranges of inline code on one line: backtick spans (a run closed by a run
    /// of the same length) and `<code>…</code>`, whole `<pre>…</pre>` too.
    func codeSpans(in line: Substring) -> [Range<Int>] {
        let scalars = Array(line.unicodeScalars)
        var spans: [Range<Int>] = []
        if isMarkdown {
            var index = 0
            while index < scalars.count {
                guard scalars[index] == "`" else { index += 1; continue }
                var end = index
                while end < scalars.count, scalars[end] == "`" { end += 1 }
                let length = end - index
                var search = end
                var closed = false
                while search < scalars.count {
                    guard scalars[search] == "`" else { search += 1; continue }
                    var stop = search
                    while stop < scalars.count, scalars[stop] == "`" { stop += 1 }
                    if stop - search == length {
                        spans.append(index..<stop)
                        index = stop
                        closed = true
                        break
                    }
                    search = stop
                }
                if !closed { index = end }
            }
        }
        for (open, close) in [("<code", "</code>"), ("<pre", "</pre>")] {
            var from = line.startIndex
            while let start = TextScan.find(open, in: line[from...]) {
                let stop = TextScan.find(close, in: line[start.upperBound...])?.upperBound ?? line.endIndex
                let lower = line.unicodeScalars.distance(from: line.startIndex, to: start.lowerBound)
                let upper = line.unicodeScalars.distance(from: line.startIndex, to: stop)
                spans.append(lower..<upper)
                from = stop
            }
        }
        return spans
    }

    /// C0 and C1 control characters other than tab and the line ends, and stray byte-order marks.
    func controlCharacters(in line: Substring, line number: Int) -> [Finding] {
        var found: [Finding] = []
        var column = 0
        for character in line {
            column += 1
            for scalar in character.unicodeScalars {
                let value = scalar.value
                let isControl = (value < 0x20 && value != 0x09 && value != 0x0D) || value == 0x7F || (0x80...0x9F).contains(value)
                guard isControl || value == 0xFEFF else { continue }
                let code = "U+" + String(String(value, radix: 16, uppercase: true).leftPadded(to: 4))
                let message = value == 0xFEFF
                    ? "a byte-order mark (\(code)) in the middle of the text; it is invisible and breaks matching"
                    : "control character \(code), invisible in an editor and not allowed in HTML"
                found.append(Finding(.controlCharacter, at: SourceLocation(file: path, line: number, column: column), message: message, fix: "delete it"))
            }
        }
        return found
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
