/// Escaping for text written into HTML: the browser's error overlay shows diagnostics,
/// and every module that writes HTML (Markdown, Site's tags, Preview) shares this one.
public enum HTMLEscaping {
    /// Escapes `& < > " '`, so the result is safe in text and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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
