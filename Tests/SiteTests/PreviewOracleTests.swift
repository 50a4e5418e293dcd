import Foundation
import XCTest
@testable import Site

/// The oracle for the preview: after every kind of edit, what the session wrote is, byte for
/// byte, what a clean build of the same files writes. Each edit also says whether the
/// session may take its fast path, so the oracle tests the subset logic, not only the
/// fallback to a full render.
final class PreviewOracleTests: XCTestCase {
    private var root: URL!
    private var session: SiteSession!

    /// One change to the site's files, and the paths the watcher would report.
    private struct Edit {
        var name: String
        var changed: [String]
        /// Whether the graph can prove a subset is enough (nil: either is right).
        var fast: Bool?
        var apply: (URL) throws -> Void
    }

    override func setUpWithError() throws {
        let fixtures = try SiteFixture.fixturesURL().appendingPathComponent("sites/basic")
        root = try SiteFixture.temporaryFolder(self).appendingPathComponent("site")
        try FileManager.default.copyItem(at: fixtures, to: root)
        // What the basic fixture lacks for some edits: data, a diagram, a second parent
        // layout, and `page.next` beside the `page.previous` it already shows.
        try write("content/_data/nav.yml", "label: Data label\n")
        try write("content/data.html", "---\nlayout: page\ntitle: Data\n---\n<p>{{ site.data.nav.label }}</p>\n")
        try write("content/dockerfiles/app/Dockerfile", "FROM scratch\nCOPY app.txt /app/app.txt\nCMD [\"run\"]\n")
        try write("content/dockerfiles/app/app.txt", "hello\n")
        try write("content/_posts/2021-05-01-diagram.md", "---\ntitle: Diagram\n---\nA diagram.\n\n{% layers \"dockerfiles/app/Dockerfile\" view=\"stack\" %}\n")
        try write("templates/_layouts/plain.html", "<div class=\"plain\">{{ content }}</div>\n")
        try edit("templates/_layouts/post.html") {
            $0.replacingOccurrences(of: "</article>", with: "{% if page.next %}<a rel=\"next\" href=\"{{ page.next.url | relative_url }}\">{{ page.next.title | escape }}</a>{% endif %}\n</article>")
        }
        session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
    }

    private func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func edit(_ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit to \(path) changed nothing")
        try Data(changed.utf8).write(to: url)
    }

    private static let firstPost = "content/_posts/2021-03-07-first-post.md"
    private static let secondPost = "content/_posts/2021-04-01-second.md"

    private var edits: [Edit] {
        [
            Edit(name: "post text", changed: [Self.firstPost], fast: true) { _ in
                try self.edit(Self.firstPost) { $0.replacingOccurrences(of: "Text with `code`.", with: "Changed text.") }
            },
            Edit(name: "excerpt", changed: [Self.firstPost], fast: true) { _ in
                try self.edit(Self.firstPost) { $0.replacingOccurrences(of: "Intro with", with: "Opening with") }
            },
            Edit(name: "front matter", changed: [Self.firstPost], fast: false) { _ in
                try self.edit(Self.firstPost) { $0.replacingOccurrences(of: "First <Post>", with: "Renamed") }
            },
            Edit(name: "page text", changed: ["content/about/index.md"], fast: true) { _ in
                try self.edit("content/about/index.md") { $0.replacingOccurrences(of: "Back to", with: "Return to") }
            },
            Edit(name: "layout", changed: ["templates/_layouts/post.html"], fast: true) { _ in
                try self.edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "<article", with: "<article class=\"x\"") }
            },
            Edit(name: "layout parent", changed: ["templates/_layouts/post.html"], fast: true) { _ in
                try self.edit("templates/_layouts/post.html") { $0.replacingOccurrences(of: "layout: default", with: "layout: plain") }
            },
            Edit(name: "include", changed: ["templates/_includes/nav.html"], fast: nil) { _ in
                try self.edit("templates/_includes/nav.html") { $0.replacingOccurrences(of: "Home", with: "Start") }
            },
            Edit(name: "config", changed: ["content/_config.yml"], fast: false) { _ in
                try self.edit("content/_config.yml") { $0.replacingOccurrences(of: "Fixture & Friends", with: "Fixtures") }
            },
            Edit(name: "data file", changed: ["content/_data/nav.yml"], fast: nil) { _ in
                try self.edit("content/_data/nav.yml") { $0.replacingOccurrences(of: "Data label", with: "New label") }
            },
            Edit(name: "static file", changed: ["assets/css/site.css"], fast: true) { _ in
                try self.edit("assets/css/site.css") { $0 + "p { margin: 0; }\n" }
            },
            Edit(name: "Dockerfile", changed: ["content/dockerfiles/app/Dockerfile"], fast: nil) { _ in
                try self.edit("content/dockerfiles/app/Dockerfile") { $0.replacingOccurrences(of: "CMD", with: "RUN make world\nCMD") }
            },
            Edit(name: "create", changed: ["content/_posts/2021-03-20-new.md"], fast: false) { _ in
                try self.write("content/_posts/2021-03-20-new.md", "---\ntitle: New\n---\nA new post.\n")
            },
            Edit(name: "delete", changed: ["content/_posts/2021-05-01-diagram.md"], fast: false) { root in
                try FileManager.default.removeItem(at: root.appendingPathComponent("content/_posts/2021-05-01-diagram.md"))
            },
            Edit(name: "rename", changed: [Self.secondPost, "content/_posts/2021-04-02-second.md"], fast: false) { root in
                try FileManager.default.moveItem(at: root.appendingPathComponent(Self.secondPost), to: root.appendingPathComponent("content/_posts/2021-04-02-second.md"))
            },
        ]
    }

    private func run(_ edit: Edit, file: StaticString = #filePath, line: UInt = #line) throws {
        try edit.apply(root)
        let outcome = session.build(changed: Set(edit.changed), fullRebuild: false)
        XCTAssertNil(outcome.failure, "\(edit.name): \(String(describing: outcome.failure))", file: file, line: line)
        if let fast = edit.fast {
            XCTAssertEqual(!outcome.fullRender, fast, "\(edit.name): fast path expected \(fast)", file: file, line: line)
        }
        try assertEqualsCleanBuild(edit.name, file: file, line: line)
    }

    private func assertEqualsCleanBuild(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let clean = root.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        _ = try SiteBuilder(layout: SiteFolders.detect(root: root, destination: clean), now: { SiteFixture.fixedNow }).build()
        let expected = SiteFixture.tree(clean)
        let actual = SiteFixture.tree(root.appendingPathComponent("_site"))
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), "\(name): the outputs differ", file: file, line: line)
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) where actual[path] != data {
            XCTFail("\(name): \(path) differs from a clean build", file: file, line: line)
        }
    }

    /// Every edit kind alone, each from a freshly built site.
    func testEveryEditKindEqualsACleanBuild() throws {
        for edit in edits {
            try setUpWithError()
            try run(edit)
        }
    }

    /// Every edit kind one after another on one session: what each render leaves behind
    /// (graph, readers, `site`) must serve the next.
    func testEditsInSequenceEqualACleanBuildAfterEach() throws {
        for edit in edits {
            try run(edit)
        }
    }

    /// A page edited to show posts' content, then a post edited: the page's new reading
    /// must be known to the second edit (it was kept from the first full render only).
    func testAPageThatStartsShowingContentFollowsTheNextPostEdit() throws {
        try run(Edit(name: "page shows content", changed: ["content/about/index.md"], fast: true) { _ in
            try self.edit("content/about/index.md") { $0 + "\n{% for p in site.posts %}<div class=\"full\">{{ p.content }}</div>{% endfor %}\n" }
        })
        try run(edits[0])
        XCTAssertTrue(try SiteFixture.read(root, "_site/about/index.html").contains("Changed text."))
    }

    /// A layout given a new parent, then the new parent edited: the outputs that now go
    /// through it must be found (the graph was kept from the first full render only).
    func testALayoutsNewParentIsFollowedByTheNextEdit() throws {
        try run(edits[5])
        try run(Edit(name: "new parent", changed: ["templates/_layouts/plain.html"], fast: true) { _ in
            try self.edit("templates/_layouts/plain.html") { $0.replacingOccurrences(of: "class=\"plain\"", with: "class=\"plainer\"") }
        })
        XCTAssertTrue(try SiteFixture.read(root, "_site/notes/second/index.html").contains("class=\"plainer\""))
    }

    /// A post's text edited, then a layout changed to show `site.posts` content: pages the
    /// layout wraps must see the edited text, not the `site` of an earlier render.
    func testALayoutEditAfterATextEditSeesTheNewText() throws {
        try run(edits[0])
        try run(Edit(name: "home shows content", changed: ["templates/_layouts/home.html"], fast: true) { _ in
            try self.edit("templates/_layouts/home.html") { $0 + "{% for p in site.posts %}{{ p.content }}{% endfor %}\n" }
        })
        XCTAssertTrue(try SiteFixture.read(root, "_site/index.html").contains("Changed text."))
    }

    /// `page.previous` and `page.next` on the page a post's layout sees, as Jekyll sets them:
    /// previous is the older post, next the newer one.
    func testPostPagesLinkTheirNeighbours() throws {
        let first = try SiteFixture.read(root, "_site/general/docker/2021/03/07/first-post.html")
        XCTAssertTrue(first.contains("<a rel=\"next\" href=\"/notes/second/\">Second</a>"), first)
        XCTAssertFalse(first.contains("rel=\"prev\""), "the oldest published post has no previous one")
        try run(edits[1])
        let second = try SiteFixture.read(root, "_site/notes/second/index.html")
        XCTAssertTrue(second.contains("<a rel=\"prev\" href=\"/general/docker/2021/03/07/first-post.html\">First &lt;Post&gt;</a>"), second)
        XCTAssertTrue(second.contains("<a rel=\"next\" href=\"/2021/05/01/diagram.html\">Diagram</a>"), second)
    }
}
