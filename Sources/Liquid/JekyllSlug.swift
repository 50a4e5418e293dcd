/// Jekyll's `slugify`, for callers outside templates (archive URLs, for example).
public enum JekyllSlug {
    /// The same text the `slugify` filter gives for `mode` (default: "default").
    public static func make(_ text: String, mode: String? = nil) -> String {
        slugify(text, mode: mode)
    }
}
