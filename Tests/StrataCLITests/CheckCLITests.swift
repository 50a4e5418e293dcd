import Foundation
import XCTest

/// `strata check` as a user and CI run it: exit status, text and JSON, `--fix`, and `build`'s warnings.
final class CheckCLITests: XCTestCase {
    private let post = "content/_posts/2021-01-01-a.md"

    private func brokenSite() throws -> URL {
        try StrataRunner.site([
            "templates/_layouts/post.html": "<h1>{{ page.title }}</h1>{{ content }}\n",
            post: "---\ntitle: A\ncatagories: x\n---\nArrow â†’ and [gone](/nope.html).\n",
        ], for: self)
    }

    func testFindingsExitOneWithPositionAndFix() throws {
        let root = try brokenSite()
        let run = try StrataRunner.run(["check", "--source", root.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.contains("\(post):3:1: warning: `catagories` is not a key Strata or the templates read; a typo? [front-matter-typo]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("note: fix: did you mean `categories`?"), run.stdout)
        XCTAssertTrue(run.stdout.contains("\(post):5:7: warning: `â†’` looks like UTF-8 read as Windows-1252 and saved again [mojibake]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("\(post):5:22: warning: link `/nope.html` points nowhere"), run.stdout)
        XCTAssertTrue(run.stdout.contains(" 5 | Arrow â†’ and [gone](/nope.html).\n   |       ^"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("3 problems in 1 of 2 files.\n"), run.stdout)
    }

    func testJSONForEditorsAndCI() throws {
        let root = try brokenSite()
        let run = try StrataRunner.run(["check", "--source", root.path, "--format", "json"])
        XCTAssertEqual(run.status, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.compactMap { $0["kind"] as? String }, ["front-matter-typo", "mojibake", "broken-link"])
        XCTAssertEqual(findings[1]["file"] as? String, post)
        XCTAssertEqual(findings[1]["line"] as? Int, 5)
        XCTAssertEqual(findings[1]["column"] as? Int, 7)
        XCTAssertEqual(findings[1]["fix"] as? String, "write `→`")
        XCTAssertEqual(findings[1]["isFixable"] as? Bool, true)
    }

    func testFixThenCleanExitsZeroAndASecondFixChangesNothing() throws {
        let root = try StrataRunner.site([post: "---\ntitle: A\n---\nArrow â†’, `â†’` in code.\n"], for: self)
        let fix = try StrataRunner.run(["check", "--source", root.path, "--fix"])
        XCTAssertEqual(fix.status, 0, fix.stdout + fix.stderr)
        XCTAssertTrue(fix.stdout.contains("fixed \(post) (original kept in .strata-cache/check-backups/\(post))"), fix.stdout)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent(post), encoding: .utf8), "---\ntitle: A\n---\nArrow →, `â†’` in code.\n")
        let again = try StrataRunner.run(["check", "--source", root.path, "--fix"])
        XCTAssertEqual(again.status, 0)
        XCTAssertFalse(again.stdout.contains("fixed "), again.stdout)
        XCTAssertTrue(again.stdout.contains("Repaired 0 mis-encodings in 0 files."), again.stdout)
    }

    func testBuildWarnsButSucceeds() throws {
        let root = try brokenSite()
        let run = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("\(post):5:7: warning: `â†’` looks like UTF-8"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(post):5:22: warning: link `/nope.html` points nowhere"), run.stderr)
        let warningLines = run.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        XCTAssertFalse(warningLines.contains { $0.contains("catagories") }, "typos are check's business, not build's")
        XCTAssertEqual(run.stderr.components(separatedBy: "warning:").count - 1, 2, run.stderr)
    }

    /// A post's missing image in its excerpt is on the home page too, where no source writes
    /// it: one warning, at the post's line, with that line shown (not a second one at the
    /// home page's first line, without a source line).
    func testAMissingImageInAnExcerptIsReportedOnceAtThePost() throws {
        let root = try StrataRunner.site([
            "templates/_layouts/post.html": "<h1>{{ page.title }}</h1>{{ content }}\n",
            "content/index.html": "---\ntitle: Home\nlayout: none\n---\n{% for post in site.posts %}{{ post.excerpt }}{% endfor %}\n",
            post: "---\ntitle: A\n---\nLook: ![a chart](/images/gone.png)\n\nMore.\n",
        ], for: self)
        let check = try StrataRunner.run(["check", "--source", root.path])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertEqual(check.stdout.components(separatedBy: "image `/images/gone.png` points nowhere").count - 1, 1, check.stdout)
        XCTAssertTrue(check.stdout.contains("\(post):4:18: warning: image `/images/gone.png` points nowhere: the site has no /images/gone.png [missing-image]"), check.stdout)
        XCTAssertTrue(check.stdout.contains(" 4 | Look: ![a chart](/images/gone.png)\n   |                  ^"), check.stdout)
        XCTAssertFalse(check.stdout.contains("content/index.html:"), check.stdout)
        let build = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(build.stderr.components(separatedBy: "warning:").count - 1, 1, build.stderr)
        XCTAssertTrue(build.stderr.contains("\(post):4:18: warning: image `/images/gone.png` points nowhere"), build.stderr)
    }

    /// A relative image that works on the post's own page but not where its excerpt is shown
    /// is reported at the line of the post that writes it, not at the list page's first line.
    func testARelativeImageBrokenOnlyInTheExcerptIsLocatedInThePost() throws {
        let root = try StrataRunner.site([
            "templates/_layouts/post.html": "<h1>{{ page.title }}</h1>{{ content }}\n",
            "content/index.html": "---\ntitle: Home\nlayout: none\n---\n{% for post in site.posts %}{{ post.excerpt }}{% endfor %}\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\npermalink: /notes/a.html\n---\nLook: ![a chart](chart.png)\n",
            "content/notes/chart.png": "png",
        ], for: self)
        let check = try StrataRunner.run(["check", "--source", root.path])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(check.stdout.contains("\(post):5:18: warning: image `chart.png` points nowhere: the site has no /chart.png [missing-image]"), check.stdout)
        XCTAssertFalse(check.stdout.contains("content/index.html:"), check.stdout)
    }

    /// The bundled site, repaired once, is clean.
    func testTheBundledSiteIsClean() throws {
        let run = try StrataRunner.run(["check", "--source", StrataRunner.repository.path])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.hasPrefix("No problems in "), run.stdout)
    }
}
