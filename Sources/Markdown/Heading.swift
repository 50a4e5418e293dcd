/// A heading of a rendered document: what a table of contents lists.
public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    /// The heading's plain text (markup removed).
    public var text: String
    /// The id written on the heading element.
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// The HTML of a Markdown document and the headings found in it.
public struct RenderedMarkdown: Sendable, Hashable {
    public var html: String
    public var headings: [Heading]

    public init(html: String, headings: [Heading]) {
        self.html = html
        self.headings = headings
    }
}
