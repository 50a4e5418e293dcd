import Foundation
import Liquid
import StrataTestSupport
import XCTest
@testable import Site

/// jekyll-github-metadata offline and Jekyll's `jekyll` variable. The expected values are what
/// Debian's jekyll-github-metadata 2.15.0 printed for the same sites and environment variables
/// with no network (`jekyll build`, no token); the fixture `github-metadata` is also compared
/// with real Jekyll in `make test`.
final class GitHubMetadataTests: XCTestCase {
    private func site(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    private func config(_ text: String, environment: String = "development", in root: URL? = nil) throws -> (SiteConfiguration, URL) {
        let root = try root ?? site([:])
        try Data(text.utf8).write(to: root.appendingPathComponent("_config.yml"))
        var config = try SiteConfiguration.load(layout: SiteFolders.detect(root: root), overrides: .init(environment: environment))
        config.pluginList = try PluginList.load(config)
        return (config, root)
    }

    /// `site.github` and the site's fallbacks for `repository:` under the given variables.
    private func github(_ repository: String, environment: String = "development", variables: [String: String] = [:]) throws -> SiteConfiguration {
        var (config, root) = try config("repository: \(repository)\nplugins: [jekyll-github-metadata]\n", environment: environment)
        let plugin = try XCTUnwrap(GitHubMetadataPlugin.load(config, root: root, variables: variables.merging(["JEKYLL_BUILD_REVISION": "abc123"]) { a, _ in a }))
        plugin.apply(to: &config)
        return config
    }

    private func key(_ config: SiteConfiguration, _ name: String) -> Value? {
        guard case .object(let github)? = config.values["github"] else { return nil }
        return github[name]
    }

    func testAProjectPageInDevelopment() throws {
        let config = try github("octocat/hello-world")
        XCTAssertEqual(key(config, "url"), .string("https://github.com/pages/octocat/hello-world"))
        XCTAssertEqual(key(config, "baseurl"), .string("/pages/octocat/hello-world"))
        XCTAssertEqual(key(config, "pages_hostname"), .string("localhost:4000"))
        XCTAssertEqual(key(config, "zip_url"), .string("https://github.com/octocat/hello-world/zipball/gh-pages"))
        XCTAssertEqual(key(config, "is_project_page"), .bool(true))
        XCTAssertEqual(key(config, "build_revision"), .string("abc123"))
        XCTAssertEqual(key(config, "contributors"), .bool(false))
        XCTAssertEqual(key(config, "public_repositories"), .array([]))
        XCTAssertEqual(key(config, "project_tagline"), .null)
        XCTAssertEqual(config.values["title"], .string("hello-world"))
        // Outside production the site's url and baseurl are left unset.
        XCTAssertEqual(config.values["url"] ?? .null, .null)
        XCTAssertEqual(config.baseurl, "")
    }

    func testProductionSetsTheSitesURLAndBaseurl() throws {
        let config = try github("octocat/hello-world", environment: "production")
        XCTAssertEqual(key(config, "environment"), .string("production"))
        XCTAssertEqual(key(config, "pages_hostname"), .string("github.io"))
        XCTAssertEqual(config.values["url"], .string("https://github.com"))
        XCTAssertEqual(config.values["baseurl"], .string("/pages/octocat/hello-world"))
        XCTAssertEqual(config.url, "https://github.com")
        XCTAssertEqual(config.baseurl, "/pages/octocat/hello-world")
    }

    func testDotcomFormsTheOwnersPagesDomain() throws {
        let project = try github("octocat/hello-world", environment: "production", variables: ["PAGES_ENV": "dotcom"])
        XCTAssertEqual(key(project, "environment"), .string("dotcom"))
        XCTAssertEqual(key(project, "url"), .string("http://octocat.github.io/hello-world"))
        XCTAssertEqual(project.values["url"], .string("http://octocat.github.io"))
        XCTAssertEqual(project.values["baseurl"], .string("/hello-world"))
        // PAGES_ENV alone is not Jekyll's production: no fallbacks.
        let development = try github("octocat/hello-world", variables: ["PAGES_ENV": "dotcom"])
        XCTAssertEqual(development.values["url"] ?? .null, .null)
        let user = try github("octocat/Octocat.github.io", variables: ["PAGES_ENV": "dotcom"])
        XCTAssertEqual(key(user, "url"), .string("http://octocat.github.io"))
        XCTAssertEqual(key(user, "baseurl"), .string(""))
        XCTAssertEqual(key(user, "source"), .object(ValueObject([("branch", .string("master")), ("path", .string("/"))])))
        XCTAssertEqual(user.values["title"], .string("octocat"))
    }

    func testAUserPageIsOneOnlyWhereItsDomainIsThePagesHost() throws {
        // In development the pages host is localhost:4000, so OWNER.github.io is a project page.
        let development = try github("octocat/Octocat.github.io")
        XCTAssertEqual(key(development, "is_user_page"), .bool(false))
        XCTAssertEqual(development.values["title"], .string("Octocat.github.io"))
        let production = try github("octocat/Octocat.github.io", environment: "production")
        XCTAssertEqual(key(production, "is_user_page"), .bool(true))
        XCTAssertEqual(key(production, "url"), .string("https://github.com/pages/octocat"))
        XCTAssertEqual(key(production, "zip_url"), .string("https://github.com/octocat/Octocat.github.io/zipball/master"))
        XCTAssertEqual(production.values["title"], .string("octocat"))
    }

    func testTheSitesOwnSettingsStay() throws {
        var (config, root) = try config("""
            repository: octocat/hello-world
            plugins: [jekyll-github-metadata]
            title: Mine
            url: https://example.org
            baseurl: /blog
            github:
              extra: added
              project_title: not taken
            """, environment: "production")
        try XCTUnwrap(GitHubMetadataPlugin.load(config, root: root, variables: [:])).apply(to: &config)
        XCTAssertEqual(config.values["title"], .string("Mine"))
        XCTAssertEqual(config.url, "https://example.org")
        XCTAssertEqual(config.baseurl, "/blog")
        XCTAssertEqual(key(config, "extra"), .string("added"))
        XCTAssertEqual(key(config, "project_title"), .string("hello-world"))
        // `name:` without `title:` keeps the title unset, as the gem does.
        var (named, namedRoot) = try self.config("repository: octocat/hello-world\nplugins: [jekyll-github-metadata]\nname: Old style\n")
        try XCTUnwrap(GitHubMetadataPlugin.load(named, root: namedRoot, variables: [:])).apply(to: &named)
        XCTAssertEqual(named.values["title"] ?? .null, .null)
    }

    func testTheRepositoryFromTheOriginRemoteThenAWarning() throws {
        XCTAssertEqual(GitHubMetadataPlugin.originRepository("origin\tgit@github.com:some-one/site.io.git (fetch)\norigin\tgit@github.com:some-one/site.io.git (push)\n", hostname: "github.com"), "some-one/site.io")
        XCTAssertEqual(GitHubMetadataPlugin.originRepository("upstream\thttps://github.com/a/b (fetch)\norigin\thttps://github.com/c/d.git (fetch)\n", hostname: "github.com"), "c/d")
        XCTAssertNil(GitHubMetadataPlugin.originRepository("origin\thttps://gitlab.com/c/d.git (fetch)\n", hostname: "github.com"))

        let root = try site([:])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // git:// because a machine's gitconfig may rewrite https://github.com/ and git@github.com:
        // URLs (`url.*.insteadOf`, as on this project's build machine), which `git remote` shows.
        process.arguments = ["sh", "-c", "git init -q && git remote add origin git://github.com/jekyll/minima.git"]
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        var (config, _) = try config("plugins: [jekyll-github-metadata]\n", in: root)
        try XCTUnwrap(GitHubMetadataPlugin.load(config, root: root, variables: [:])).apply(to: &config)
        XCTAssertEqual(key(config, "repository_nwo"), .string("jekyll/minima"))
        // Only development and test read the remote.
        var (production, _) = try self.config("plugins: [jekyll-github-metadata]\n", environment: "production", in: root)
        try XCTUnwrap(GitHubMetadataPlugin.load(production, root: root, variables: [:])).apply(to: &production)
        XCTAssertNil(key(production, "repository_nwo"))
        XCTAssertEqual(key(production, "api_url"), .string("https://api.github.com"))
        XCTAssertTrue(production.warnings.contains { $0.message.contains("found no repository") && $0.location?.line == 1 }, "\(production.warnings)")
    }

    func testEditLinkAndTheJekyllVariable() throws {
        let root = try site([
            "_config.yml": "repository: octocat/hello-world\nplugins: [jekyll-github-metadata]\n",
            "docs/a b.md": "---\n---\n{% github_edit_link %} {% github_edit_link 'Edit \"it\"' %}\n{{ jekyll.version }} {{ jekyll.environment }}",
        ])
        _ = try SiteFixture.build(root, overrides: .init(environment: "production"))
        let link = "https://github.com/octocat/hello-world/edit/gh-pages/docs/a%20b.md"
        XCTAssertEqual(try SiteFixture.read(root, "_site/docs/a b.html"), "<p>\(link) <a href=\"\(link)\">Edit “it”</a>\n4.3.1 production</p>\n")
    }
}
