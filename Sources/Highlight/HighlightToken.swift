import Diagnostics

/// One run of code with the short class name Rouge and Pygments give its token type
/// (`k` keyword, `s2` double-quoted string, `c1` comment…); nil for plain text.
public struct HighlightToken: Sendable, Hashable {
    public var text: String
    public var className: String?

    public init(_ text: String, _ className: String? = nil) {
        self.text = text
        self.className = className
    }
}

extension Array where Element == HighlightToken {
    /// Rouge's HTML: `<span class="k">def</span>`, plain text bare. Only `&`, `<` and `>`
    /// are escaped, as Rouge does, so quotes in code stay as typed.
    public var html: String {
        var out = ""
        out.reserveCapacity(reduce(0) { $0 + $1.text.utf8.count + 24 })
        for token in self {
            let text = HTMLEscaping.escapeText(token.text)
            if let name = token.className {
                out += "<span class=\"\(name)\">\(text)</span>"
            } else {
                out += text
            }
        }
        return out
    }

    /// Adjacent runs of the same class joined, empty runs dropped: the shape both Rouge
    /// and Pygments' formatters write.
    func merged() -> [HighlightToken] {
        var out: [HighlightToken] = []
        out.reserveCapacity(count)
        for token in self where !token.text.isEmpty {
            if let last = out.last, last.className == token.className {
                out[out.count - 1].text += token.text
            } else {
                out.append(token)
            }
        }
        return out
    }
}
