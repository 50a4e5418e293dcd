import Liquid

/// `site.related_posts` as Jekyll 4.3 computes it without `lsi`: the ten most recent
/// posts other than the one being rendered (`site.posts.docs.last(11).reverse - [post]`,
/// first 10). Pages see none.
enum RelatedPosts {
    static let limit = 10

    /// `site` (whose `posts` are newest first) with `related_posts` for the post at `index`.
    /// Copies only the top-level object: the posts array is shared.
    static func site(_ site: Value, forPostAt index: Int) -> Value {
        guard case .object(var object) = site, case .array(let posts)? = object["posts"] else { return site }
        var related: [Value] = []
        for (position, post) in posts.prefix(limit + 1).enumerated() where position != index {
            related.append(post)
        }
        object["related_posts"] = .array(Array(related.prefix(limit)))
        return .object(object)
    }
}
