/// A whole diagram: the accessible `<svg>` root around a view's drawing.
///
/// The root carries `role="img"`, a `<title>` and a `<desc>` referenced by
/// `aria-labelledby`, a `viewBox` so it scales with the column, and a `<style>` block
/// scoped to its id.
public struct SVGDocument: Sendable, Hashable {
    /// Prefix of every id in the document; also the root element's id.
    public var idPrefix: String
    public var width: Double
    public var height: Double
    /// Short accessible name.
    public var title: String
    /// The picture described in words, for screen readers.
    public var description: String
    /// Extra class on the root, e.g. `strata-diagram-stack`.
    public var viewClass: String
    public var body: [SVGNode]

    public init(idPrefix: String, width: Double, height: Double, title: String, description: String,
                viewClass: String, body: [SVGNode]) {
        self.idPrefix = idPrefix
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.viewClass = viewClass
        self.body = body
    }

    public var root: SVGNode {
        let titleID = idPrefix + "-title"
        let descID = idPrefix + "-desc"
        return .el("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", idPrefix),
            ("class", "strata-diagram " + viewClass),
            ("viewBox", "0 0 \(width.svg) \(height.svg)"),
            ("width", width.svg),
            ("height", height.svg),
            ("role", "img"),
            ("aria-labelledby", titleID + " " + descID),
            ("font-size", "13"),
        ], [
            .el("title", [("id", titleID)], [.text(title)]),
            .el("desc", [("id", descID)], [.text(description)]),
            .el("style", [], [.text(DiagramTheme.scopedCSS(rootID: idPrefix))]),
            .el("rect", [("class", "bg"), ("x", "0"), ("y", "0"), ("width", width.svg), ("height", height.svg)]),
        ] + body)
    }

    /// The serialised SVG, without an XML declaration so it can be inlined into HTML as is.
    public var xml: String { root.xml }
}

/// Stable ids for diagrams: a short hash of what the diagram shows.
public enum DiagramID {
    /// 64-bit FNV-1a over the UTF-8 bytes; stable across runs and platforms, unlike
    /// `Hasher`, which is seeded per process.
    public static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return value
    }

    /// `strata-<view>-<8 hex digits>`.
    public static func prefix(view: String, key: String) -> String {
        let digits = String(hash(view + "\u{0}" + key), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - digits.count)) + digits
        return "strata-\(sanitize(view))-\(padded.prefix(8))"
    }

    /// Makes a caller-supplied prefix a valid XML id (NCName) that is also safe inside a
    /// CSS selector: letters, digits, `-` and `_`, starting with a letter.
    public static func sanitize(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars {
            let isAllowed = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_"
            out.unicodeScalars.append(isAllowed ? scalar : "-")
        }
        if out.first.map({ !$0.isLetter }) ?? true { out = "d" + out }
        return out
    }
}
