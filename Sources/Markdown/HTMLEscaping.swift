/// Escaping for text and attribute values written into HTML.
public enum HTMLEscaping {
    /// Escapes `& < > " '`, so the result is safe in text and in quoted attributes.
    public static func attribute(_ text: String) -> String {
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

    public static func text(_ text: String) -> String { attribute(text) }
}
