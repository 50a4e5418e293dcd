/// One node of an SVG document: an element with ordered attributes and children, or text.
///
/// Attributes keep the order they were given in, so the same tree always serialises to the
/// same bytes.
public indirect enum SVGNode: Sendable, Hashable {
    case element(name: String, attributes: [SVGAttribute], children: [SVGNode])
    case text(String)

    /// Builds an element; `nil` attribute values are left out, which keeps optional
    /// attributes readable at the call site.
    public static func el(
        _ name: String,
        _ attributes: [(String, String?)] = [],
        _ children: [SVGNode] = []
    ) -> SVGNode {
        .element(
            name: name,
            attributes: attributes.compactMap { key, value in value.map { SVGAttribute(key, $0) } },
            children: children
        )
    }

    /// Serialises the node. Element names and attribute names come from this module only;
    /// attribute values and text are always escaped.
    public func write(into out: inout String, indent: Int = 0, pretty: Bool = true) {
        let pad = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case .text(let value):
            out += pad + XMLEscaping.text(value)
            if pretty { out += "\n" }
        case .element(let name, let attributes, let children):
            out += pad + "<" + name
            for attribute in attributes {
                out += " " + attribute.name + "=\"" + XMLEscaping.attribute(attribute.value) + "\""
            }
            if children.isEmpty {
                out += "/>"
                if pretty { out += "\n" }
                return
            }
            // Labels (text, or text with a tooltip) are written on one line, so that no
            // indentation whitespace leaks into what the reader sees or copies.
            if children.allSatisfy(\.isInline) {
                out += ">"
                for child in children { child.write(into: &out, indent: 0, pretty: false) }
                out += "</" + name + ">"
                if pretty { out += "\n" }
                return
            }
            out += ">"
            if pretty { out += "\n" }
            for child in children { child.write(into: &out, indent: indent + 1, pretty: pretty) }
            out += pad + "</" + name + ">"
            if pretty { out += "\n" }
        }
    }

    /// The serialised node, indented two spaces per level.
    public var xml: String {
        var out = ""
        write(into: &out)
        return out
    }

    var isText: Bool {
        if case .text = self { return true }
        return false
    }

    /// Text, or an element holding only text (a `<title>`).
    var isInline: Bool {
        switch self {
        case .text: return true
        case .element(_, _, let children): return !children.isEmpty && children.allSatisfy(\.isText)
        }
    }
}

/// A name/value pair on an SVG element.
public struct SVGAttribute: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
