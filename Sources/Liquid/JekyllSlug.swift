/// Jekyll's `slugify`, for callers outside templates (archive URLs, for example).
public enum JekyllSlug {
    /// The same text the `slugify` filter gives for `mode` (default: "default"); `cased`
    /// keeps letters' case, as Jekyll's `:title` permalink placeholder does.
    public static func make(_ text: String, mode: String? = nil, cased: Bool = false) -> String {
        slugify(text, mode: mode, cased: cased)
    }
}
