import CCmarkGFM

/// What the Markdown renderer does beyond CommonMark.
public struct MarkdownOptions: Sendable, Hashable {
    /// GFM footnotes (`[^1]`).
    public var footnotes: Bool = true
    /// Keep raw HTML; posts carry HTML comments such as the excerpt separator.
    public var rawHTML: Bool = true
    /// Give every heading a GitHub-style id, de-duplicated with `-1`, `-2`.
    public var headingIDs: Bool = true
    /// Honour the alt-text markers `><` (centre), `<` (float left) and `>` (float right).
    public var imageAlignmentMarkers: Bool = true
    /// kramdown's additions (Jekyll's default `markdown: kramdown`); nil is plain GFM.
    public var kramdown: KramdownOptions?

    public init(footnotes: Bool = true, rawHTML: Bool = true, headingIDs: Bool = true, imageAlignmentMarkers: Bool = true, kramdown: KramdownOptions? = nil) {
        self.footnotes = footnotes
        self.rawHTML = rawHTML
        self.headingIDs = headingIDs
        self.imageAlignmentMarkers = imageAlignmentMarkers
        self.kramdown = kramdown
    }

    /// The GFM extensions registered with cmark-gfm; `extensionNames(kramdown:)` picks a document's.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// GitHub's `autolink` (bare `https://…` and `www.…` become links) and `tagfilter`
    /// (`<iframe>`, `<script>`… disarmed) are not kramdown's: Jekyll's default engine leaves a
    /// bare URL as text and passes raw HTML through, so kramdown mode attaches neither.
    static func extensionNames(kramdown: Bool) -> [String] {
        kramdown ? extensionNames.filter { $0 != "autolink" && $0 != "tagfilter" } : extensionNames
    }

    var cmarkOptions: Int32 {
        // Style attributes instead of `align=` on table cells: the HTML checker rejects `align`.
        // GITHUB_PRE_LANG stays off so fenced code gets `class="language-x"`.
        var value = CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_VALIDATE_UTF8
        if footnotes { value |= CMARK_OPT_FOOTNOTES }
        if rawHTML { value |= CMARK_OPT_UNSAFE }
        // kramdown's typography is always on; SmartQuotes changes the quotes afterwards.
        if kramdown != nil { value |= CMARK_OPT_SMART }
        return value
    }
}
