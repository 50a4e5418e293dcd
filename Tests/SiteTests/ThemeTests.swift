import Foundation
import XCTest
@testable import Site
import StrataTestSupport

/// Gem themes (`theme:`), with a theme vendored the way Bundler vendors gems
/// (`vendor/bundle/ruby/VERSION/gems/NAME-VERSION`); the installed minima gem is compared
/// with real Jekyll in `scripts/compare-with-jekyll.py` (fixture `theme-minima`).
final class ThemeTests: XCTestCase {
    private let gems = "vendor/bundle/ruby/3.1.0/gems/"
    private let specs = "vendor/bundle/ruby/3.1.0/specifications/"

    /// A plain Jekyll folder (no `content/`) holding `files`.
    private func site(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    private var theme: [String: String] {
        let acme = gems + "acme-1.2.0/"
        return [
            // An older version the locator must pass over, as RubyGems picks the highest.
            gems + "acme-1.1.0/_layouts/default.html": "OLD {{ content }}",
            gems + "acme-extra-9.0.0/_layouts/default.html": "ANOTHER GEM {{ content }}",
            acme + "_layouts/default.html": "<main>{% include nav.html %}|{% include note.html %}|{{ content }}</main>",
            acme + "_layouts/post.html": "---\nlayout: default\n---\nTHEME POST {{ content }}",
            acme + "_includes/nav.html": "theme nav",
            acme + "_includes/note.html": "theme note ({{ site.tagline }}, {{ site.title }})",
            acme + "_sass/acme.scss": "@import \"acme/colors\";\nbody { color: $ink; margin: $gap; }\n",
            acme + "_sass/acme/_colors.scss": "$ink: #111111;\n$gap: 1px;\n",
            acme + "assets/main.scss": "---\n---\n@import \"acme\";\n",
            acme + "assets/logo.svg": "<svg/>",
            acme + "assets/override-me.txt": "theme's",
            acme + "_data/labels.yml": "home: Home\nmore: More\n",
            acme + "_config.yml": "tagline: From the theme\ntitle: Theme title\npermalink: /theme-cannot-set-this/:title/\n",
            specs + "acme-1.2.0.gemspec": """
                Gem::Specification.new do |s|
                  s.name = "acme".freeze
                  if s.respond_to? :add_runtime_dependency then
                    s.add_runtime_dependency(%q<jekyll>.freeze, [">= 3.5", "< 5.0"])
                    s.add_runtime_dependency(%q<jekyll-feed>.freeze, ["~> 0.9"])
                    s.add_development_dependency(%q<bundler>.freeze, [">= 1.15"])
                  else
                    s.add_dependency(%q<jekyll-feed>.freeze, ["~> 0.9"])
                    s.add_dependency(%q<bundler>.freeze, [">= 1.15"])
                  end
                end
                """,
        ]
    }

    func testThemeFilesStandBehindTheSitesOwn() throws {
        var files = theme
        files["_config.yml"] = "title: Site title\nurl: https://example.org\ntheme: Acme\n"
        files["_includes/note.html"] = "site note"
        files["_sass/acme.scss"] = "@import \"acme/colors\";\nbody { color: $ink; padding: 2px; }\n"
        files["assets/override-me.txt"] = "site's"
        files["index.md"] = "---\nlayout: default\n---\n{{ site.data.labels.home }}/{{ site.data.labels.more }}"
        files["_data/labels.yml"] = "more: Site more\n"
        files["_posts/2021-03-07-hello.md"] = "---\nlayout: post\ntitle: Hello\n---\nhi"
        let root = try site(files)
        _ = try SiteFixture.build(root)
        let out = SiteFixture.tree(root.appendingPathComponent("_site")).mapValues { String(decoding: $0, as: UTF8.self) }
        // The theme's include where the site has none, the site's where it has one; the
        // theme's config under the site's, with Jekyll's own keys (permalink) refused.
        XCTAssertEqual(out["index.html"], "<main>theme nav|site note|<p>Home/Site more</p>\n</main>")
        XCTAssertEqual(out["2021/03/07/hello.html"], "<main>theme nav|site note|THEME POST <p>hi</p>\n</main>")
        XCTAssertEqual(out["assets/logo.svg"], "<svg/>")
        XCTAssertEqual(out["assets/override-me.txt"], "site's")
        // The theme's Sass page imports the site's `_sass/acme.scss` before the theme's, which
        // finds the theme's partial through the load paths.
        XCTAssertEqual(out["assets/main.css"]?.hasPrefix("body { color: #111111; padding: 2px; }"), true, out["assets/main.css"] ?? "")
        // jekyll-feed comes with the theme as a runtime dependency, without `plugins:`.
        XCTAssertNotNil(out["feed.xml"])
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html").contains("OLD"), false)
    }

    func testTheThemesConfigFillsOnlyWhatTheSiteLeavesOut() throws {
        var files = theme
        files["_config.yml"] = "theme: acme\n"
        files["index.html"] = "---\n---\n{% include note.html %}"
        let root = try site(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "theme note (From the theme, Theme title)")
    }

    func testTheSitesLayoutWinsOverTheThemes() throws {
        var files = theme
        files["_config.yml"] = "theme: acme\n"
        files["_layouts/default.html"] = "SITE {{ content }}"
        files["index.html"] = "---\nlayout: default\n---\nx"
        let root = try site(files)
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "SITE x")
    }

    func testAMissingThemeIsOneLocatedErrorAndKeepsTheSite() throws {
        let root = try site(["_config.yml": "title: T\n", "index.html": "---\n---\nok"])
        _ = try SiteFixture.build(root)
        let before = SiteFixture.tree(root.appendingPathComponent("_site"))
        try Data("title: T\ntheme: jekyll-theme-nonesuch\n".utf8).write(to: root.appendingPathComponent("_config.yml"))
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("_config.yml:2:1: error: theme `jekyll-theme-nonesuch` is not installed."), message)
        XCTAssertTrue(message.contains("gem install jekyll-theme-nonesuch"), message)
        XCTAssertTrue(message.contains("apt install jekyll-theme-nonesuch"), message)
        XCTAssertEqual(message.components(separatedBy: "error:").count, 2, message)
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), before)
    }

    func testAnErrorInAThemeFileNamesTheThemeFile() throws {
        var files = theme
        files[gems + "acme-1.2.0/_includes/nav.html"] = "{% if %}"
        files["_config.yml"] = "theme: acme\n"
        files["index.html"] = "---\nlayout: default\n---\nx"
        let root = try site(files)
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("acme-1.2.0/_includes/nav.html:1:"), message)
        XCTAssertTrue(message.contains("{% if %}"), "the excerpt is read from the theme: \(message)")
    }

    func testThemeThatIsNotTextIsIgnoredWithAWarning() throws {
        let root = try site(["_config.yml": "theme:\n  name: minima\n", "index.html": "---\n---\nok"])
        let result = try SiteFixture.build(root)
        XCTAssertTrue(result.warnings.contains { $0.message.contains("`theme` should be the name of a theme gem") })
    }

    func testGemVersionsAndDependenciesAreReadAsRubyGemsReadsThem() {
        XCTAssertTrue(GemLocator.versionPrecedes("2.5.9", "2.5.10"))
        XCTAssertTrue(GemLocator.versionPrecedes("3.0.0.pre", "3.0.0"))
        XCTAssertFalse(GemLocator.versionPrecedes("3.0.0", "3.0.0.pre"))
        XCTAssertTrue(GemLocator.versionPrecedes("3.0", "3.0.1"))
        XCTAssertFalse(GemLocator.versionPrecedes("1.0", "1.0"))
        XCTAssertEqual(GemLocator.runtimeDependencies(gemspec: theme[specs + "acme-1.2.0.gemspec"]!), ["jekyll", "jekyll-feed"])
        XCTAssertEqual(GemLocator.runtimeDependencies(gemspec: "s.add_dependency \"x\"\ns.add_dependency('jekyll-seo-tag', '~> 2')\n"), ["x", "jekyll-seo-tag"])
        XCTAssertEqual(GemLocator.runtimeDependencies(gemspec: "s.add_runtime_dependency \"y\"\ns.add_dependency(\"x\")\n"), ["y"])
    }

    func testServeWatchesTheThemesFoldersAndRebuildsOnTheirEdits() throws {
        var files = theme
        files["_config.yml"] = "theme: acme\n"
        files["index.md"] = "---\nlayout: default\n---\nx"
        let root = try site(files)
        let layout = SiteFolders.detect(root: root)
        let config = try SiteConfiguration.load(layout: layout)
        let acme = root.appendingPathComponent(gems + "acme-1.2.0").standardizedFileURL.path
        let watched = layout.watchedFolders(theme: config.theme)
        for folder in ["_layouts", "_includes", "_sass", "assets", "_data"] {
            XCTAssertTrue(watched.contains(acme + "/" + folder), "\(folder) not in \(watched)")
        }
        XCTAssertEqual(layout.watchedFolders(theme: nil), [root.standardizedFileURL.path])

        let session = SiteSession(builder: SiteBuilder(layout: layout, now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        try Data("theme nav, edited".utf8).write(to: URL(fileURLWithPath: acme + "/_includes/nav.html"))
        let outcome = session.build(changed: [acme + "/_includes/nav.html"], fullRebuild: false)
        XCTAssertNil(outcome.failure)
        XCTAssertTrue(outcome.changedOutputs.contains("index.html"), "\(outcome.changedOutputs)")
        XCTAssertTrue(try SiteFixture.read(root, "_site/index.html").hasPrefix("<main>theme nav, edited|"))
    }
}
