/// Inserts markup before a page's last `</body>` (any letter case), or appends it when the
/// page has none, working on bytes so large pages are not decoded into Strings.
enum HTMLInjection {
    static func inject(_ snippet: String, into page: [UInt8]) -> [UInt8] {
        let insertion = Array(snippet.utf8)
        guard let position = lastBodyClose(in: page) else { return page + insertion }
        var out: [UInt8] = []
        out.reserveCapacity(page.count + insertion.count)
        out.append(contentsOf: page[..<position])
        out.append(contentsOf: insertion)
        out.append(contentsOf: page[position...])
        return out
    }

    private static let closingTag = Array("</body".utf8)

    static func lastBodyClose(in page: [UInt8]) -> Int? {
        let count = closingTag.count
        guard page.count >= count else { return nil }
        var start = page.count - count
        while start >= 0 {
            if matches(page, at: start) { return start }
            start -= 1
        }
        return nil
    }

    private static func matches(_ page: [UInt8], at start: Int) -> Bool {
        for offset in 0..<closingTag.count {
            var byte = page[start + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != closingTag[offset] { return false }
        }
        // `</bodyx` is not a body tag; the name must end here.
        let next = start + closingTag.count
        guard next < page.count else { return true }
        let after = page[next]
        return after == UInt8(ascii: ">") || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t")
            || after == UInt8(ascii: "\n") || after == UInt8(ascii: "\r") || after == UInt8(ascii: "/")
    }
}
