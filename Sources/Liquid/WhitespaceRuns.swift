/// `normalize_whitespace`: runs of Ruby whitespace (`\s` and NUL, as `Character.isRubyWhitespace`
/// reads them) become one space, with none at either end.
///
/// Works on UTF-8 bytes: every SEO description goes through this filter, and splitting the
/// text into `Character`s cost more than the rest of the filter chain. The result equals the
/// split by `Character`s: the whitespace bytes are ASCII, and of them only the space can join
/// a neighbouring scalar into one `Character` (a control never joins, and `\r\n`, the one
/// control pair that does, is whitespace either way). So a space next to a non-ASCII scalar is
/// checked for joining (a combining mark after it, a prepend mark before it) and, if it joins,
/// the text is split by `Character`s as before.
func normalizingRubyWhitespace(_ text: String) -> String {
    if let bytes = normalizedWhitespaceBytes(text) { return String(decoding: bytes, as: UTF8.self) }
    return text.split(whereSeparator: { $0.isRubyWhitespace }).joined(separator: " ")
}

private func isRubyWhitespaceByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == 0x00
}

/// Nil when a space joins a neighbour into one `Character`.
private func normalizedWhitespaceBytes(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { bytes -> [UInt8]? in
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for index in bytes.indices {
            let byte = bytes[index]
            if isRubyWhitespaceByte(byte) {
                if byte == 0x20, spaceJoinsNeighbour(bytes, at: index) { return nil }
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        return out
    }
}

/// Whether the space at `index` forms one grapheme cluster with the scalar before or after it
/// (Unicode's GB9, GB9a, GB9b: Extend, ZWJ and SpacingMark after it, Prepend before it).
private func spaceJoinsNeighbour(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    if index + 1 < bytes.count, bytes[index + 1] >= 0x80 {
        var end = index + 2
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let next = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
        if (" " + next).count != 2 { return true }
    }
    if index > 0, bytes[index - 1] >= 0x80 {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let previous = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if (previous + " ").count != 2 { return true }
    }
    return false
}
