import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses SVG with Foundation's real XML parser and keeps what the tests look at.
final class XMLInspector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    private(set) var elements: [Element] = []
    private(set) var text = ""
    private(set) var error: Error?

    /// Parses `xml`; returns nil and keeps the parser's error when it is not well-formed.
    static func parse(_ xml: String) -> XMLInspector {
        let inspector = XMLInspector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = inspector
        if !parser.parse() { inspector.error = parser.parserError ?? NSError(domain: "XMLInspector", code: 1) }
        return inspector
    }

    var ids: [String] { elements.compactMap { $0.attributes["id"] } }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
