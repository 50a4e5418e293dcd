/// Escaping for text written into HTML: the browser's error overlay shows diagnostics,
/// and every module that writes HTML (Markdown, Site's tags, Preview) shares this one.
public enum HTMLEscaping {
    /// Escapes `& < > " '`, so the result is safe in text and in quoted attributes.
    /// Scans bytes and returns text without those characters as it is: appending scalar by
    /// scalar cost 2.7% of a site's build (heading ids, SEO tags, code).
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += [0x26, 0x61, 0x6D, 0x70, 0x3B]          // &amp;
            case 0x3C: bytes += [0x26, 0x6C, 0x74, 0x3B]                // &lt;
            case 0x3E: bytes += [0x26, 0x67, 0x74, 0x3B]                // &gt;
            case 0x22: bytes += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]    // &quot;
            case 0x27: bytes += [0x26, 0x23, 0x33, 0x39, 0x3B]          // &#39;
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// Escapes only `&`, `<` and `>`: text content, never attributes. Rouge writes code
    /// this way (quotes stay as typed), and Jekyll themes' pages are compared byte for byte.
    /// Scans bytes: Foundation's replace is slow on Linux.
    public static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += [0x26, 0x61, 0x6D, 0x70, 0x3B]
            case 0x3C: bytes += [0x26, 0x6C, 0x74, 0x3B]
            case 0x3E: bytes += [0x26, 0x67, 0x74, 0x3B]
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension HTMLEscaping {
    /// kramdown's `escape_html(text, :text)` (and, with `quotes`, `:attribute`): `<`, `>`,
    /// `"` when `quotes`, and every `&` that starts no character reference (REXML's
    /// `REFERENCE_RE`: `&name;`, `&#123;`, `&#x1F;`), so a reference typed in raw HTML
    /// (`&nbsp;`, `&#169;`) is kept and only a bare `&` becomes `&amp;`. Appends to `out`,
    /// copying the runs between those characters whole: it runs over every raw HTML block
    /// and rendered excerpt of a kramdown site.
    public static func escapeKeepingReferences(_ text: UnsafeBufferPointer<UInt8>, quotes: Bool, into out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            guard byte == 0x3C || byte == 0x3E || byte == 0x26 || (quotes && byte == 0x22) else {
                index += 1
                continue
            }
            if byte == 0x26, let end = referenceEnd(text, at: index) {
                index = end
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            switch byte {
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]                     // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]                     // &gt;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]         // &quot;
            default: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]                 // &amp;
            }
            index += 1
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<count]))
    }

    /// The index after a character reference starting at the `&` at `start`, else nil.
    /// Ruby's `\w` there is ASCII: `[A-Za-z0-9_]`.
    private static func referenceEnd(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        func isWord(_ byte: UInt8) -> Bool { (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
        var index = start + 1
        guard index < text.count else { return nil }
        if text[index] == 0x23 {  // `#`
            index += 1
            // `x` in lower case only, in REXML's pattern.
            let hex = index < text.count && text[index] == 0x78
            if hex { index += 1 }
            let digitsStart = index
            while index < text.count, hex ? isHex(text[index]) : isDigit(text[index]) { index += 1 }
            guard index > digitsStart else { return nil }
        } else {
            // `[\w:][-\w.:]*`
            guard isWord(text[index]) || text[index] == 0x3A else { return nil }
            index += 1
            while index < text.count, isWord(text[index]) || text[index] == 0x2D || text[index] == 0x2E || text[index] == 0x3A { index += 1 }
        }
        guard index < text.count, text[index] == 0x3B else { return nil }
        return index + 1
    }
}
