import Liquid

/// File names for new posts and drafts: the title slugged as Jekyll's `slugify` does
/// (the same slug archive URLs use), `2021-03-07-title.md` for posts, `title.md` for drafts.
public enum PostNaming {
    /// `"Docker images vs. containers!"` → `docker-images-vs-containers`; `untitled` when
    /// nothing of the title survives.
    public static func slug(_ title: String) -> String {
        let slug = JekyllSlug.make(title)
        return slug.isEmpty ? "untitled" : slug
    }
}
