import Liquid

/// One Atom feed of jekyll-feed 0.17, written from the Liquid context of its page: which
/// documents come from `page.collection`, `page.category` or `page.tags`, the stylesheet
/// from `page.xsl`, the rest from `site`. The elements, their order and their text are the
/// gem's; as with the gem's minified template, nothing separates one element from the next.
/// Every value goes through the Liquid filter the gem applies to it (`xml_escape`,
/// `absolute_url`, `date_to_xmlschema`, `smartify`…), so escaping and dates are the
/// filters' own. Errors are the filters' Liquid errors, located at the feed page.
struct FeedWriter {
    let context: TagContext

    private func value(_ expression: String, _ locals: [(String, Value)] = []) throws(LiquidError) -> Value {
        try context.evaluate(expression, with: locals)
    }

    private func text(_ expression: String, _ locals: [(String, Value)] = []) throws(LiquidError) -> String {
        try context.text(expression, with: locals)
    }

    private func holds(_ condition: String, _ locals: [(String, Value)] = []) throws(LiquidError) -> Bool {
        try context.holds(condition, with: locals)
    }

    /// `<name>text</name>` when `condition` holds.
    private func element(_ name: String, if condition: String, _ expression: String, _ locals: [(String, Value)] = []) throws(LiquidError) -> String {
        try holds(condition, locals) ? "<\(name)>" + text(expression, locals) + "</\(name)>" : ""
    }

    /// The feed; `shown` gets the documents it holds entries for.
    func xml(shown: inout [Value]) throws(LiquidError) -> String {
        var xml = #"<?xml version="1.0" encoding="utf-8"?>"#
        if try holds("page.xsl") {
            xml += #"<?xml-stylesheet type="text/xml" href=""# + (try text("'/feed.xslt.xml' | absolute_url")) + #""?>"#
        }
        let lang = try holds("site.lang") ? try text("site.lang") : nil
        xml += #"<feed xmlns="http://www.w3.org/2005/Atom" "# + (lang.map { #"xml:lang=""# + $0 + #"""# } ?? "") + ">"
        // The gem names Jekyll and its version here; Strata names itself, as its `{% seo %}`
        // generator meta does, rather than claim a Jekyll version it is not.
        xml += "<generator>Strata</generator>"
        xml += #"<link href=""# + (try text("page.url | absolute_url")) + #"" rel="self" type="application/atom+xml" />"#
        xml += #"<link href=""# + (try text("'/' | absolute_url")) + #"" rel="alternate" type="text/html" "#
            + (lang.map { #"hreflang=""# + $0 + #"" "# } ?? "") + "/>"
        xml += "<updated>" + (try text("site.time | date_to_xmlschema")) + "</updated>"
        xml += "<id>" + (try text("page.url | absolute_url | xml_escape")) + "</id>"
        xml += try title()
        xml += try element("subtitle", if: "site.description", "site.description | xml_escape")
        if try holds("site.author") {
            xml += "<author><name>" + (try text("site.author.name | default: site.author | xml_escape")) + "</name>"
            xml += try element("email", if: "site.author.email", "site.author.email | xml_escape")
            xml += try element("uri", if: "site.author.uri", "site.author.uri | xml_escape")
            xml += "</author>"
        }
        shown = try documents()
        for document in shown { xml += try entry(document) }
        return xml + "</feed>"
    }

    /// The site's title, then ` | Collection` for a collection's feed and ` | Category` for a
    /// category's, each capitalized.
    private func title() throws(LiquidError) -> String {
        var title = try value("site.title | default: site.name")
        let append = #"title | append: " | " | append: name"#
        if try holds(#"page.collection != "posts""#) {
            title = try value(append, [("title", title), ("name", try value("page.collection | capitalize"))])
        }
        if try holds("page.category") {
            title = try value(append, [("title", title), ("name", try value("page.category | capitalize"))])
        }
        guard title.isTruthy else { return "" }
        return #"<title type="html">"# + (try text("title | smartify | xml_escape", [("title", title)])) + "</title>"
    }

    /// The feed's documents, newest first: the tag's posts or the collection's documents,
    /// in the category if there is one, drafts left out unless `show_drafts`, at most
    /// `feed.posts_limit` (10).
    private func documents() throws(LiquidError) -> [Value] {
        var documents = try holds("page.tags") ? try value("site.tags[page.tags]") : try value("site[page.collection]")
        if try holds("page.category") {
            documents = try value(#"posts | where: "categories", page.category"#, [("posts", documents)])
        }
        if try !holds("site.show_drafts") {
            documents = try value(#"posts | where_exp: "post", "post.draft != true""#, [("posts", documents)])
        }
        documents = try value(#"posts | sort: "date" | reverse"#, [("posts", documents)])
        let limit = try context.loopBound(try value("site.feed.posts_limit | default: 10"))
        return Array(documents.elements.prefix(max(limit, 0)))
    }

    private func entry(_ document: Value) throws(LiquidError) -> String {
        let post = [("post", document)]
        var xml = "<entry" + (try holds("post.lang", post) ? #" xml:lang=""# + (try text("post.lang", post)) + #"""# : "") + ">"
        let title = try text("post.title | smartify | strip_html | normalize_whitespace | xml_escape", post)
        xml += #"<title type="html">"# + title + "</title>"
        xml += #"<link href=""# + (try text("post.url | absolute_url", post)) + #"" rel="alternate" type="text/html" title=""# + title + #"" />"#
        xml += "<published>" + (try text("post.date | date_to_xmlschema", post)) + "</published>"
        xml += "<updated>" + (try text("post.last_modified_at | default: post.date | date_to_xmlschema", post)) + "</updated>"
        xml += "<id>" + (try text("post.id | absolute_url | xml_escape", post)) + "</id>"
        if try !value("post.feed.excerpt_only | default: site.feed.excerpt_only", post).isTruthy {
            xml += #"<content type="html" xml:base=""# + (try text("post.url | absolute_url | xml_escape", post)) + #"">"#
                + "<![CDATA[" + (try text("post.content | strip", post)) + "]]></content>"
        }
        xml += try author(post)
        if try holds("post.category", post) {
            xml += #"<category term=""# + (try text("post.category | xml_escape", post)) + #"" />"#
        } else if try holds("post.categories", post) {
            xml += try categories("post.categories", post)
        }
        xml += try categories("post.tags", post)
        xml += try summary(post)
        xml += try image(post)
        return xml + "</entry>"
    }

    /// `<category term="…" />` for each member of a list, as a `for` loop visits them.
    private func categories(_ expression: String, _ post: [(String, Value)]) throws(LiquidError) -> String {
        var xml = ""
        for term in try value(expression, post).elements {
            xml += #"<category term=""# + (try text("term | xml_escape", [("term", term)])) + #"" />"#
        }
        return xml
    }

    /// The entry's author: `post.author`, else the first of `post.authors`, else the site's;
    /// a name that is a key of `site.data.authors` stands for that entry.
    private func author(_ post: [(String, Value)]) throws(LiquidError) -> String {
        var author = try value("post.author | default: post.authors[0] | default: site.author", post)
        author = try value("site.data.authors[author] | default: author", [("author", author)])
        let locals = [("author", author)]
        var xml = "<author><name>" + (try text(#"author.name | default: author | default: "" | xml_escape"#, locals)) + "</name>"
        // The gem reads these through `default: nil`: an empty email or URI is left out.
        for field in ["email", "uri"] {
            let given = try value("author.\(field) | default: nil", locals)
            if given.isTruthy { xml += "<\(field)>" + (try text("given | xml_escape", [("given", given)])) + "</\(field)>" }
        }
        return xml + "</author>"
    }

    /// `post.description`, else the excerpt, as plain text.
    private func summary(_ post: [(String, Value)]) throws(LiquidError) -> String {
        let summary = try value("post.description | default: post.excerpt", post)
        let locals = [("summary", summary)]
        // Jekyll's generated excerpt is an object that is never `empty`: a post with no text
        // still gets an (empty) summary when its excerpt stands in for a description.
        let generatedExcerpt = try !value("post.description | default: nil", post).isTruthy && summary == .string("")
        if !generatedExcerpt { guard try holds("summary and summary != empty", locals) else { return "" } }
        return #"<summary type="html"><![CDATA["# + (try text("summary | strip_html | normalize_whitespace", locals)) + "]]></summary>"
    }

    /// `post.image` (or its `path`), made absolute unless it is a full URL, as Media RSS.
    private func image(_ post: [(String, Value)]) throws(LiquidError) -> String {
        var image = try value("post.image.path | default: post.image", post)
        guard image.isTruthy else { return "" }
        if try !holds(#"image contains "://""#, [("image", image)]) {
            image = try value("image | absolute_url", [("image", image)])
        }
        let url = try text("image | xml_escape", [("image", image)])
        return #"<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url=""# + url + #"" />"#
            + #"<media:content medium="image" url=""# + url + #"" xmlns:media="http://search.yahoo.com/mrss/" />"#
    }
}
