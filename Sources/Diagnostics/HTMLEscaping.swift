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
}
