import Foundation
import Liquid
import Markdown

/// Builds the `page` and `site` objects that templates see, Jekyll's names throughout.
struct PageVariables {
    let config: SiteConfiguration
    /// What `site` holds beside posts and pages, computed once per build: `data`, each
    /// collection's documents, `collections`, `static_files`, `html_pages`.
    var siteContent = SiteContentVariables()
    /// Whether pages (not only posts and documents) get `page.excerpt`: Jekyll gives them
    /// one only with `page_excerpts: true`; Strata's own layout always does (its theme's
    /// meta description reads it).
    var pageExcerpts = true
    /// Whether the site is in Strata's own layout (`content/`, `templates/`, `assets/`)
    /// rather than a Jekyll folder. Two things follow from it:
    /// - `page.toc` holds the document's headings (`level`, `text`, `id`), which the bundled
    ///   theme lists. Not in a Jekyll folder, where themes read `page.toc` as the front
    ///   matter's `toc: true` switch (mediumish, minimal-mistakes) and an array, even an empty
    ///   one, would switch every page's table of contents on. A `toc` in the front matter is
    ///   always kept.
    /// - A page's (not a post's or document's) `page.content` is its rendered body. In a Jekyll
    ///   folder it is the source, as Jekyll's `Page#to_liquid` is a hash taken before the page
    ///   renders (its layouts see the unrendered text there, `{{ content }}` rendered), while a
    ///   document's drop reads its content live.
    var strataLayout = true
    /// jekyll-last-modified-at, when listed: `page.last_modified_at`.
    var lastModifiedAt: LastModifiedAtPlugin?

    func date(_ date: Date) -> Value {
        .date(LiquidDate(instant: date, timeZone: config.timeZone))
    }

    /// The page object: front matter first, then the computed fields Jekyll adds.
    func page(_ document: Document, content: String? = nil, excerpt: String? = nil, toc: [Heading]? = nil) -> ValueObject {
        var page = document.frontMatter
        // A page without `title:` has none (Jekyll's Page reads it from front matter only);
        // posts and documents get one from their file name.
        if document.kind != .page || document.frontMatter["title"] != nil { page["title"] = .string(document.title) }
        page["url"] = .string(document.url)
        page["path"] = .string(document.relativePath)
        // `name` is a page's file name; a document (post, collection) has none of its own,
        // so its front matter `name` shows through, as with Jekyll's DocumentDrop.
        if document.kind == .page { page["name"] = .string(RelativePath.lastComponent(document.relativePath)) }
        page["slug"] = .string(document.slug)
        if document.kind != .page {
            page["id"] = .string(document.id)
            page["relative_path"] = .string(document.relativePath)
            page["collection"] = .string(document.collection ?? "posts")
            if document.kind != .document { page["draft"] = .bool(document.kind == .draft) }
            page["categories"] = .array(document.categories.map(Value.string))
            page["tags"] = .array(document.tags.map(Value.string))
        }
        if let when = document.date { page["date"] = date(when) }
        // The gem's hook runs when a document is made: a page's front matter is read by then and
        // is overwritten, a post's or collection document's is read after and wins.
        if let lastModifiedAt, document.kind == .page || page["last_modified_at"] == nil,
           let modified = lastModifiedAt.value(document.relativePath) {
            page["last_modified_at"] = modified
        }
        if let content { page["content"] = .string(document.kind == .page && !strataLayout ? document.body : content) }
        if let excerpt, document.kind != .page || pageExcerpts { page["excerpt"] = .string(excerpt) }
        if let toc, strataLayout, document.frontMatter["toc"] == nil {
            page["toc"] = .array(toc.map { heading in
                .object(ValueObject([
                    ("level", .int(heading.level)), ("text", .string(heading.text)), ("id", .string(heading.id)),
                ]))
            })
        }
        return page
    }

    /// The site object: configuration keys, then posts newest first, categories, tags, pages, time.
    func site(posts: [ValueObject], pages: [ValueObject], postDocuments: [Document], time: Date) -> Value {
        var site = config.values
        site["time"] = date(time)
        site["posts"] = .array(posts.map(Value.object))
        site["pages"] = .array(pages.map(Value.object))
        // Collect in plain arrays first: growing a Value array inside an object copies it
        // once per post, which is quadratic for a large category.
        var byCategory: [String: [Value]] = [:]
        var byTag: [String: [Value]] = [:]
        for (index, document) in postDocuments.enumerated() {
            for name in document.categories { byCategory[name, default: []].append(.object(posts[index])) }
            for name in document.tags { byTag[name, default: []].append(.object(posts[index])) }
        }
        // Jekyll's `post_attr_hash` fills its hash walking the posts oldest first, so a name
        // comes where its oldest post comes; each list is then newest first, as here.
        var categoryOrder: [String] = []
        var tagOrder: [String] = []
        var seenCategories = Set<String>()
        var seenTags = Set<String>()
        for document in postDocuments.reversed() {
            for name in document.categories where seenCategories.insert(name).inserted { categoryOrder.append(name) }
            for name in document.tags where seenTags.insert(name).inserted { tagOrder.append(name) }
        }
        let categories = ValueObject(categoryOrder.map { ($0, Value.array(byCategory[$0] ?? [])) })
        let tags = ValueObject(tagOrder.map { ($0, Value.array(byTag[$0] ?? [])) })
        site["categories"] = .object(categories)
        site["tags"] = .object(tags)
        siteContent.add(to: &site, posts: posts)
        return .object(site)
    }
}
