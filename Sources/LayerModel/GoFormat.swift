/// The few Go `fmt` verbs BuildKit uses to write `created_by`, so history lines read as
/// `docker history` prints them (dockerfile2llb: `CMD %q`, `VOLUME %v`, `SHELL %v`).
enum GoFormat {
    /// `%q` of a `[]string`: `["gunicorn" "--bind" "0.0.0.0:5000"]`.
    static func quotedList(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: " ") + "]"
    }

    /// `%v` of a `[]string`: `[/bin/bash -c]`.
    static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: " ") + "]"
    }

    /// `strconv.Quote` for printable text: backslash, quote and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
