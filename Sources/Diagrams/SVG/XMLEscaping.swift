/// Escaping for text and attribute values written into SVG/XML.
///
/// Everything that reaches the output goes through here, so a Dockerfile line such as
/// `</svg><script>` or `a && b` stays inert and is shown literally.
public enum XMLEscaping {
    /// Escapes character data (element content).
    public static func text(_ value: String) -> String {
        escape(value, quotes: false)
    }

    /// Escapes a value for a double- or single-quoted attribute.
    public static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    /// Replaces characters that XML 1.0 forbids (most C0 controls, lone surrogates cannot
    /// occur in Swift strings, U+FFFE/U+FFFF) with U+FFFD, so junk input still gives a
    /// well-formed document instead of one a parser rejects.
    public static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x0..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    private static func escape(_ value: String, quotes: Bool) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where quotes: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where quotes: out.append(contentsOf: "&apos;".unicodeScalars)
            // Attribute values normalise raw newlines and tabs to spaces; character
            // references keep them as they were.
            case "\n" where quotes: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\t" where quotes: out.append(contentsOf: "&#9;".unicodeScalars)
            default:
                out.append(isAllowedInXML(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return String(out)
    }
}
