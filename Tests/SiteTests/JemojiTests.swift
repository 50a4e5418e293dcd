import Foundation
import XCTest
@testable import Site
import StrataTestSupport

/// jemoji 0.13 (html-pipeline 2.14's `EmojiFilter`, gemoji 4's file names) with a small
/// `db/emoji.json` of gemoji's shape written here, in a gem folder the locator finds as it
/// finds a theme (Bundler's `vendor/bundle/ruby/VERSION/gems/gemoji-VERSION`). The whole
/// list, from PyPI's `emojis` package, is checked in `make test` by
/// `scripts/check-jemoji-names.py`.
final class JemojiTests: XCTestCase {
    private static let gem = "vendor/bundle/ruby/3.1.0/gems/gemoji-4.1.0/"

    /// gemoji's shape: an alias list, a Unicode emoji with `fe0f`, a ZWJ sequence, a keycap,
    /// GitHub's own image (no `emoji`), and a name two entries claim (the later wins).
    static let emojiJSON = """
        [
          {"emoji": "👍", "description": "thumbs up", "category": "People & Body", "aliases": ["+1", "thumbsup"], "tags": ["approve", "ok"], "unicode_version": "6.0", "ios_version": "6.0", "skin_tones": true},
          {"emoji": "❤️", "description": "red heart", "category": "Smileys & Emotion", "aliases": ["heart"], "tags": ["love"], "unicode_version": "", "ios_version": "6.0"},
          {"emoji": "👨‍👩‍👦", "description": "family: man, woman, boy", "category": "People & Body", "aliases": ["family_man_woman_boy"], "tags": [], "unicode_version": "6.0", "ios_version": "8.3"},
          {"emoji": "#️⃣", "description": "keycap: #", "category": "Symbols", "aliases": ["hash"], "tags": ["number"], "unicode_version": "", "ios_version": "9.1"},
          {"emoji": "🏳️‍🌈", "description": "rainbow flag", "category": "Flags", "aliases": ["rainbow_flag"], "tags": ["pride"], "unicode_version": "6.0", "ios_version": "9.1"},
          {"aliases": ["octocat"], "tags": [], "category": "GitHub"},
          {"aliases": ["shipit", "squirrel"], "tags": [], "category": "GitHub"},
          {"emoji": "🐿️", "description": "chipmunk", "aliases": ["chipmunk", "squirrel"], "tags": []}
        ]
        """

    private func site(_ files: [String: String], gem: String? = JemojiTests.gem) throws -> URL {
        var files = files
        if let gem { files[gem + "db/emoji.json"] = JemojiTests.emojiJSON }
        return try SiteFiles.folder(files, test: self)
    }

    private func image(_ name: String, _ file: String, root: String = "https://github.githubassets.com/images/icons/") -> String {
        "<img class=\"emoji\" title=\":\(name):\" alt=\":\(name):\" src=\"\(root)emoji/\(file)\" height=\"20\" width=\"20\">"
    }

    func testNamesInTheListBecomeImagesNamedAsGemojiNamesThem() throws {
        let root = try site([
            "_config.yml": "plugins:\n  - jemoji\n",
            "index.md": """
                ---
                ---
                :+1: :thumbsup: :heart: :family_man_woman_boy: :hash: :rainbow_flag: :octocat: :squirrel: :shipit:

                :nope: :Heart: :+1::+1: :x:+1: ::heart:: :heart :+1:: 10:30:heart:
                """,
        ])
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/index.html")
        let first = [
            image("+1", "unicode/1f44d.png"), image("thumbsup", "unicode/1f44d.png"),
            // `fe0f` is dropped from the file name, as is every later `200d`; a keycap keeps `20e3`.
            image("heart", "unicode/2764.png"), image("family_man_woman_boy", "unicode/1f468-1f469-1f466.png"),
            image("hash", "unicode/0023-20e3.png"), image("rainbow_flag", "unicode/1f3f3-1f308.png"),
            // GitHub's own images are named after the entry's first alias; `squirrel` belongs
            // to the later entry, as gemoji's index keeps the last.
            image("octocat", "octocat.png"), image("squirrel", "unicode/1f43f.png"), image("shipit", "shipit.png"),
        ].joined(separator: " ")
        XCTAssertEqual(html, """
            <p>\(first)</p>
            <p>:nope: :Heart: \(image("+1", "unicode/1f44d.png"))\(image("+1", "unicode/1f44d.png")) :x\(image("+1", "unicode/1f44d.png")) :\(image("heart", "unicode/2764.png")): :heart \(image("+1", "unicode/1f44d.png")): 10:30\(image("heart", "unicode/2764.png"))</p>

            """)
    }

    func testOnlyTheBodyOutsidePreCodeAndTTOfHTMLPagesIsEmojified() throws {
        let root = try site([
            "_config.yml": "plugins: [jemoji]\ncollections:\n  notes:\n    output: true\n",
            "_layouts/default.html": """
                <html><head><title>{{ page.title }} :heart:</title></head>
                <body class="page">{{ content }}<pre>:heart:</pre><p><tt>:heart:</tt><code><b>:heart:</b></code></p><script>var s = ":heart:";</script><style>/* :heart: */</style><!-- :heart: --></body></html>

                """,
            "index.md": "---\nlayout: default\ntitle: Home\n---\nI :heart: it, `:heart:` not.\n",
            "_posts/2024-01-02-hello.md": "---\nlayout: default\n---\nPost :heart:\n",
            "_notes/one.md": "---\nlayout: default\n---\nNote :heart:\n",
            "bare.html": "---\ntitle: Bare\n---\n<title>:heart:</title><p>:heart:</p>\n",
            "feed.xml": "---\n---\n<title>:heart:</title>\n",
            "data.json": "---\npermalink: /data/\n---\n[\":heart:\"]\n",
        ])
        _ = try SiteFixture.build(root)
        let heart = image("heart", "unicode/2764.png")
        let index = try SiteFixture.read(root, "_site/index.html")
        XCTAssertEqual(index, """
            <html><head><title>Home :heart:</title></head>
            <body class="page"><p>I \(heart) it, <code class="language-plaintext highlighter-rouge">:heart:</code> not.</p>
            <pre>:heart:</pre><p><tt>:heart:</tt><code><b>:heart:</b></code></p><script>var s = ":heart:";</script><style>/* :heart: */</style><!-- :heart: --></body></html>

            """)
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/02/hello.html").contains("<p>Post \(heart)</p>"))
        XCTAssertTrue(try SiteFixture.read(root, "_site/notes/one.html").contains("<p>Note \(heart)</p>"))
        // Without `<body>` the whole page is filtered, its title too.
        XCTAssertEqual(try SiteFixture.read(root, "_site/bare.html"), "<title>\(heart)</title><p>\(heart)</p>\n")
        // Not HTML: left alone, unless the permalink ends in `/` (jemoji's `emojiable?`).
        XCTAssertEqual(try SiteFixture.read(root, "_site/feed.xml"), "<title>:heart:</title>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/data/index.json"), "[\"\(heart)\"]\n")
    }

    func testTheScanReadsTagsCommentsAndRawTextAsAnHTMLParserDoes() throws {
        let root = try site([
            "_config.yml": "plugins: [jemoji]\n",
            "page.html": """
                ---
                ---
                <BODY><PRE>:heart:</Pre><!-- <pre> -->:heart: a < b :heart: <Script>if (a<b) {} // :heart:</SCRIPT>:heart:
                <p title=":heart:">:a b:heart: :\(String(repeating: "x", count: 40)):heart: :é:heart:</p></BODY>

                """,
        ])
        _ = try SiteFixture.build(root)
        let heart = image("heart", "unicode/2764.png")
        XCTAssertEqual(try SiteFixture.read(root, "_site/page.html"), """
            <BODY><PRE>:heart:</Pre><!-- <pre> -->\(heart) a < b \(heart) <Script>if (a<b) {} // :heart:</SCRIPT>\(heart)
            <p title=":heart:">:a b\(heart) :\(String(repeating: "x", count: 40))\(heart) :é\(heart)</p></BODY>

            """)
    }

    func testTheImageRootComesFromEmojiSrc() throws {
        for (src, prefix) in [("/assets/images", "/assets/images/"), ("https://cdn.example/e/", "https://cdn.example/e/"), ("''", "/"), ("'/a?b=\"c\"'", "/a?b=&quot;c&quot;/")] {
            let root = try site(["_config.yml": "plugins: [jemoji]\nemoji:\n  src: \(src)\n", "index.md": "---\n---\n:+1:\n"])
            _ = try SiteFixture.build(root)
            XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "<p>\(image("+1", "unicode/1f44d.png", root: prefix))</p>\n", src)
        }
        // A mapping without `src` keeps GitHub's asset host.
        let root = try site(["_config.yml": "plugins: [jemoji]\nemoji:\n  other: 1\n", "index.md": "---\n---\n:+1:\n"])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "<p>\(image("+1", "unicode/1f44d.png"))</p>\n")
    }

    func testASSETHOSTURLIsGitHubEnterprisesRoot() throws {
        let root = try site(["_config.yml": "plugins: [jemoji]\n"])
        var config = try SiteConfiguration.load(layout: SiteFolders.detect(root: root))
        config.pluginList = try PluginList.load(config)
        let plugin = try XCTUnwrap(try JemojiPlugin.load(config, site: root, environment: ["ASSET_HOST_URL": "https://assets.ghe.example/"]))
        XCTAssertEqual(plugin.replaced(":+1:"), image("+1", "unicode/1f44d.png", root: "https://assets.ghe.example/images/icons/"))
        XCTAssertNil(plugin.replaced("no names :here:"))
    }

    func testTheListIsFoundThroughGEMPATHAndTheHighestAcceptedVersionWins() throws {
        let gems = try SiteFixture.temporaryFolder(self)
        for version in ["3.0.1", "4.1.0", "4.0.1", "5.0.0", "2.1.0"] {
            let db = gems.appendingPathComponent("gems/gemoji-\(version)/db")
            try FileManager.default.createDirectory(at: db, withIntermediateDirectories: true)
            try Data("[{\"aliases\": [\"v\(version)\"], \"tags\": []}]".utf8).write(to: db.appendingPathComponent("emoji.json"))
        }
        let site = try SiteFixture.temporaryFolder(self)
        let found = try XCTUnwrap(EmojiDatabase.locate(site: site, environment: ["GEM_PATH": "/nonexistent:" + gems.path]))
        // jemoji 0.13 asks for `gemoji >= 3, < 5`: 5.0.0 is passed over.
        XCTAssertEqual(found.path, gems.appendingPathComponent("gems/gemoji-4.1.0/db/emoji.json").path)
        XCTAssertEqual(try EmojiDatabase.read(found, display: "emoji.json").imageFiles, ["v4.1.0": "v4.1.0.png"])
    }

    func testWithoutGemojiTheBuildStopsAtJemojisLineAndKeepsTheSite() throws {
        let root = try site(["_config.yml": "title: T\n", "index.md": "---\n---\n:+1:\n"], gem: nil)
        guard EmojiDatabase.locate(site: root) == nil else {
            throw XCTSkip("a gemoji gem is installed on this machine")
        }
        _ = try SiteFixture.build(root)
        let before = SiteFixture.tree(root.appendingPathComponent("_site"))
        try Data("title: T\nplugins:\n  - jekyll-feed\n  - jemoji\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:4:5: error: jemoji needs GitHub's emoji list from the gemoji gem"), message)
        XCTAssertTrue(message.contains("gem install gemoji"), message)
        XCTAssertEqual(message.components(separatedBy: "error:").count, 2, message)
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), before)
    }

    func testAThemeThatNeedsJemojiSwitchesItOn() throws {
        let theme = "vendor/bundle/ruby/3.1.0/"
        let files = [
            "_config.yml": "title: T\ntheme: acme\n",
            "index.md": "---\nlayout: default\n---\n:+1:\n",
            theme + "gems/acme-1.0.0/_layouts/default.html": "<main>{{ content }}</main>",
            theme + "specifications/acme-1.0.0.gemspec": "s.add_runtime_dependency(%q<jemoji>.freeze, [\"~> 0.13\"])\n",
        ]
        var root = try site(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "<main><p>\(image("+1", "unicode/1f44d.png"))</p>\n</main>")
        // Without gemoji the error stands at `theme:`, the line that brought jemoji in.
        root = try site(files, gem: nil)
        guard EmojiDatabase.locate(site: root) == nil else { throw XCTSkip("a gemoji gem is installed on this machine") }
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:2:1: error: the theme `acme` needs jemoji; jemoji needs GitHub's emoji list"), message)
    }

    func testBadSettingsAndABrokenListAreLocatedErrors() throws {
        var root = try site(["_config.yml": "plugins: [jemoji]\nemoji: /assets\n", "index.md": "---\n---\nx\n"])
        var message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:2:1: error: `emoji` must be a mapping with `src:`"), message)

        root = try site(["_config.yml": "plugins: [jemoji]\nemoji:\n  src: [a]\n", "index.md": "---\n---\nx\n"])
        message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:3:3: error: `emoji.src` must be the URL"), message)

        root = try site(["_config.yml": "plugins: [jemoji]\n", "index.md": "---\n---\nx\n"])
        try Data("[\n  {\"aliases\": [\"a\"]},\n  {\"aliases\": [\"b\"] oops}\n]\n".utf8)
            .write(to: root.appendingPathComponent(JemojiTests.gem + "db/emoji.json"))
        message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("gemoji-4.1.0/db/emoji.json:3:"), message)
        XCTAssertTrue(message.contains("gemoji's emoji list is not valid JSON"), message)

        try Data("[{\"emoji\": \"x\"}]".utf8).write(to: root.appendingPathComponent(JemojiTests.gem + "db/emoji.json"))
        message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("entry 1 has no `aliases` list"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site").path))
    }

    func testEmojifyIsNoFilterOfJemojisAndSaysSo() throws {
        let root = try site(["_config.yml": "plugins: [jemoji]\n", "index.html": "---\n---\n{{ \"I :heart: it\" | emojify }}\n"])
        // Jekyll passes the unknown filter over, and so does Strata, with a warning that says why.
        let message = try SiteFixture.build(root).warnings.map(\.rendered).joined(separator: "\n")
        XCTAssertTrue(message.contains("index.html:3:"), message)
        XCTAssertTrue(message.contains("unknown filter `emojify`"), message)
        XCTAssertTrue(message.contains("jemoji has no `emojify` filter"), message)
        XCTAssertFalse(message.contains("did you mean"), message)
    }

    /// `strata serve`: a layout edit and a post edit keep the list read by the first build.
    func testPreviewEditsKeepEmojifying() throws {
        let root = try site([
            "_config.yml": "plugins: [jemoji]\n",
            "_layouts/default.html": "<body>{{ content }}</body>",
            "_posts/2024-01-02-hello.md": "---\nlayout: default\n---\nHello :+1:\n",
        ])
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        let thumbs = image("+1", "unicode/1f44d.png")
        try Data("<body class=\"x\">:heart: {{ content }}</body>".utf8).write(to: root.appendingPathComponent("_layouts/default.html"))
        let layoutEdit = session.build(changed: ["_layouts/default.html"], fullRebuild: false)
        XCTAssertNil(layoutEdit.failure)
        XCTAssertFalse(layoutEdit.fullRender)
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/hello.html"),
                       "<body class=\"x\">\(image("heart", "unicode/2764.png")) <p>Hello \(thumbs)</p>\n</body>")
        try Data("---\nlayout: default\n---\nBye :+1:\n".utf8).write(to: root.appendingPathComponent("_posts/2024-01-02-hello.md"))
        XCTAssertNil(session.build(changed: ["_posts/2024-01-02-hello.md"], fullRebuild: false).failure)
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/02/hello.html").contains("<p>Bye \(thumbs)</p>"))
    }

    func testJemojiAndMentionsTogether() throws {
        let root = try site(["_config.yml": "plugins: [jemoji, jekyll-mentions]\n", "index.md": "---\n---\n@octocat :+1: [:heart:](/x)\n"])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(
            try SiteFixture.read(root, "_site/index.html"),
            "<p><a href=\"https://github.com/octocat\" class=\"user-mention\">@octocat</a> \(image("+1", "unicode/1f44d.png")) <a href=\"/x\">\(image("heart", "unicode/2764.png"))</a></p>\n"
        )
    }
}
