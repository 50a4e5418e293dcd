import Foundation
import XCTest
@testable import Site
import StrataTestSupport

/// Jekyll's content model and file conventions, site-in-a-dictionary style, in a plain
/// Jekyll folder (the fixture under Fixtures/jekyll is also compared with real Jekyll).
final class JekyllContentModelTests: XCTestCase {
    /// A plain Jekyll folder (no `content/`) holding `files`.
    private func jekyllSite(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    private func output(_ root: URL) -> Set<String> {
        Set(SiteFixture.tree(root.appendingPathComponent("_site")).keys)
    }

    func testSpecialNamesAreSkippedAtEveryDepthUnlessIncluded() throws {
        let page = "---\n---\nx\n"
        let root = try jekyllSite([
            "_config.yml": "include: [_keep.md]\nexclude: [drafts-folder]\n",
            "notes/_private/secret.md": page, "notes/.hidden.md": page, "notes/#lock.md": page,
            "notes/~tmp.md": page, "notes/backup.md~": page, "notes/ok.md": page,
            "notes/_keep.md": page, "drafts-folder/a.md": page, "drafts-folder-two/b.md": page,
        ])
        _ = try SiteFixture.build(root)
        // `exclude` compares as a plain prefix too, as Jekyll's glob_include? does.
        XCTAssertEqual(output(root), ["notes/ok.html", "notes/_keep.html"])
    }

    /// Every extension of Jekyll's default `markdown_ext` ("markdown,mkdown,mkdn,mkd,md") is Markdown.
    func testEveryDefaultMarkdownExtensionIsConverted() throws {
        var files = ["_config.yml": "title: M\n"]
        for ext in ["markdown", "mkdown", "mkdn", "mkd", "md"] { files["\(ext).\(ext)"] = "---\n---\n*\(ext)*\n" }
        let root = try jekyllSite(files)
        _ = try SiteFixture.build(root)
        for ext in ["markdown", "mkdown", "mkdn", "mkd", "md"] {
            let html = try String(contentsOf: root.appendingPathComponent("_site/\(ext).html"), encoding: .utf8)
            XCTAssertTrue(html.contains("<em>\(ext)</em>"), "\(ext): \(html)")
        }
    }

    func testDataFilesOfEveryKindAndNestedFolders() throws {
        let root = try jekyllSite([
            "_data/menu.yml": "- a\n- b\n",
            "_data/team/people.json": "{\"lead\": \"Ada\"}",
            "_data/prices.csv": "item,price\n\"flour, white\",2\n\"say \"\"hi\"\"\",3\n",
            "_data/sizes.tsv": "size\tg\nsmall\t50\n",
            "index.html": "---\n---\n{{ site.data.menu | join: ',' }}|{{ site.data.team.people.lead }}|{% for r in site.data.prices %}{{ r.item }}={{ r.price }};{% endfor %}|{{ site.data.sizes[0].g }}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "a,b|Ada|flour, white=2;say \"hi\"=3;|50")
    }

    func testBrokenDataFileIsLocatedAndKeepsTheSite() throws {
        let root = try jekyllSite(["index.html": "---\n---\nok", "_data/a.json": "{\"a\": 1}"])
        _ = try SiteFixture.build(root)
        let before = SiteFixture.tree(root.appendingPathComponent("_site"))
        try Data("{\n  \"a\": 1,\n  \"b\" 2\n}".utf8).write(to: root.appendingPathComponent("_data/a.json"))
        try Data("name,x\n\"open,1\n".utf8).write(to: root.appendingPathComponent("_data/b.csv"))
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_data/a.json:3:7: error: invalid JSON"), message)
        XCTAssertTrue(message.contains("_data/b.csv:2:1: error: this quoted field is never closed"), message)
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), before)
    }

    func testDefaultsByPathGlobAndType() throws {
        let root = try jekyllSite([
            "_config.yml": """
            defaults:
              - scope: {path: ""}
                values: {flag: all, nested: {a: 1}}
              - scope: {path: "docs/*/guide"}
                values: {flag: glob}
              - scope: {path: "docs", type: pages}
                values: {nested: {b: 2}}
              - scope: {type: posts}
                values: {flag: post, permalink: "/p/:title/"}
            """,
            "docs/v1/guide/a.md": "---\n---\n{{ page.flag }} {{ page.nested.a }}{{ page.nested.b }}",
            "docs/b.md": "---\nflag: own\n---\n{{ page.flag }} {{ page.nested.a }}{{ page.nested.b }}",
            "_posts/2021-01-01-hello.md": "---\n---\n{{ page.flag }}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/v1/guide/a.html"), "<p>glob 12</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/b.html"), "<p>own 12</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/p/hello/index.html"), "<p>post</p>\n")
    }

    func testCollectionsOrderOutputAndLink() throws {
        let root = try jekyllSite([
            "_config.yml": "collections:\n  guides:\n    output: true\n    sort_by: weight\n  hidden:\n    output: false\n",
            "_guides/b.md": "---\ntitle: B\nweight: 1\n---\nb",
            "_guides/a.md": "---\ntitle: A\nweight: 2\n---\na",
            "_guides/c.md": "---\ntitle: C\n---\nc",
            "_hidden/h.md": "---\ntitle: H\n---\nh",
            "index.html": "---\n---\n{% for g in site.guides %}{{ g.title }}{% endfor %}|{{ site.hidden[0].title }}|{% link _guides/a.md %}|{% for c in site.collections %}{{ c.label }}{% endfor %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "BAC|H|/guides/a.html|guideshiddenposts")
        XCTAssertEqual(output(root), ["index.html", "guides/a.html", "guides/b.html", "guides/c.html"])
    }

    /// Jekyll's `Document#<=>` compares dates only when both documents have one, so a
    /// collection mixing dated and undated documents (Jekyll's own `_tutorials`) is ordered by
    /// Ruby's merge sort over that comparison. Expected order from Debian's Jekyll 4.3.1.
    func testCollectionMixingDatedAndUndatedDocumentsSortsAsJekyll() throws {
        var files = ["_config.yml": "collections:\n  tutorials:\n    output: false\n",
                     "index.html": "---\n---\n{% for t in site.tutorials %}{{ t.slug }} {% endfor %}"]
        let dates = ["cache-api": "2018-08-17", "convert": "2017-02-10", "csv": "2020-04-01", "custom-404": "2017-03-11", "index": "",
                     "navigation": "2017-01-24", "order": "2017-01-29", "using": "2018-03-06", "video": "2017-10-02"]
        for (name, date) in dates { files["_tutorials/\(name).md"] = date.isEmpty ? "---\n---\n" : "---\ndate: \(date)\n---\n" }
        let root = try jekyllSite(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "convert custom-404 cache-api csv index navigation order video using ")
    }

    /// `site.collections` is sorted by label in byte order (Jekyll's SiteDrop), which is the
    /// order jekyll-sitemap lists documents in; `site.documents` keeps `_config.yml`'s order.
    /// Expected values from Debian's Jekyll 4.3.1 on the same files.
    func testSiteCollectionsAreSortedByLabel() throws {
        let root = try jekyllSite([
            "_config.yml": "collections:\n  zeta:\n    output: true\n  guides:\n    output: true\n  hidden:\n    output: false\n  Alpha:\n    output: false\n",
            "_guides/b.md": "---\ntitle: B\n---\nb",
            "_hidden/h.md": "---\ntitle: H\n---\nh",
            "_zeta/z.md": "---\ntitle: Z\n---\nz",
            "index.html": "---\n---\n{% for c in site.collections %}{{ c.label }} {% endfor %}|{% for d in site.documents %}{{ d.title }} {% endfor %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "Alpha guides hidden posts zeta |Z B H ")
    }

    /// `link` finds any site file as Jekyll 4.3's `each_site_file` does, static files too
    /// (expected values from Debian's Jekyll 4.3.1 on the same files).
    func testLinkFindsStaticFilesPagesAndPosts() throws {
        let root = try jekyllSite([
            "assets/x.css": "body{}\n",
            "about.md": "---\ntitle: A\n---\nabout\n",
            "docs/guide.md": "---\n---\nDoc\n",
            "_posts/2021-01-01-p.md": "---\ntitle: P\n---\nhi\n",
            "index.html": "---\n---\n{% link assets/x.css %} {% link about.md %} {% link docs/guide.md %} {% link _posts/2021-01-01-p.md %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "/assets/x.css /about.html /docs/guide.html /2021/01/01/p.html")
    }

    func testBadCollectionPermalinkIsLocated() throws {
        let root = try jekyllSite(["_config.yml": "title: T\ncollections:\n  guides:\n    permalink: /:nope/\n"])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:4:17: error: collections.guides.permalink has an unknown placeholder `:nope`"), message)
    }

    func testUnknownPluginNamesItsLine() throws {
        let root = try jekyllSite(["_config.yml": "title: T\nplugins:\n  - jekyll-feed\n  - jekyll-nonesuch\n", "index.html": "---\n---\nx"])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:4:5: error: Strata has no plugin `jekyll-nonesuch`"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site").path))
        // The older `gems:` key is read the same way.
        let old = try jekyllSite(["_config.yml": "gems: [jekyll-nonesuch]\n"])
        XCTAssertTrue(SiteFixture.failure(old).contains("_config.yml:1:8: error: Strata has no plugin `jekyll-nonesuch`"))
    }

    /// jekyll-archives' settings in the gem's shape: a permalink that is not a string is one
    /// located error; nothing is built before the plugin is listed.
    func testJekyllArchivesSettingsAreCheckedAndNeedThePlugin() throws {
        let post = "---\ntitle: P\ntags: [a]\n---\nx"
        let bad = try jekyllSite(["_config.yml": "plugins: [jekyll-archives]\njekyll-archives:\n  enabled: all\n  permalinks:\n    tag: [no]\n",
                                  "_posts/2024-01-02-p.md": post, "_layouts/archive.html": "{{ page.title }}"])
        XCTAssertTrue(SiteFixture.failure(bad).contains("_config.yml:2:1: error: jekyll-archives.permalinks.tag must be a string"), SiteFixture.failure(bad))
        let unlisted = try jekyllSite(["_config.yml": "jekyll-archives:\n  enabled: all\n", "_posts/2024-01-02-p.md": post, "_layouts/archive.html": "{{ page.title }}"])
        _ = try SiteFixture.build(unlisted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: unlisted.appendingPathComponent("_site/tag/a/index.html").path))
    }

    /// kramdown's block `line_numbers`, read where Jekyll passes it (`kramdown.syntax_highlighter_opts`).
    func testKramdownBlockLineNumbersReachFencedCode() throws {
        let root = try jekyllSite([
            "_config.yml": "kramdown:\n  syntax_highlighter_opts:\n    block:\n      line_numbers: true\n",
            "index.md": "---\n---\n```\na\nb\n```\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertTrue(try SiteFixture.read(root, "_site/index.html").contains("<td class=\"rouge-gutter gl\"><pre class=\"lineno\">1\n2\n</pre>"))
    }

    /// A search index printing other pages' `content` sees what Jekyll's would: the rendered
    /// HTML of pages whose file names sort before its own, the source of the rest (fixture
    /// `search-index`, compared with Jekyll).
    func testASearchIndexSeesOtherPagesContentInJekyllsOrder() throws {
        let root = try jekyllSite([
            // Prose naming site.html_pages and content (just-the-docs' CHANGELOG) is no index.
            "about.md": "---\ntitle: About\n---\n*About* {{ 1 | plus: 1 }}, site.html_pages content\n",
            "tags.md": "---\ntitle: Tags\n---\n*Tags* {{ 1 | plus: 1 }}\n",
            "search.json": "---\n---\n{% for page in site.html_pages %}{{ page.url }}={{ page.content | strip }};{% endfor %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/search.json"), "/about.html=<p><em>About</em> 2, site.html_pages content</p>;/tags.html=*Tags* {{ 1 | plus: 1 }};")
    }

    /// In a Jekyll folder `page.toc` is the front matter's switch, as themes read it
    /// (`{% if page.toc %}` in mediumish and minimal-mistakes): Strata's list of headings
    /// would have switched every post's table of contents on.
    func testPageTOCIsTheFrontMattersSwitchInAJekyllFolder() throws {
        let root = try jekyllSite([
            "_layouts/post.html": "{% if page.toc %}TOC{% else %}none{% endif %}",
            "_posts/2024-01-02-a.md": "---\nlayout: post\n---\n## One\n\n## Two\n",
            "_posts/2024-01-03-b.md": "---\nlayout: post\ntoc: true\n---\n## One\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/a.html"), "none")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/03/b.html"), "TOC")
    }

    /// A mistyped built-in plugin gets the name it is nearest to; the Sass converter, which
    /// Jekyll always loads and sites list anyway, is accepted.
    func testMistypedPluginGetsADidYouMeanAndTheSassConverterIsAccepted() throws {
        let typo = try jekyllSite(["_config.yml": "plugins: [jekyll-sitemapp]\n", "index.html": "---\n---\nx"])
        let message = SiteFixture.failure(typo)
        XCTAssertTrue(message.contains("_config.yml:1:11: error: Strata has no plugin `jekyll-sitemapp`; did you mean `jekyll-sitemap`?"), message)
        let sass = try jekyllSite(["_config.yml": "plugins: [jekyll-sass-converter]\n", "index.html": "---\n---\nx"])
        _ = try SiteFixture.build(sass)
        XCTAssertEqual(try SiteFixture.read(sass, "_site/index.html"), "x")
    }

    /// A built-in plugin's tag in a site that does not list the plugin (minima's and the GitHub
    /// Pages themes' demos without Bundler): one error at the tag that names the plugin and the
    /// line to add, where Jekyll says only `Unknown tag 'seo'`.
    func testATagOfAnUnlistedPluginNamesThePluginToList() throws {
        let root = try jekyllSite([
            "_config.yml": "title: T\n",
            "_layouts/default.html": "<head>\n  {% seo %}\n</head>{{ content }}",
            "index.md": "---\nlayout: default\n---\nHi",
            "about.md": "---\nlayout: default\n---\nAbout",
        ])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_layouts/default.html:2:3: error: unknown tag `seo`: it is the plugin jekyll-seo-tag's, which Strata has built in but this site does not list; add `- jekyll-seo-tag` under `plugins:` in _config.yml (Strata does not read a Gemfile)"), message)
        XCTAssertEqual(message.components(separatedBy: "error:").count - 1, 1, message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site").path))
        // With `gems:`, the hint names that key; a listed plugin's tag works.
        let old = try jekyllSite(["_config.yml": "gems: [jekyll-seo-tag]\n", "index.md": "---\n---\n{% gist 1234 %}"])
        XCTAssertTrue(SiteFixture.failure(old).contains("index.md:3:1: error: unknown tag `gist`: it is the plugin jekyll-gist's, which Strata has built in but this site does not list; add `- jekyll-gist` under `gems:`"))
        let listed = try jekyllSite(["_config.yml": "plugins: [jekyll-gist]\n", "index.md": "---\n---\n{% gist 1234 %}"])
        _ = try SiteFixture.build(listed)
        XCTAssertTrue(try SiteFixture.read(listed, "_site/index.html").contains("https://gist.github.com/1234.js"))
        // jekyll-include-cache's tag, unlisted: the same message (just-the-docs without the gem).
        let cached = try jekyllSite(["_config.yml": "title: T\n", "_includes/nav.html": "nav", "index.md": "---\n---\n{% include_cached nav.html %}"])
        XCTAssertTrue(SiteFixture.failure(cached).contains("index.md:3:1: error: unknown tag `include_cached`: it is the plugin jekyll-include-cache's"))
    }

    /// kramdown colours code only with Rouge, named exactly (values from Jekyll 4.3.1): a
    /// `highlighter: pygments` of an older site, `Rouge`, or `syntax_highlighter_opts.disable`
    /// give plain code; `kramdown.syntax_highlighter: rouge` wins over `highlighter`.
    func testCodeIsPlainWhenKramdownHasNoHighlighter() throws {
        let page = "---\n---\nInline `x < y` here.\n\n```js\nvar a;\n```\n\n    indented\n"
        let plain = "<p>Inline <code>x &lt; y</code> here.</p>\n<pre><code class=\"language-js\">var a;\n</code></pre>\n<pre><code>indented\n</code></pre>\n"
        for config in ["highlighter: pygments\n", "highlighter: Rouge\n", "highlighter: none\n", "kramdown:\n  syntax_highlighter_opts:\n    disable: true\n"] {
            let root = try jekyllSite(["_config.yml": config, "index.md": page])
            _ = try SiteFixture.build(root)
            XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), plain, config)
        }
        let coloured = try jekyllSite(["_config.yml": "highlighter: pygments\nkramdown:\n  syntax_highlighter: rouge\n", "index.md": page])
        _ = try SiteFixture.build(coloured)
        let html = try SiteFixture.read(coloured, "_site/index.html")
        XCTAssertTrue(html.hasPrefix("<p>Inline <code class=\"language-plaintext highlighter-rouge\">x &lt; y</code> here.</p>\n<div class=\"language-js highlighter-rouge\">"), html)
    }

    /// Two `redirect_from`s of one URL (Jekyll's own docs have one): the gem writes both and
    /// the later overwrites the earlier; Strata keeps that one instead of refusing two files.
    func testTwoRedirectsFromOneURLKeepTheLater() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-redirect-from]\n",
            "code_of_conduct.md": "---\nredirect_from: /conduct/index.html\n---\nA",
            "conduct.md": "---\nredirect_from: /conduct/index.html\n---\nB",
        ])
        _ = try SiteFixture.build(root)
        let stub = try SiteFixture.read(root, "_site/conduct/index.html")
        XCTAssertTrue(stub.contains("<link rel=\"canonical\" href=\"/conduct.html\">"), stub)
        XCTAssertTrue(try SiteFixture.read(root, "_site/redirects.json").contains(#""/conduct/index.html":"/conduct.html""#))
    }

    /// The default excerpt is the first block whole, as Jekyll 4.3.1 renders the source up to
    /// the first blank line: a paragraph wrapped over lines, a nested list, an HTML block
    /// (Jekyll's output, whitespace between tags aside). It was cut at the first line break.
    func testTheExcerptIsTheWholeFirstBlock() throws {
        let root = try jekyllSite([
            "_config.yml": "title: T\n",
            "_posts/2021-03-07-a.md": "---\ntitle: A\n---\nFirst line of the paragraph\nsecond line of it.\n\nSecond paragraph.\n",
            "_posts/2021-03-08-b.md": "---\ntitle: B\n---\n- one\n- two\n  - nested\n\nAfter.\n",
            "_posts/2021-03-09-c.md": "---\ntitle: C\n---\n<div class=\"note\">\n<p>x</p>\n</div>\n\nAfter.\n",
            "index.html": "---\n---\n{% for p in site.posts %}[{{ p.excerpt }}]{% endfor %}",
        ])
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/index.html")
        XCTAssertEqual(html, "[<div class=\"note\">\n<p>x</p>\n</div>]"
            + "[<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ul>]"
            + "[<p>First line of the paragraph\nsecond line of it.</p>]")
    }

    func testPostConventions() throws {
        let root = try jekyllSite([
            "_config.yml": "permalink: /:slugified_categories/:title:output_ext\n",
            "_posts/2021-03-07-My-API Post.md": "---\ncategory: Release Notes\ntag: big news\n---\n{{ page.title }}|{{ page.categories | join: ',' }}|{{ page.tags | join: ',' }}|{{ page.id }}",
            "_posts/deep/2021-3-8-other.md": "---\ntitle: Other\n---\n[x]({% post_url 2021-03-07-My-API Post %}) {% post_url deep/2021-3-8-other %}",
            "plain.md": "---\npermalink: /plain\n---\nplain",
        ])
        _ = try SiteFixture.build(root)
        // Checked against Jekyll 4.3.1: `:title` slugifies the file name's slug keeping case;
        // the default title splits at `-` only and capitalises each part (`Api post`).
        XCTAssertEqual(try SiteFixture.read(root, "_site/release-notes/My-API-Post.html"), "<p>My Api post|Release Notes|big news|/release-notes/My-API Post</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/other.html"), "<p><a href=\"/release-notes/My-API-Post.html\">x</a> /other.html</p>\n")
        // An extensionless permalink is written with `.html`, its URL stays as written.
        XCTAssertTrue(output(root).contains("plain.html"))
    }

    func testNoBlankLineAfterFrontMatterAndNoImplicitLayout() throws {
        let root = try jekyllSite([
            "_layouts/post.html": "LAYOUT {{ content }}",
            "feed.xml": "---\nlayout: null\n---\n\n\n<?xml version=\"1.0\"?><feed/>\n",
            "_posts/2021-01-01-a.md": "---\ntitle: A\n---\nbody\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/feed.xml"), "<?xml version=\"1.0\"?><feed/>\n")
        // Jekyll 4 gives a post without `layout:` no layout at all.
        XCTAssertEqual(try SiteFixture.read(root, "_site/2021/01/01/a.html"), "<p>body</p>\n")
    }

    func testRelatedPostsAndNeighboursOnThePostItself() throws {
        var files = ["_config.yml": "permalink: /:title/\n"]
        for day in 1...12 {
            let name = String(format: "_posts/2021-01-%02d-p%d.md", day, day)
            files[name] = "---\nlayout: post\n---\nx"
        }
        files["_layouts/post.html"] = "{{ page.previous.title }}<{{ page.title }}>{{ page.next.title }}|{% for p in site.related_posts %}{{ p.title }},{% endfor %}"
        let root = try jekyllSite(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/p5/index.html"), "P4<P5>P6|P12,P11,P10,P9,P8,P7,P6,P4,P3,P2,")
        XCTAssertEqual(try SiteFixture.read(root, "_site/p12/index.html"), "P11<P12>|P11,P10,P9,P8,P7,P6,P5,P4,P3,P2,")
    }

    /// Jekyll 4.3 gives a post's own text `page.previous` and `page.next` too (checked with
    /// `jekyll build`: the body of the middle of three posts printed both titles).
    func testNeighboursInThePostsOwnText() throws {
        var files = ["_config.yml": "permalink: /:title/\n"]
        for day in 1...3 {
            files[String(format: "_posts/2021-01-%02d-p%d.md", day, day)] = "---\n---\n{{ page.previous.title }}/{{ page.title }}/{{ page.next.title }}"
        }
        let root = try jekyllSite(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/p1/index.html"), "<p>/P1/P2</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/p2/index.html"), "<p>P1/P2/P3</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/p3/index.html"), "<p>P2/P3/</p>\n")
    }

    func testKeepFilesSurviveARebuild() throws {
        let root = try jekyllSite(["_config.yml": "keep_files: [uploads]\n", "index.html": "---\n---\nx"])
        _ = try SiteFixture.build(root)
        let kept = root.appendingPathComponent("_site/uploads/photo.jpg")
        try FileManager.default.createDirectory(at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("jpg".utf8).write(to: kept)
        try Data("stale".utf8).write(to: root.appendingPathComponent("_site/stale.html"))
        _ = try SiteFixture.build(root)
        XCTAssertEqual(output(root), ["index.html", "uploads/photo.jpg"])
    }

    func testCollectionDocumentsShowTheirContentToPages() throws {
        // Jekyll renders collections before pages: a page sees each document's body and
        // excerpt, and a document's body sees posts' bodies (values from Jekyll 4.3.1, whose
        // excerpt ends in kramdown's newline after `</p>`).
        let root = try jekyllSite([
            "_config.yml": "collections:\n  recipes:\n    output: true\n  box:\n    output: false\n",
            "_recipes/soup.md": "---\ntitle: Soup\n---\nSoup **hot** {{ site.posts.first.content | strip_html | strip }}\n\nsecond\n",
            "_box/x.md": "---\n---\nHidden *box*\n",
            "_posts/2021-03-07-p.md": "---\n---\nPost body\n",
            "index.html": "---\n---\n{% for r in site.recipes %}[{{ r.content }}][{{ r.excerpt }}]{% endfor %}{{ site.box[0].content }}{{ site.documents.size }}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), """
            [<p>Soup <strong>hot</strong> Post body</p>
            <p>second</p>
            ][<p>Soup <strong>hot</strong> Post body</p>]<p>Hidden <em>box</em></p>
            3
            """)
        XCTAssertEqual(try SiteFixture.read(root, "_site/recipes/soup.html"), "<p>Soup <strong>hot</strong> Post body</p>\n<p>second</p>\n")
    }

    private let dateList = "---\n---\n{% for p in site.posts %}{{ p.path }}|{{ p.url }}|{{ p.date | date: \"%Y-%m-%d %H:%M:%S %z\" }}\n{% endfor %}"

    func testTwoAndThreeDigitYearsInPostFileNames() throws {
        // Ruby's Time.parse completes `69`–`99` to 19xx and `00`–`68` to 20xx; three digits
        // are the year itself (values from Jekyll 4.3.1; `50` and `68` are in the future).
        var files = ["_config.yml": "timezone: UTC\n", "index.html": dateList]
        for name in ["21-3-7-two", "99-12-31-ninetynine", "69-01-01-sixtynine", "68-01-01-sixtyeight", "021-03-07-three", "50-06-15-fifty"] {
            files["_posts/\(name).md"] = "---\n---\nx\n"
        }
        files["_posts/2021-03-08-text.md"] = "---\ndate: 21-03-08 10:00\n---\nx\n"
        let root = try jekyllSite(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), """
            _posts/2021-03-08-text.md|/2021/03/08/text.html|2021-03-08 10:00:00 +0000
            _posts/21-3-7-two.md|/2021/03/07/two.html|2021-03-07 00:00:00 +0000
            _posts/99-12-31-ninetynine.md|/1999/12/31/ninetynine.html|1999-12-31 00:00:00 +0000
            _posts/69-01-01-sixtynine.md|/1969/01/01/sixtynine.html|1969-01-01 00:00:00 +0000
            _posts/021-03-07-three.md|/0021/03/07/three.html|0021-03-07 00:00:00 +0000

            """)
    }

    func testUnquotedYAMLDatesAreUTCAndQuotedOnesLocal() throws {
        // Psych reads an unquoted timestamp without a zone as UTC; Jekyll parses a quoted
        // one in the site's zone (values from Jekyll 4.3.1 with this `timezone:`).
        let root = try jekyllSite([
            "_config.yml": "timezone: America/New_York\n",
            "index.html": dateList,
            "_posts/2021-03-07-unquoted.md": "---\ndate: 2021-03-07 10:00:00\n---\nx\n",
            "_posts/2021-03-07-quoted.md": "---\ndate: \"2021-03-07 10:00:00\"\n---\nx\n",
            "_posts/2021-03-07-unquotedzone.md": "---\ndate: 2021-03-07 10:00:00 +0500\n---\nx\n",
            "_posts/2021-03-07-quotedzone.md": "---\ndate: \"2021-03-07 10:00:00 +0500\"\n---\nx\n",
            "_posts/2021-03-07-dayonly.md": "---\ndate: 2021-03-07\n---\nx\n",
            "_posts/2021-03-07-isoz.md": "---\ndate: 2021-03-07T23:30:00Z\n---\nx\n",
            "_posts/2021-03-09-onedigit.md": "---\ndate: 2021-3-9 8:05\n---\nx\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), """
            _posts/2021-03-09-onedigit.md|/2021/03/09/onedigit.html|2021-03-09 08:05:00 -0500
            _posts/2021-03-07-isoz.md|/2021/03/07/isoz.html|2021-03-07 18:30:00 -0500
            _posts/2021-03-07-quoted.md|/2021/03/07/quoted.html|2021-03-07 10:00:00 -0500
            _posts/2021-03-07-unquoted.md|/2021/03/07/unquoted.html|2021-03-07 05:00:00 -0500
            _posts/2021-03-07-unquotedzone.md|/2021/03/07/unquotedzone.html|2021-03-07 00:00:00 -0500
            _posts/2021-03-07-quotedzone.md|/2021/03/07/quotedzone.html|2021-03-07 00:00:00 -0500
            _posts/2021-03-07-dayonly.md|/2021/03/07/dayonly.html|2021-03-07 00:00:00 -0500

            """)
    }

    func testPostsFoldersBelowTheTopGiveCategories() throws {
        // Values from Jekyll 4.3.1: the folders above `_posts` come before front matter's.
        let root = try jekyllSite([
            "blog/_posts/2021-03-07-x.md": "---\n---\nx\n",
            "a/b/_posts/2021-03-08-y.md": "---\ncategory: extra\n---\ny\n",
            "blog/_posts/2021-03-09-z.md": "---\ncategories: own\n---\nz\n",
            "_private/_posts/2021-03-10-no.md": "---\n---\nno\n",
            "index.html": "---\n---\n{% for p in site.posts %}{{ p.path }}|{{ p.url }}|{{ p.categories | join: ',' }};{% endfor %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"),
                       "blog/_posts/2021-03-09-z.md|/blog/own/2021/03/09/z.html|blog,own;a/b/_posts/2021-03-08-y.md|/a/b/extra/2021/03/08/y.html|a,b,extra;blog/_posts/2021-03-07-x.md|/blog/2021/03/07/x.html|blog;")
    }

    func testCollectionsDirHoldsPostsAndCollections() throws {
        // Values from Jekyll 4.3.1: `relative_path` starts at the collection's folder, the
        // top-level `_posts` is not read, other files under the folder are pages.
        let root = try jekyllSite([
            "_config.yml": "collections_dir: my\ncollections:\n  recipes:\n    output: true\n    permalink: /r/:path/\n",
            "my/_posts/2021-03-07-in-dir.md": "---\ntitle: In dir\n---\nBody\n",
            "_posts/2021-03-08-top.md": "---\n---\nTop\n",
            "my/_recipes/soup.md": "---\n---\nSoup\n",
            "my/notes/a.md": "---\n---\nnote\n",
            "index.html": "---\n---\n{% for p in site.posts %}{{ p.path }}|{{ p.url }}|{{ p.id }};{% endfor %}{% for r in site.recipes %}{{ r.path }}|{{ r.url }};{% endfor %}{% post_url 2021-03-07-in-dir %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"),
                       "_posts/2021-03-07-in-dir.md|/2021/03/07/in-dir.html|/2021/03/07/in-dir;_recipes/soup.md|/r/soup/;/2021/03/07/in-dir.html")
        XCTAssertEqual(output(root), ["index.html", "2021/03/07/in-dir.html", "r/soup/index.html", "my/notes/a.html"])
        try Data("collections_dir: [a]\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        XCTAssertTrue(SiteFixture.failure(root).contains("_config.yml:1:1: error: `collections_dir` must be text"))
    }
}

/// The built-in plugins, switched on by `plugins:`; their full output is compared with the
/// gems' in `make test` (Fixtures/jekyll/plugins); these pin the switches.
final class JekyllPluginTests: XCTestCase {
    /// A plain Jekyll folder (no `content/`) holding `files`.
    private func site(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    func testPluginsAreOffUnlessListed() throws {
        let root = try site(["_config.yml": "title: T\n", "index.html": "---\n---\n{% seo %}"])
        XCTAssertTrue(SiteFixture.failure(root).contains("unknown tag"))
        let listed = try site(["_config.yml": "title: T\nplugins: [jekyll-seo-tag, jekyll-feed]\n", "index.html": "---\n---\n{% seo title=false %}{% feed_meta %}"])
        _ = try SiteFixture.build(listed)
        let html = try SiteFixture.read(listed, "_site/index.html")
        XCTAssertFalse(html.contains("<title>"), "title=false leaves the title out")
        XCTAssertTrue(html.contains("<meta property=\"og:site_name\" content=\"T\" />"), html)
        XCTAssertTrue(html.hasSuffix("<link type=\"application/atom+xml\" rel=\"alternate\" href=\"/feed.xml\" title=\"T\" />"), html)
        XCTAssertTrue(FileManager.default.fileExists(atPath: listed.appendingPathComponent("_site/feed.xml").path))
    }

    func testTheSitesOwnFeedAndRobotsWin() throws {
        let root = try site([
            "_config.yml": "plugins: [jekyll-feed, jekyll-sitemap]\n",
            "feed.xml": "---\nlayout: null\n---\nmine", "robots.txt": "User-agent: *\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/feed.xml"), "mine")
        XCTAssertEqual(try SiteFixture.read(root, "_site/robots.txt"), "User-agent: *\n")
        XCTAssertTrue(try SiteFixture.read(root, "_site/sitemap.xml").hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"))
    }

    func testSEOValuesAreEscaped() throws {
        let root = try site([
            "_config.yml": "title: A <b> & \"c\"\nurl: https://example.org\nplugins: [jekyll-seo-tag]\nauthor: \"x\\\" onload=\\\"y\"\n",
            "index.html": "---\n---\n{% seo %}",
        ])
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/index.html")
        XCTAssertTrue(html.contains("<meta name=\"author\" content=\"x&quot; onload=&quot;y\" />"), html)
        XCTAssertFalse(html.contains("<b>"), html)
    }

    /// The gem's `homepage_or_about?` (`^/(about/)?(index\.html?)?$`) makes the JSON-LD a
    /// `WebSite`; and site-wide text, formatted once per build, is the same on every page.
    func testSEOHomeOrAboutAndSiteTextOnEveryPage() throws {
        let pages = ["index.html": "/", "about/index.html": "/about/index.html", "about.html": "/about.html",
                     "aboutx/index.html": "/aboutx/", "other.html": "/index.htm"]
        var files = ["_config.yml": "title: Notes *on* `code` & more\nurl: https://example.org\nplugins: [jekyll-seo-tag]\n"]
        for (path, url) in pages { files[path] = "---\npermalink: \(url)\n---\n{% seo %}" }
        let root = try site(files)
        _ = try SiteFixture.build(root)
        // The URL `/index.htm` is written to `index.htm.html`.
        let expected = ["index.html": true, "about/index.html": true, "about.html": false,
                        "aboutx/index.html": false, "index.htm.html": true]
        for (path, isWebSite) in expected {
            let html = try SiteFixture.read(root, "_site/" + path)
            XCTAssertEqual(html.contains("\"@type\":\"WebSite\""), isWebSite, path + ": " + html)
            XCTAssertTrue(html.contains("<meta property=\"og:site_name\" content=\"Notes on code &amp; more\" />"), path + ": " + html)
        }
    }

    func testPaginationWritesCopiesAtPaginatePath() throws {
        var files = ["_config.yml": "plugins: [jekyll-paginate]\npaginate: 2\n",
                     "index.html": "---\n---\n{{ paginator.page }}/{{ paginator.total_pages }}:{% for p in paginator.posts %}{{ p.title }}{% endfor %}:{{ paginator.next_page_path }}"]
        for day in 1...5 { files["_posts/2021-01-0\(day)-p\(day).md"] = "---\n---\nx" }
        files["_posts/2021-01-06-hidden.md"] = "---\nhidden: true\n---\nx"
        let root = try site(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "1/3:P5P4:/page2")
        XCTAssertEqual(try SiteFixture.read(root, "_site/page3/index.html"), "3/3:P1:")
    }
}

/// Sass through libsass, as jekyll-sass-converter compiles it (output compared with the
/// gem's in Fixtures/jekyll/sass); these pin the options and the error locations.
final class SassTests: XCTestCase {
    /// A plain Jekyll folder (no `content/`) holding `files`.
    private func site(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    func testScssWithPartialsLoadPathsAndStyle() throws {
        let root = try site([
            "_config.yml": "sass:\n  style: expanded\n  sourcemap: never\n  load_paths: [vendor/*/scss]\n",
            "_sass/_colors.scss": "$ink: #123456;\n",
            "vendor/kit/scss/_kit.scss": "@mixin pad { padding: 1px; }\n",
            "css/site.scss": "---\n---\n@import \"colors\", \"kit\";\np { color: $ink; @include pad; }\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/css/site.css"), "p {\n  color: #123456;\n  padding: 1px;\n}\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/css/site.css.map").path))
    }

    func testSassErrorsAreLocatedInThePageOrThePartial() throws {
        let root = try site(["css/a.scss": "---\ntitle: x\n---\np {\n  color: $missing;\n}\n", "index.html": "---\n---\nok"])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("css/a.scss:5:10: error: Sass: Undefined variable"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site").path))

        let partial = try site(["_sass/_bad.scss": "p {\n  color: red\n  margin: 0;\n}\n", "css/b.scss": "---\n---\n@import \"bad\";\n"])
        let located = SiteFixture.failure(partial)
        XCTAssertTrue(located.contains("_sass/_bad.scss:3:"), located)
    }
}
