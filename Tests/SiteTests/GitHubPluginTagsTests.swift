import Foundation
import XCTest
@testable import Site
import StrataTestSupport

/// jekyll-gist and jekyll-avatar, with the output the Debian gems give (the fixture
/// `github-tags` is also compared with them by scripts/compare-with-jekyll.py).
final class GitHubPluginTagsTests: XCTestCase {
    /// A plain Jekyll folder (no `content/`) holding `files`.
    private func build(_ files: [String: String]) throws -> URL {
        try SiteFiles.folder(files, test: self)
    }

    /// The id may hold spaces when it holds a `/` (the gem's pattern takes all of it).
    func testGistWritesTheScriptEvenInsideMarkdown() throws {
        let root = try build([
            "_config.yml": "plugins: [jekyll-gist]\n",
            "index.md": "---\nid: parkr/abc123\n---\n{% gist page.id %}\n\nText {% gist user/1 a b.md %}\n",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), """
            <script src="https://gist.github.com/parkr/abc123.js"> </script>
            <p>Text <script src="https://gist.github.com/user/1 a b.md.js"> </script></p>

            """)
    }

    func testGistWithoutAnIdIsALocatedError() throws {
        let root = try build(["_config.yml": "plugins: [jekyll-gist]\n", "index.html": "---\n---\nx\n{% gist a b c %}\n"])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("index.html:4:"), message)
        XCTAssertTrue(message.contains("Syntax error in tag 'gist'"), message)
    }

    func testAvatarPicksTheGemsServerAndSizes() throws {
        let root = try build([
            "_config.yml": "plugins: [jekyll-avatar]\nowner: octocat\n",
            "index.html": "---\n---\n{% avatar {{ site.owner }} size=24 %}|{% avatar user=site.owner size=48 lazy=true %}",
        ])
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), """
            <img class="avatar avatar-small" alt="octocat" width="24" height="24" data-proofer-ignore="true" \
            src="https://avatars1.githubusercontent.com/octocat?v=3&amp;s=24" srcset="https://avatars1.githubusercontent.com/octocat?v=3&amp;s=24 1x, \
            https://avatars1.githubusercontent.com/octocat?v=3&amp;s=48 2x, https://avatars1.githubusercontent.com/octocat?v=3&amp;s=72 3x, \
            https://avatars1.githubusercontent.com/octocat?v=3&amp;s=96 4x" />|<img class="avatar" alt="octocat" width="48" height="48" \
            data-proofer-ignore="true" src="" data-src="https://avatars0.githubusercontent.com/octocat?v=3&amp;s=48" \
            data-srcset="https://avatars0.githubusercontent.com/octocat?v=3&amp;s=48 1x, https://avatars0.githubusercontent.com/octocat?v=3&amp;s=96 2x, \
            https://avatars0.githubusercontent.com/octocat?v=3&amp;s=144 3x, https://avatars0.githubusercontent.com/octocat?v=3&amp;s=192 4x" />
            """)
        XCTAssertEqual(AvatarTag.crc32(Array("123456789".utf8)), 0xCBF4_3926)
    }
}
