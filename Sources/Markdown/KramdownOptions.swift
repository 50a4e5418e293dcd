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
    /// `smart_quotes` and kramdown's typography: curly quotes, dashes, ellipses,
    /// guillemets. False when `smart_quotes` asks for straight quotes (`apos,apos,quot,quot`).
    public var typography: Bool = true
    /// `input: GFM` (Jekyll's default) makes GitHub-style heading ids; `input: kramdown`
    /// makes kramdown's own (leading non-letters dropped, `section` when empty).
    public var gfmInput: Bool = true

    public init(autoIDs: Bool = true, autoIDPrefix: String = "", tocLevels: Set<Int> = Set(1...6), typography: Bool = true, gfmInput: Bool = true) {
        self.autoIDs = autoIDs
        self.autoIDPrefix = autoIDPrefix
        self.tocLevels = tocLevels
        self.typography = typography
        self.gfmInput = gfmInput
    }
}
