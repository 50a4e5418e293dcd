import Foundation
import XCTest
@testable import Site

/// Bad input must give a located message and leave the previous `_site/` untouched.
final class InvalidSiteTests: XCTestCase {
    private let layouts = [
        "templates/_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
        "templates/_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
        "content/_config.yml": "title: T\n",
    ]

    private func site(_ extra: [String: String]) throws -> URL {
        try SiteFixture.site(layouts.merging(extra) { _, new in new }, test: self)
    }

    /// Builds a good site first, breaks it, and checks the old output survives.
    private func assertFailureKeepsPreviousSite(_ root: URL, break change: [String: String], expect: String,
                                                file: StaticString = #filePath, line: UInt = #line) throws {
        _ = try SiteFixture.build(root)
        let before = SiteFixture.tree(root.appendingPathComponent("_site"))
        XCTAssertFalse(before.isEmpty, file: file, line: line)
        for (path, text) in change {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let message = SiteFixture.failure(root, file: file, line: line)
        XCTAssertTrue(message.contains(expect), "expected «\(expect)» in:\n\(message)", file: file, line: line)
        XCTAssertEqual(SiteFixture.tree(root.appendingPathComponent("_site")), before, "the previous _site changed", file: file, line: line)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("strata-") }
        XCTAssertEqual(leftovers, [], "temporary folders were left behind", file: file, line: line)
    }

    func testMissingLayoutNamesTheFrontMatterLine() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        try assertFailureKeepsPreviousSite(root, break: ["content/_posts/2021-01-01-a.md": "---\ntitle: A\nlayout: nope\n---\nHello\n"],
                                           expect: "content/_posts/2021-01-01-a.md:3:1: error: layout `nope` does not exist")
    }

    func testMissingIncludeIsLocatedInTheBody() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        try assertFailureKeepsPreviousSite(root, break: ["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n\n{% include missing.html %}\n"],
                                           expect: "content/_posts/2021-01-01-a.md:6:")
    }

    /// The contents include renders after Markdown, but its errors still point at the
    /// line that asked for it.
    func testMissingContentsIncludeIsLocatedAtItsLine() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nIntro\n\n{% include toc.html %}\n\n## One\n"])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("content/_posts/2021-01-01-a.md:6:1: error:"), message)
        XCTAssertTrue(message.contains("toc.html"), message)
    }

    func testBrokenYAML() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        try assertFailureKeepsPreviousSite(root, break: ["content/_posts/2021-01-01-a.md": "---\ntitle: [A\n---\nHello\n"],
                                           expect: "content/_posts/2021-01-01-a.md:2:8: error: invalid YAML")
    }

    func testUnknownPermalinkPlaceholder() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        try assertFailureKeepsPreviousSite(root, break: ["content/_config.yml": "title: T\npermalink: /:year/:bogus/\n"],
                                           expect: "content/_config.yml:2:19: error: unknown permalink placeholder `:bogus`")
        // One error for the one bad setting, not one more for each post it applies to.
        XCTAssertEqual(SiteFixture.failure(root).components(separatedBy: "error:").count - 1, 1)
        // A likely typo gets the placeholder meant, in the config and in front matter alike.
        let typo = try site(["content/_config.yml": "title: T\npermalink: /:yeer/:title/\n", "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        XCTAssertTrue(SiteFixture.failure(typo).contains("unknown permalink placeholder `:yeer`; did you mean `:year`?"), SiteFixture.failure(typo))
        let own = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\npermalink: /:tilte/\n---\nHello\n"])
        XCTAssertTrue(SiteFixture.failure(own).contains("unknown permalink placeholder `:tilte`; did you mean `:title`?"), SiteFixture.failure(own))
    }

    func testUnknownTagOrFilterSuggestsTheClosestKnownName() throws {
        let tag = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n{% hightlight ruby %}\nx\n{% endhighlight %}\n"])
        XCTAssertTrue(SiteFixture.failure(tag).contains("unknown tag `hightlight`; did you mean `highlight`?"), SiteFixture.failure(tag))
        // Strata's own tags are among the known names.
        let custom = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n{% layer \"x\" %}\n"])
        XCTAssertTrue(SiteFixture.failure(custom).contains("unknown tag `layer`; did you mean `layers`?"), SiteFixture.failure(custom))
        // An unknown filter passes its input on, as in Jekyll (mediumish writes `| add: 1`),
        // with one located warning; `strict_filters: true` makes it the error Jekyll's is then.
        let filter = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n{{ 'x' | upcasee }} and {{ 'y' | nothinglikeit }}\n"])
        let report = try SiteFixture.build(filter)
        let warnings = report.warnings.map(\.rendered)
        XCTAssertEqual(warnings.filter { $0.contains("unknown filter") }.count, 2, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("content/_posts/2021-01-01-a.md:4:10: warning: unknown filter `upcasee`; did you mean `upcase`?") }, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("unknown filter `nothinglikeit`") && !$0.contains("did you mean") }, warnings.joined(separator: "\n"))
        XCTAssertTrue(try SiteFixture.read(filter, "_site/2021/01/01/a.html").contains("x and y"))
        let strict = try site(["content/_config.yml": "liquid:\n  strict_filters: true\n",
                               "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\n{{ 'x' | upcasee }}\n"])
        XCTAssertTrue(SiteFixture.failure(strict).contains("error: unknown filter `upcasee`; did you mean `upcase`?"), SiteFixture.failure(strict))
    }

    func testTwoFilesWritingOneURL() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        try assertFailureKeepsPreviousSite(root, break: ["content/b.md": "---\ntitle: B\npermalink: /2021/01/01/a.html\n---\nB\n"],
                                           expect: "would both write 2021/01/01/a.html")
    }

    func testInvalidUTF8() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nHello\n"])
        _ = try SiteFixture.build(root)
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0x20, 0xFF, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A])
            .write(to: root.appendingPathComponent("content/_posts/2021-01-01-a.md"))
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("content/_posts/2021-01-01-a.md:2:4: error: the file is not valid UTF-8"), message)
    }

    func testLiquidSyntaxErrorPointsAtFileLine() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nOne\n\n{% if page.title %}\nno end\n"])
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("content/_posts/2021-01-01-a.md:6:"), message)
        XCTAssertTrue(message.contains("^"), "the message shows a caret under the column:\n\(message)")
    }

    func testBadDateIsLocated() throws {
        let root = try site(["content/_posts/2021-01-01-a.md": "---\ntitle: A\ndate: someday\n---\nx\n"])
        XCTAssertTrue(SiteFixture.failure(root).contains("content/_posts/2021-01-01-a.md:3:1: error: `date` is not a date"))
    }

    func testUnknownTimeZone() throws {
        let root = try site(["content/_config.yml": "title: T\ntimezone: Mars/Olympus\n"])
        XCTAssertTrue(SiteFixture.failure(root).contains("content/_config.yml:2:11: error: unknown time zone `Mars/Olympus`"))
    }

    func testLayoutCycle() throws {
        let root = try site([
            "templates/_layouts/a.html": "---\nlayout: b\n---\n{{ content }}",
            "templates/_layouts/b.html": "---\nlayout: a\n---\n{{ content }}",
            "content/p.md": "---\nlayout: a\n---\nx\n",
        ])
        XCTAssertTrue(SiteFixture.failure(root).contains("layouts form a cycle: a → b → a"))
    }
}
