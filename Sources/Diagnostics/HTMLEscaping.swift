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
