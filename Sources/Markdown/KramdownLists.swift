/// kramdown's reading of a list item followed, with no blank line, by a line that starts a
/// list of the other kind (`-` after `1.`, `1.` after `-`) indented less than the item's
/// text: kramdown 2.4's list parser takes such a line into the item as a lazy line, and the
/// item's content then holds a nested list (minima's demo post writes `5. Fifth item,
/// nested!` and then `  - So la ti do`). CommonMark ends the item there instead and starts a
/// list beside it, unless the line reaches the item's content column. So, before cmark-gfm
/// reads the text, such a line and the rest of its item are indented by what they lack.
///
/// As in kramdown (`Kramdown::Parser::Kramdown#parse_list`), only while the item has had no
/// blank line and no nested list at its content column yet, and only up to the item's end:
/// a blank line, or a marker of the item's own kind indented at most `min(3, content - 1)`,
/// which is the next item. Fenced code ends the watch. Checked against kramdown 2.4
/// (golden `lists`).
enum KramdownLists {
    /// `markdown` with the lines described above indented to their item's content column;
    /// the text itself when it has no such line (most documents: both kinds of marker must
    /// appear at a line's start before any line is looked at).
    static func nestListsOfTheOtherKind(_ markdown: String) -> String {
        var text = markdown
        guard text.withUTF8(hasBothKindsOfMarker) else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var item: Item?
        var shift = 0
        var changed = false
        var fence: (character: Character, length: Int)?
        for index in lines.indices {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if let open = fence {
                let run = body.prefix { $0 == open.character }.count
                if indent < 4, run >= open.length, body.dropFirst(run).allSatisfy({ $0 == " " }) { fence = nil }
                continue
            }
            if body.isEmpty || body.allSatisfy({ $0 == " " || $0 == "\t" }) || body.first == "\t" {
                item = nil
                continue
            }
            if indent < 4, let first = body.first, first == "`" || first == "~", body.prefix(while: { $0 == first }).count >= 3 {
                fence = (first, body.prefix { $0 == first }.count)
                item = nil
                continue
            }
            let marker = Marker(body)
            if var current = item {
                if let marker, marker.ordered == current.ordered, indent <= min(3, current.content - 1) {
                    item = Item(ordered: marker.ordered, content: indent + marker.width, startsList: marker.startsList)
                    shift = 0
                    continue
                }
                if shift > 0 {
                    lines[index] = Substring(String(repeating: " ", count: shift) + line)
                    continue
                }
                if !current.nestedListFound, let marker, marker.ordered != current.ordered, indent < current.content {
                    shift = current.content - indent
                    lines[index] = Substring(String(repeating: " ", count: shift) + line)
                    changed = true
                    continue
                }
                if marker != nil, indent >= current.content {
                    current.nestedListFound = true
                    item = current
                }
                continue
            }
            if let marker, indent <= 3 {
                item = Item(ordered: marker.ordered, content: indent + marker.width, startsList: marker.startsList)
                shift = 0
            }
        }
        return changed ? lines.joined(separator: "\n") : markdown
    }

    /// The list item the lines being read belong to, at a list's own level.
    private struct Item {
        var ordered: Bool
        /// The column its text starts at: kramdown's indentation for its lazy and content lines.
        var content: Int
        var nestedListFound: Bool

        init(ordered: Bool, content: Int, startsList: Bool) {
            self.ordered = ordered
            self.content = content
            // An item whose own text starts a list (`- - x`) has its nested list already.
            nestedListFound = startsList
        }
    }

    /// A list marker at the start of a line's text, as kramdown's `LIST_START` reads one:
    /// `-`, `+` or `*`, or digits and `.`, followed by a space or tab (or ending the line).
    private struct Marker {
        var ordered: Bool
        /// The marker and the spaces after it, up to where the item's text starts.
        var width: Int
        var startsList: Bool

        init?(_ body: Substring) {
            guard let first = body.first else { return nil }
            var rest: Substring
            if first == "-" || first == "+" || first == "*" {
                // A rule (`* * *`, `- - -`) is not a list.
                if body.allSatisfy({ $0 == first || $0 == " " }), body.filter({ $0 == first }).count >= 3 { return nil }
                ordered = false
                rest = body.dropFirst()
            } else if first.isASCII, first.isNumber {
                let digits = body.prefix { $0.isASCII && $0.isNumber }
                guard body.dropFirst(digits.count).first == "." else { return nil }
                ordered = true
                rest = body.dropFirst(digits.count + 1)
            } else {
                return nil
            }
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            let spaces = rest.prefix { $0 == " " }.count
            // cmark-gfm's content column: one to four spaces count, more is indented code.
            width = body.count - rest.count + ((1...4).contains(spaces) ? spaces : 1)
            startsList = Self.startsList(rest.dropFirst(spaces))
        }

        /// Whether an item's own text starts with another marker and a space (`- - x`).
        private static func startsList(_ text: Substring) -> Bool {
            guard let first = text.first else { return false }
            if first == "-" || first == "+" || first == "*" { return text.dropFirst().first == " " }
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            return !digits.isEmpty && text.dropFirst(digits.count).first == "." && text.dropFirst(digits.count + 1).first == " "
        }
    }

    /// Whether some line starts (after up to three spaces) with `-`, `+` or `*` and a space,
    /// and some line with digits, `.` and a space: on the bytes, since most posts have none.
    private static func hasBothKindsOfMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bullet = false, number = false
        var index = 0
        let count = bytes.count
        while index < count {
            var position = index
            while position < count, position - index < 3, bytes[position] == UInt8(ascii: " ") { position += 1 }
            if position + 1 < count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") {
                    if bytes[position + 1] == UInt8(ascii: " ") { bullet = true }
                } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    var end = position
                    while end < count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
                    if end + 1 < count, bytes[end] == UInt8(ascii: "."), bytes[end + 1] == UInt8(ascii: " ") { number = true }
                }
                if bullet && number { return true }
            }
            guard let newline = UnsafeBufferPointer(rebasing: bytes[position...]).firstIndex(of: UInt8(ascii: "\n")) else { break }
            index = position + newline + 1
        }
        return false
    }
}
