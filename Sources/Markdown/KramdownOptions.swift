/// The `kramdown:` settings of `_config.yml` that Strata honours, with Jekyll 4.3's
/// defaults (Jekyll passes `input: GFM`, `auto_ids: true`, `toc_levels: 1..6`,
/// `smart_quotes: lsquo,rsquo,ldquo,rdquo`).
public struct KramdownOptions: Sendable, Hashable {
    /// `auto_ids`: give headings ids.
    public var autoIDs: Bool = true
    /// `auto_id_prefix`: put before every generated id.
    public var autoIDPrefix: String = ""
    /// `toc_levels`: the heading levels `{:toc}` lists.
    public var tocLevels: Set<Int> = Set(1...6)
    /// `smart_quotes`: the characters written for quotes. kramdown's other typography
    /// (dashes, ellipses, guillemets) is always on.
    public var smartQuotes: SmartQuotes = .typographic
    /// `input: GFM` (Jekyll's default) makes GitHub-style heading ids; `input: kramdown`
    /// makes kramdown's own (leading non-letters dropped, `section` when empty).
    public var gfmInput: Bool = true

    public init(autoIDs: Bool = true, autoIDPrefix: String = "", tocLevels: Set<Int> = Set(1...6), smartQuotes: SmartQuotes = .typographic, gfmInput: Bool = true) {
        self.autoIDs = autoIDs
        self.autoIDPrefix = autoIDPrefix
        self.tocLevels = tocLevels
        self.smartQuotes = smartQuotes
        self.gfmInput = gfmInput
    }

    /// Reads `toc_levels` as kramdown does: `"2..3"`, `"1,2,3"`; nil when it is neither.
    public static func tocLevels(parsing text: String) -> Set<Int>? {
        let parts = text.components(separatedBy: "..").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 2, parts[0] <= parts[1] { return Set(parts[0]...parts[1]) }
        let levels = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return levels.isEmpty ? nil : Set(levels)
    }

    /// Applies one `{::options key="value" /}` setting kramdown reads at conversion time,
    /// so it holds for the whole document, as in kramdown. Returns false for options
    /// Strata does not honour (they change nothing).
    mutating func apply(option name: String, value: String) -> Bool {
        switch name {
        case "auto_ids": autoIDs = Self.kramdownBoolean(value)
        case "auto_id_prefix": autoIDPrefix = value
        case "toc_levels": if let levels = Self.tocLevels(parsing: value) { tocLevels = levels }
        case "smart_quotes": if let quotes = SmartQuotes(option: value) { smartQuotes = quotes }
        default: return false
        }
        return true
    }

    /// kramdown's boolean option values: `false` (any case) and empty are false.
    private static func kramdownBoolean(_ value: String) -> Bool {
        !value.isEmpty && value.lowercased().trimmingCharacters(in: .whitespaces) != "false"
    }
}
