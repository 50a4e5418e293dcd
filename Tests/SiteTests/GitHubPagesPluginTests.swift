import Foundation
import StrataTestSupport
import XCTest
@testable import Site

/// GitHub Pages' default plugins: jekyll-optional-front-matter, jekyll-readme-index,
/// jekyll-titles-from-headings and jekyll-default-layout, each rule with the result the Debian
/// gems (0.3.2, 0.3.0, 0.5.3, 0.1.5) give under Jekyll 4.3.1 on the same files. The fixtures
/// `github-pages` and `github-pages-settings` are also compared with real Jekyll in `make test`.
final class GitHubPagesPluginTests: XCTestCase {
    private func jekyllSite(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    private func exists(_ root: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    private let allFour = "plugins: [jekyll-optional-front-matter, jekyll-readme-index, jekyll-titles-from-headings, jekyll-default-layout]\n"
    private let titleLayout = "<title>{{ page.title }}</title>|{{ content }}"

    // MARK: - jekyll-optional-front-matter

    func testMarkdownWithoutFrontMatterBecomesAPageAndRepositoryFilesStayCopies() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-optional-front-matter]\ninclude: [CONTRIBUTING.md]\nexclude: [notes/secret.md]\n",
            "about.md": "Plain *text*\n",
            "README.md": "# Readme\n",
            "LICENSE.markdown": "MIT\n",
            "Code_Of_Conduct.md": "Be kind\n",
            "CONTRIBUTING.md": "Send patches\n",
            "notes/secret.md": "never read\n",
            "notes/plain.txt": "not Markdown\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/about.html"), "<p>Plain <em>text</em></p>\n")
        // The source is copied too unless remove_originals says otherwise.
        XCTAssertEqual(try SiteFixture.read(root, "_site/about.md"), "Plain *text*\n")
        // The gem's list, compared without case and extension, keeps these static files.
        for copied in ["README.md", "LICENSE.markdown", "Code_Of_Conduct.md"] {
            XCTAssertTrue(exists(root, "_site/" + copied), copied)
        }
        for page in ["README.html", "LICENSE.html", "Code_Of_Conduct.html", "notes/secret.html", "notes/secret.md", "notes/plain.html"] {
            XCTAssertFalse(exists(root, "_site/" + page), page)
        }
        // Listed in `include:`, a listed name is made a page after all.
        XCTAssertEqual(try SiteFixture.read(root, "_site/CONTRIBUTING.html"), "<p>Send patches</p>\n")
    }

    func testRemoveOriginalsAndSwitchingOff() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-optional-front-matter]\noptional_front_matter:\n  remove_originals: true\n",
            "a.md": "A\n", "README.md": "R\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertTrue(exists(root, "_site/a.html"))
        XCTAssertFalse(exists(root, "_site/a.md"))
        // A listed name is never removed: it was not made a page.
        XCTAssertTrue(exists(root, "_site/README.md"))

        try Data("plugins: [jekyll-optional-front-matter]\noptional_front_matter:\n  enabled: false\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertFalse(exists(root, "_site/a.html"))
        XCTAssertTrue(exists(root, "_site/a.md"))

        // Jekyll's `require_front_matter` switches the plugin off (and nothing is removed).
        try Data("plugins: [jekyll-optional-front-matter]\nrequire_front_matter: true\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertFalse(exists(root, "_site/a.html"))
        XCTAssertTrue(exists(root, "_site/a.md"))
    }

    func testWithoutThePluginMarkdownWithoutFrontMatterIsCopied() throws {
        let root = try jekyllSite(["a.md": "A\n"])
        _ = try SiteFixture.build(root)
        XCTAssertFalse(exists(root, "_site/a.html"))
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.md"), "A\n")
    }

    func testAPageMadeByTheGeneratorIsWrittenEvenWhenDefaultsUnpublishIt() throws {
        // The gem's `Page.new` is not asked whether the page is published (Jekyll 4.3.1 writes it).
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-optional-front-matter]\ndefaults:\n  - scope: {path: hidden}\n    values: {published: false}\n",
            "hidden/h.md": "H\n", "hidden/fm.md": "---\n---\nF\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/hidden/h.html"), "<p>H</p>\n")
        // An unpublished page is neither a page nor a static file, as in Jekyll: its source
        // (front matter and all) was copied before, and the plugin then made a page of it.
        XCTAssertFalse(exists(root, "_site/hidden/fm.html"))
        XCTAssertFalse(exists(root, "_site/hidden/fm.md"))
    }

    // MARK: - jekyll-readme-index

    func testAReadmeBecomesTheIndexOfAFolderWithoutOne() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-readme-index]\n",
            "docs/ReadMe.markdown": "Docs *home*\n",
            "api/README.md": "API readme\n",
            "api/index.html": "<p>static index</p>\n",
            "web/README.md": "Web readme\n",
            "web/index.md": "---\n---\nWeb index\n",
            "old/README.md": "Old readme\n",
            "old/INDEX.HTM": "<p>upper-case index</p>\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/index.html"), "<p>Docs <em>home</em></p>\n")
        // Copied as well, as without remove_originals.
        XCTAssertTrue(exists(root, "_site/docs/ReadMe.markdown"))
        // A static index.html, a page at the folder, or an index of another case keep the README where it is.
        XCTAssertEqual(try SiteFixture.read(root, "_site/api/index.html"), "<p>static index</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/web/index.html"), "<p>Web index</p>\n")
        XCTAssertFalse(exists(root, "_site/old/index.html"))
        for copy in ["api/README.md", "web/README.md", "old/README.md"] { XCTAssertTrue(exists(root, "_site/" + copy), copy) }
    }

    func testReadmeSettings() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-readme-index]\nreadme_index:\n  remove_originals: true\n  with_frontmatter: true\n",
            "index.md": "---\n---\nHome\n",
            "docs/README.md": "Docs\n",
            "guide/README.md": "---\ntitle: Guide\n---\nGuide\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/index.html"), "<p>Docs</p>\n")
        XCTAssertFalse(exists(root, "_site/docs/README.md"))
        // A README with front matter is a page already: `with_frontmatter` moves it to its folder.
        XCTAssertEqual(try SiteFixture.read(root, "_site/guide/index.html"), "<p>Guide</p>\n")
        XCTAssertFalse(exists(root, "_site/guide/README.html"))

        try Data("plugins: [jekyll-readme-index]\nreadme_index:\n  enabled: false\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertFalse(exists(root, "_site/docs/index.html"))
        XCTAssertTrue(exists(root, "_site/docs/README.md"))
        XCTAssertTrue(exists(root, "_site/guide/README.html"))
    }

    func testWithFrontMatterMovesASubfolderReadmeToARootWithoutIndex() throws {
        // The gem's own quirk, which Jekyll shows: the README made `/docs/` is a README page
        // too, its folder is then `/`, and the root has no index, so it moves there.
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-readme-index]\nreadme_index:\n  with_frontmatter: true\n",
            "docs/README.md": "Docs\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "<p>Docs</p>\n")
        XCTAssertFalse(exists(root, "_site/docs/index.html"))
    }

    func testReadmeNames() {
        XCTAssertTrue(ReadmeIndexPlugin.isReadme("docs/README.md"))
        XCTAssertTrue(ReadmeIndexPlugin.isReadme("readme.MKDN"))
        XCTAssertFalse(ReadmeIndexPlugin.isReadme("docs/README.txt"))
        XCTAssertFalse(ReadmeIndexPlugin.isReadme("docs/my-readme.md"))
        XCTAssertFalse(ReadmeIndexPlugin.isReadme("README"))
        XCTAssertEqual(PageGenerators.dirname("/docs/README.md"), "/docs")
        XCTAssertEqual(PageGenerators.dirname("/docs/"), "/")
        XCTAssertEqual(PageGenerators.dirname("/README.md"), "/")
        XCTAssertEqual(PageGenerators.dirname("/"), "/")
    }

    // MARK: - jekyll-titles-from-headings

    func testTheHeadingPattern() {
        func heading(_ body: String) -> String? { TitlesFromHeadingsPlugin.heading(in: body)?.text }
        XCTAssertEqual(heading("# One\nbody"), "One")
        XCTAssertEqual(heading("\n\n  ### Three\n"), "Three")
        // `(.*)` is greedy: closing hashes stay in the text, as in the gem.
        XCTAssertEqual(heading("## Two ##\n"), "Two ##")
        XCTAssertNil(heading("#### Four\n"))
        XCTAssertNil(heading("#NoSpace\n"))
        XCTAssertEqual(heading("Setext\n======\n\nbody"), "Setext")
        XCTAssertEqual(heading("Setext two\n---\n"), "Setext two")
        // `.` stops only at `\n` in Ruby, so a CRLF heading keeps its `\r` (whitespace, dropped later).
        XCTAssertEqual(heading("CRLF\r\n===\r\n"), "CRLF\r")
        XCTAssertEqual(heading("# ATX CRLF\r\nbody"), "ATX CRLF\r")
        XCTAssertNil(heading("Some text\n\n# Later heading\n"))
        // `\s+` after the `#`s crosses line breaks (Ruby gives the same three answers).
        XCTAssertEqual(heading("#\n\n  Title later\nmore\n"), "Title later")
        XCTAssertEqual(heading("#   \n"), "")
        XCTAssertNil(heading("Para\nnot underline\n---\n"))
        // Only the first two lines with text are handed to the pattern; the rest never matters.
        XCTAssertEqual(TitlesFromHeadingsPlugin.lengthOfFirstTwoTextLines("\n # A\n\n  b  \nc\n"), 12)
        XCTAssertEqual(heading("# Long\n" + String(repeating: "text ", count: 100_000)), "Long")
        XCTAssertNil(heading("- a list\n"))
    }

    func testPagesWithoutTitleTakeTheirFirstHeading() throws {
        let root = try jekyllSite([
            "_config.yml": "title: Site\nplugins: [jekyll-titles-from-headings]\n",
            "_layouts/default.html": titleLayout,
            "_posts/2024-01-02-post.md": "---\nlayout: default\n---\n# Post heading\n",
            "setext.md": "---\nlayout: default\n---\nTom & *Jerry's* `code`\n=====\n\nbody\n",
            "liquid.md": "---\nlayout: default\n---\n# Welcome to {{ site.title }} [^1]\n\n[^1]: note\n",
            "own.md": "---\nlayout: default\ntitle: Own\n---\n# Heading\n",
            "page.html": "---\nlayout: default\n---\n<h1>HTML</h1>\n",
        ])
        _ = try SiteFixture.build(root)
        // markdownify | strip_html | normalize_whitespace: markup gone, `&` escaped, quotes curled.
        XCTAssertTrue(try SiteFixture.read(root, "_site/setext.html").hasPrefix("<title>Tom &amp; Jerry’s code</title>|<h1"))
        // The heading's Liquid stays as written in the title (the body renders it); a footnote mark goes.
        let liquid = try SiteFixture.read(root, "_site/liquid.html")
        XCTAssertTrue(liquid.hasPrefix("<title>Welcome to {{ site.title }} </title>"), liquid)
        XCTAssertTrue(liquid.contains("Welcome to Site"), liquid)
        XCTAssertTrue(try SiteFixture.read(root, "_site/own.html").hasPrefix("<title>Own</title>"))
        XCTAssertTrue(try SiteFixture.read(root, "_site/page.html").hasPrefix("<title></title>"))
        // Posts only with `collections: true`.
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/02/post.html").hasPrefix("<title>Post</title>"))
    }

    func testStripTitleAndCollections() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-titles-from-headings]\ntitles_from_headings:\n  strip_title: true\n  collections: true\n",
            "_layouts/default.html": titleLayout,
            "_posts/2024-01-02-post.md": "---\nlayout: default\ntitle: Front matter\n---\n# Post heading\n\nFirst.\n",
            "_posts/2024-01-03-kept.md": "---\nlayout: default\nstrip_title: false\n---\nKept\n----\n\nText.\n",
            "broken.md": "---\nlayout: default\n---\n# Broken\n\nfine\n\n{% if %}\n",
        ])
        // The heading and the blank line after it leave the body; errors keep the file's lines.
        let failure = SiteFixture.failure(root)
        XCTAssertTrue(failure.contains("broken.md:8:"), failure)
        try FileManager.default.removeItem(at: root.appendingPathComponent("broken.md"))
        _ = try SiteFixture.build(root)
        // With `collections: true` the gem takes the heading over a post's `title:`.
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/post.html"), "<title>Post heading</title>|<p>First.</p>\n")
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/03/kept.html").hasPrefix("<title>Kept</title>|<h2"))

        try Data("plugins: [jekyll-titles-from-headings]\ntitles_from_headings:\n  enabled: false\n  collections: true\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/02/post.html").hasPrefix("<title>Front matter</title>|<h1"))
    }

    func testStripTitleFromDefaultsCountsForPostsNotPages() throws {
        // The gem asks `data.key?("strip_title")`: a post's data holds its defaults, a page's does not.
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-titles-from-headings]\ntitles_from_headings:\n  strip_title: true\n  collections: true\n"
                + "defaults:\n  - scope: {path: \"\"}\n    values: {strip_title: false}\n",
            "a.md": "---\n---\n# A\n\nbody\n",
            "own.md": "---\nstrip_title: false\n---\n# Own\n\nbody\n",
            "_posts/2024-01-02-p.md": "---\n---\n# P\n\nbody\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.html"), "<p>body</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/own.html"), "<h1 id=\"own\">Own</h1>\n<p>body</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/p.html"), "<h1 id=\"p\">P</h1>\n<p>body</p>\n")
    }

    func testStrippedTitlesSurviveACachedBuild() throws {
        let root = try jekyllSite([
            "_config.yml": "plugins: [jekyll-titles-from-headings]\ntitles_from_headings:\n  strip_title: true\n  collections: true\n",
            "_layouts/default.html": titleLayout,
            "_posts/2024-01-02-a.md": "---\nlayout: default\n---\n# A\n\n# Second heading\n",
            "_posts/2024-01-03-b.md": "---\nlayout: default\n---\n# B\n\nb\n",
        ])
        let build = { try CachedSiteBuild(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })).build() }
        _ = try build()
        let first = try SiteFixture.read(root, "_site/2024/01/02/a.html")
        XCTAssertTrue(first.hasPrefix("<title>A</title>|<h1 id=\"second-heading\">Second heading</h1>"), first)
        // Another post edited: the unchanged one comes from the cache as it was read (stripped
        // already, not stripped again), so the cache's fast path renders the edited post only.
        try Data("---\nlayout: default\n---\n# B\n\nb edited\n".utf8).write(to: root.appendingPathComponent("_posts/2024-01-03-b.md"))
        guard case .updated = try build().outcome else { return XCTFail("the edit should take the cache's fast path") }
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/a.html"), first)
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/03/b.html").hasPrefix("<title>B</title>|<p>b edited</p>"))
    }

    // MARK: - jekyll-default-layout

    func testDefaultLayoutsByKind() throws {
        let layouts = [
            "_layouts/home.html": "home|{{ content }}", "_layouts/page.html": "page|{{ content }}",
            "_layouts/post.html": "post|{{ content }}", "_layouts/default.html": "default|{{ content }}",
        ]
        let root = try jekyllSite(layouts.merging([
            "_config.yml": "plugins: [jekyll-default-layout]\ncollections:\n  notes:\n    output: true\ndefaults:\n  - scope: {path: guide}\n    values: {layout: default}\n",
            "index.md": "---\n---\nI\n",
            "a.md": "---\n---\nA\n",
            "b.html": "---\n---\nB\n",
            "null.md": "---\nlayout: null\n---\nN\n",
            "guide/g.md": "---\n---\nG\n",
            "_posts/2024-01-02-p.md": "---\n---\nP\n",
            "_notes/n.md": "---\n---\nC\n",
        ]) { first, _ in first })
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "home|<p>I</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.html"), "page|<p>A</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/p.html"), "post|<p>P</p>\n")
        // HTML, an explicit `layout: null`, a `defaults:` layout and other collections are left alone.
        XCTAssertEqual(try SiteFixture.read(root, "_site/b.html"), "B\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/null.html"), "<p>N</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/guide/g.html"), "default|<p>G</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/notes/n.html"), "<p>C</p>\n")

        // Only `default` left: everything Markdown takes it; without any, nothing changes.
        for name in ["home", "page", "post"] { try FileManager.default.removeItem(at: root.appendingPathComponent("_layouts/\(name).html")) }
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "default|<p>I</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/2024/01/02/p.html"), "default|<p>P</p>\n")
        try FileManager.default.removeItem(at: root.appendingPathComponent("_layouts/default.html"))
        try Data("plugins: [jekyll-default-layout]\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/a.html"), "<p>A</p>\n")
    }

    func testSettingsTheGemsCannotReadAreLocated() throws {
        let root = try jekyllSite([
            "_config.yml": "title: x\nplugins: [jekyll-titles-from-headings, jekyll-readme-index]\ntitles_from_headings: true\nreadme_index: [a]\n",
            "a.md": "---\n---\n# A\n",
        ])
        let failure = SiteFixture.failure(root)
        XCTAssertTrue(failure.contains("_config.yml:3:1: error: `titles_from_headings` must be a mapping of jekyll-titles-from-headings's settings"), failure)
        XCTAssertTrue(failure.contains("_config.yml:4:1: error: `readme_index` must be a mapping"), failure)
        XCTAssertFalse(exists(root, "_site"))
        // Text is no settings to the gem (Ruby's `"x"["enabled"]` is nil), nor to Strata.
        try Data("plugins: [jekyll-titles-from-headings]\ntitles_from_headings: maybe\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        _ = try SiteFixture.build(root)
        XCTAssertTrue(exists(root, "_site/a.html"))
    }

    // MARK: - Together

    func testAReadmeMadeAnIndexIsTitledAndLaidOutAsThePages() throws {
        let root = try jekyllSite([
            "_config.yml": allFour,
            "_layouts/home.html": "home <title>{{ page.title }}</title>|{{ content }}",
            "README.md": "The project\n===========\n\nHello.\n",
            "notes/todo.md": "# Todo\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "home <title>The project</title>|<h1 id=\"the-project\">The project</h1>\n<p>Hello.</p>\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/notes/todo.html"), "<h1 id=\"todo\">Todo</h1>\n")
    }
}

/// The preview after an edit to a page or post that the generators changed: the same pages a
/// clean build gives, a post's text edit still rendering that post alone.
final class GitHubPagesPreviewTests: XCTestCase {
    func testEditsGiveWhatACleanBuildGives() throws {
        let root = try SiteFixture.temporaryFolder(self).appendingPathComponent("site")
        let files = [
            "_config.yml": "plugins: [jekyll-optional-front-matter, jekyll-readme-index, jekyll-titles-from-headings, jekyll-default-layout]\n"
                + "titles_from_headings:\n  collections: true\n",
            "_layouts/page.html": "page <title>{{ page.title }}</title>|{{ content }}",
            "_layouts/post.html": "post <title>{{ page.title }}</title>|{{ content }}",
            "index.md": "---\n---\n{% for post in site.posts %}{{ post.title }};{% endfor %}\n",
            "plain.md": "# Plain\n\ntext\n",
            "docs/README.md": "# Docs\n",
            "_posts/2024-01-02-a.md": "---\n---\n# Post A\n\ntext\n",
            "_posts/2024-01-03-b.md": "---\n---\n# Post B\n\ntext\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)

        func assertEqualsCleanBuild(line: UInt = #line) throws {
            let clean = root.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
            _ = try SiteBuilder(layout: SiteFolders.detect(root: root, destination: clean), now: { SiteFixture.fixedNow }).build()
            let expected = SiteFixture.tree(clean), actual = SiteFixture.tree(root.appendingPathComponent("_site"))
            XCTAssertEqual(Set(actual.keys), Set(expected.keys), line: line)
            for (path, data) in expected where actual[path] != data { XCTFail("\(path) differs from a clean build", line: line) }
        }
        func edit(_ path: String, _ text: String) throws -> SiteSession.Outcome {
            try Data(text.utf8).write(to: root.appendingPathComponent(path))
            return session.build(changed: [path], fullRebuild: false)
        }

        // Text under the heading: the post's layout and title come out as the build gave them.
        var outcome = try edit("_posts/2024-01-02-a.md", "---\n---\n# Post A\n\nnew text\n")
        XCTAssertNil(outcome.failure)
        XCTAssertFalse(outcome.fullRender)
        XCTAssertTrue(try SiteFixture.read(root, "_site/2024/01/02/a.html").hasPrefix("post <title>Post A</title>|"))
        try assertEqualsCleanBuild()
        // A new heading is a new title, which the index lists.
        outcome = try edit("_posts/2024-01-02-a.md", "---\n---\n# Renamed\n\nnew text\n")
        XCTAssertTrue(try SiteFixture.read(root, "_site/index.html").contains("Post B;Renamed;"))
        try assertEqualsCleanBuild()
        // Pages made from files without front matter.
        outcome = try edit("plain.md", "# Plain again\n\ntext\n")
        XCTAssertNil(outcome.failure)
        XCTAssertTrue(try SiteFixture.read(root, "_site/plain.html").hasPrefix("page <title>Plain again</title>|"))
        outcome = try edit("docs/README.md", "# Docs again\n")
        XCTAssertTrue(try SiteFixture.read(root, "_site/docs/index.html").hasPrefix("page <title>Docs again</title>|"))
        try assertEqualsCleanBuild()
    }
}

/// The plugins' settings keys are known: a typo of one is named, the right one is not.
final class GitHubPagesKeysTests: XCTestCase {
    func testSettingsKeysAreKnownAndTheirTyposNamed() throws {
        let root = try SiteFixture.temporaryFolder(self)
        try Data("plugins: [jekyll-titles-from-headings]\ntitles_from_headings: {strip_title: true}\ntitles_from_heading: {strip_title: true}\nreadme_index: {}\n".utf8)
            .write(to: root.appendingPathComponent("_config.yml"))
        try Data("---\nstrip_title: false\n---\n# A\n".utf8).write(to: root.appendingPathComponent("a.md"))
        let report = try SiteFixture.build(root)
        let messages = report.warnings.map(\.description).joined(separator: "\n")
        XCTAssertTrue(messages.contains("unknown key `titles_from_heading`; did you mean `titles_from_headings`?"), messages)
        XCTAssertFalse(messages.contains("unknown key `titles_from_headings`"), messages)
        XCTAssertFalse(messages.contains("unknown key `readme_index`"), messages)
        XCTAssertTrue(FrontMatterKeys.jekyllPageKeys.contains("strip_title"))
    }
}
