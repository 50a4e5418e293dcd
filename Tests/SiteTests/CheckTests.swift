import Diagnostics
import Foundation
import XCTest
@testable import Site

/// `strata check`'s findings and repairs, through SiteChecker and the mis-encoding detector.
final class CheckTests: XCTestCase {
    // MARK: - Mis-encoding, against ftfy

    struct Expectations: Decodable {
        struct Case: Decodable {
            var clean: String
            var mangled: String
            var how: String
            var ftfy: String
        }
        var ftfy: String
        var cases: [Case]
    }

    /// scripts/mojibake-expectations.py wrote what ftfy.fix_encoding makes of each string.
    func testRepairsAgreeWithFtfy() throws {
        let url = try SiteFixture.fixturesURL().appendingPathComponent("mojibake/expectations.json")
        let expectations = try JSONDecoder().decode(Expectations.self, from: Data(contentsOf: url))
        XCTAssertGreaterThan(expectations.cases.count, 100)
        for item in expectations.cases {
            let repaired = Mojibake.repairCertain(Substring(item.mangled))
            XCTAssertEqual(repaired, item.ftfy, "\(item.how) of \(item.clean): \(item.mangled)")
            let found = Mojibake.matches(in: Substring(item.mangled))
            if item.how == "valid" {
                XCTAssertEqual(found, [], "valid text flagged: \(item.mangled)")
            } else {
                XCTAssertFalse(found.isEmpty, "\(item.how) of \(item.clean) not detected")
            }
        }
    }

    /// The build's shortcut (no byte C3, no mojibake) finds exactly what the full scan
    /// finds, on every fixture string, mangled or valid, inside and around code.
    func testBuildMojibakeShortcutFindsWhatTheScanFinds() throws {
        let url = try SiteFixture.fixturesURL().appendingPathComponent("mojibake/expectations.json")
        let expectations = try JSONDecoder().decode(Expectations.self, from: Data(contentsOf: url))
        let scan = TextScan(path: "post.md", firstLine: 5, isMarkdown: true)
        var shortcuts = 0
        for item in expectations.cases {
            for text in ["x \(item.mangled) y", "`\(item.mangled)` and \(item.mangled)\n\n    \(item.mangled)", "’ — 😕 \(item.clean)"] {
                let full = scan.scan(text).findings.filter { $0.kind == .mojibake }
                XCTAssertEqual(scan.mojibakeFindings(text), full, text)
                if !text.utf8.contains(0xC3) { shortcuts += 1 }
            }
        }
        XCTAssertGreaterThan(shortcuts, 50, "the shortcut must be exercised")
        XCTAssertEqual(scan.mojibakeFindings("a â†’ b").map(\.column), [3])
    }

    /// The bundled post's three, as the seed has them.
    func testTheSeedsThreeAreRepaired() {
        XCTAssertEqual(Mojibake.repairCertain("a **Dockerfile** â†’ _build_ â†’ **Image**"), "a **Dockerfile** → _build_ → **Image**")
        XCTAssertEqual(Mojibake.repairCertain("\"a container is an instance of an image\" ðŸ˜•."), "\"a container is an instance of an image\" 😕.")
        XCTAssertEqual(Mojibake.repairCertain("in the shower Â¯\\*(ãƒ„)\\*/Â¯."), "in the shower ¯\\*(ツ)\\*/¯.")
        let matches = Mojibake.matches(in: "x â†’ y")
        XCTAssertEqual(matches.map(\.original), ["â†’"])
        XCTAssertEqual(matches.map(\.scalarOffset), [2])
        XCTAssertEqual(matches.map(\.isCertain), [true])
    }

    func testALonePairIsJudgedByWhatItDecodesTo() {
        // `Ä±` is `ı`, `Ð°` Cyrillic `а`, `Î©` `Ω`: letters mangled text is made of.
        XCTAssertEqual(Mojibake.repairCertain("Ä± Ð° Î©"), "ı а Ω")
        // `Õ¡` would be Armenian `ա`: reported, but only a person can tell.
        let lone = Mojibake.matches(in: "x Õ¡ y")
        XCTAssertEqual(lone.map(\.isCertain), [false])
        XCTAssertEqual(lone.map(\.repaired), ["ա"])
        XCTAssertEqual(Mojibake.repairCertain("x Õ¡ y"), "x Õ¡ y")
        // German `ß` before an ellipsis would decode to N'Ko: plain text, not a finding.
        XCTAssertEqual(Mojibake.matches(in: "Spaß… Fuß…"), [])
        // A whole mangled word is certain.
        XCTAssertEqual(Mojibake.repairCertain("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), "Привет")
    }

    // MARK: - Text scanning: code is left alone, positions, idempotence

    func testCodeAndBackticksAreLeftAlone() {
        let text = """
        Real: â†’ here.
        Talking about it: `â†’` is what you get, and <code>ðŸ˜•</code> too.
        ```
        print("â†’")
        ```
        {% highlight text %}
        Ã©
        {% endhighlight %}
        <pre>
        Ã©
        </pre>
        ÂNGULO and Ângulo stay.

            indented code: Ã©
        - a list item with Ã©
          continued: Ã©
        """
        let result = TextScan(path: "p.md", firstLine: 5, isMarkdown: true).scan(text)
        XCTAssertEqual(result.findings.map(\.location), [
            SourceLocation(file: "p.md", line: 5, column: 7),
            SourceLocation(file: "p.md", line: 19, column: 20),
            SourceLocation(file: "p.md", line: 20, column: 14),
        ])
        XCTAssertEqual(result.findings.first?.fix, "write `→`")
        XCTAssertEqual(result.repaired, text.replacingOccurrences(of: "Real: â†’", with: "Real: →").replacingOccurrences(of: "item with Ã©", with: "item with é").replacingOccurrences(of: "continued: Ã©", with: "continued: é"))
        // A second pass finds nothing more to repair.
        let again = TextScan(path: "p.md", isMarkdown: true).scan(result.repaired)
        XCTAssertEqual(again.findings, [])
        XCTAssertEqual(again.repaired, result.repaired)
    }

    func testColumnsCountCharactersAndCRLFLinesSplit() {
        let result = TextScan(path: "p.md", isMarkdown: true).scan("é—\r\nnaïve ðŸ˜• \u{7}\r\n")
        XCTAssertEqual(result.findings.map { "\($0.kind.rawValue)@\($0.line):\($0.column)" }, ["mojibake@2:7", "control-character@2:12"])
        XCTAssertEqual(result.repaired, "é—\r\nnaïve 😕 \u{7}\r\n")
    }

    // MARK: - Reading pages

    func testTagsAndIdsAreReadPastQuotesCommentsAndScripts() {
        let html = """
        <div title="a > b" id='top'><!-- <a href="/in-comment"> --><A HREF="/x?a=1&amp;b=2">x</A>
        <script>var s = "<img src=/in-script>";</script><img alt="" src="/i.png"><a name="old">o</a>
        <p>text id="not-an-id"</p>
        """
        let tags = HTMLTag.scan(html, names: ["a", "img"])
        XCTAssertEqual(tags.map(\.name), ["a", "img", "a"])
        XCTAssertEqual(tags.first?.attributes["href"], "/x?a=1&b=2")
        XCTAssertEqual(tags[1].attributes["alt"], "")
        XCTAssertEqual(HTMLTag.ids(in: html), ["top", "old"])
    }

    /// Attribute values are decoded in one pass over their bytes: the same as replacing the
    /// entities one after another with `&amp;` last, as the checker did before.
    func testEntitiesDecodeAsTheReplacementsInTurn() {
        let samples = ["", "plain", "a &amp; b", "&amp;lt;", "&lt;&gt;&quot;&#39;&#x27;", "&&amp;&", "&am&lt;p;", "&#39",
                       "tail &", "&quot;é “x”&amp;amp;", "&AMP; &Lt;", "&#x27;&#x27"]
        for sample in samples {
            var expected = sample
            for (entity, text) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                expected = expected.replacingOccurrences(of: entity, with: text)
            }
            XCTAssertEqual(HTMLTag.decodeEntities(sample), expected, sample)
        }
    }

    func testLinksResolveAsAStaticServerWould() {
        let targets = LinkTargets(
            baseurl: "/blog", outputs: ["index.html", "a/index.html", "b.html", "img/x.png"],
            anchors: AnchorIndex(pages: ["b.html": "<h2 id=\"part\">P</h2>"])
        )
        XCTAssertNil(targets.problem(with: "/blog/a/", from: "/b.html"))
        XCTAssertNil(targets.problem(with: "/blog/a", from: "/b.html"))
        XCTAssertNil(targets.problem(with: "/blog/b#part", from: "/a/"))
        XCTAssertNil(targets.problem(with: "../img/x.png", from: "/a/"))
        XCTAssertNil(targets.problem(with: "https://example.com/nope", from: "/a/"))
        XCTAssertNil(targets.problem(with: "mailto:me@example.com", from: "/a/"))
        XCTAssertEqual(targets.problem(with: "/b.html", from: "/a/"), .missingFile(path: "/b.html"), "a link without the baseurl breaks once deployed")
        XCTAssertEqual(targets.problem(with: "/blog/b.html#gone", from: "/a/"), .missingAnchor(page: "b.html", anchor: "gone"))
        XCTAssertEqual(targets.problem(with: "x.png", from: "/a/"), .missingFile(path: "/a/x.png"))
        XCTAssertNil(targets.problem(with: "/blog/b.html?x=1#part", from: "/a/"))
        XCTAssertEqual(targets.problem(with: "/blog/é?q#part", from: "/a/"), .missingFile(path: "/é"))
        XCTAssertEqual(targets.problem(with: "#part", from: "/b.html"), nil)
        XCTAssertEqual(targets.problem(with: "#gone", from: "/b.html"), .missingAnchor(page: "b.html", anchor: "gone"))
    }

    /// Paths that are their own resolution take a shortcut; every other kind is resolved.
    func testDotsAndEmptySegmentsResolve() {
        let cases: [(String, String?)] = [
            ("/", "/"), ("/a/b/", "/a/b/"), ("/a/b", "/a/b"), ("/a//b", "/a/b"), ("/a/./b", "/a/b"), ("/a/../b", "/b"),
            ("/..", nil), ("/a/..", "/"), ("/.well-known/x", "/.well-known/x"), ("/é/b/", "/é/b/"), ("/a/b.c/", "/a/b.c/"),
        ]
        for (path, resolved) in cases { XCTAssertEqual(LinkTargets.resolveDots(path), resolved, path) }
    }

    // MARK: - A fixture site with every check kind

    private func siteWithProblems() throws -> URL {
        try SiteFixture.site([
            "content/_config.yml": "title: T\ntimezon: UTC\n",
            "templates/_layouts/post.html": "<html><body><h1>{{ page.title }}</h1>{{ content }}<p>{{ page.mood }}</p></body></html>\n",
            "content/_posts/2021-01-01-a.md": """
            ---
            title: A
            layuot: post
            catagories: x
            mood: fine
            ---
            See [b](/2021/01/02/b.html#second-part), [c](/2021/01/02/b.html#third) and [gone](/nope.html).
            ![](/assets/logo.png)
            ![Missing](/assets/missing.png)
            Local [x](#first) and [y](#nowhere).

            ## First

            #### Deep
            Text with â†’ arrow and a bell \u{7}.

            """,
            "content/_posts/2021-01-02-b.md": "---\ntitle: B\n---\n## Second part\n",
            "assets/logo.png": "png",
        ], test: self)
    }

    func testEveryKindIsFoundWhereItIs() throws {
        let root = try siteWithProblems()
        let report = SiteChecker(layout: .detect(root: root), now: { SiteFixture.fixedNow }).check()
        XCTAssertTrue(report.rendered)
        let post = "content/_posts/2021-01-01-a.md"
        let found = report.findings.map { "\($0.kind.rawValue) \($0.file):\($0.line):\($0.column)" }
        XCTAssertEqual(found, [
            "front-matter-typo content/_config.yml:2:1",
            "front-matter-typo \(post):3:1",
            "front-matter-typo \(post):4:1",
            "missing-anchor \(post):7:46",
            "broken-link \(post):7:83",
            "image-alt \(post):8:5",
            "missing-image \(post):9:12",
            "missing-anchor \(post):10:27",
            "heading-level \(post):14:1",
            "mojibake \(post):15:11",
            "control-character \(post):15:32",
        ], report.findings.map { $0.diagnostic().rendered }.joined(separator: "\n"))
        let fixes = Dictionary(report.findings.map { ($0.kind, $0.fix ?? "") }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(fixes[.mojibake], "write `→`")
        XCTAssertEqual(report.findings.first { $0.file == post && $0.kind == .frontMatterTypo }?.fix, "did you mean `layout`?")
        XCTAssertEqual(fixes[.headingLevel], "make it level 3 (###)")
        XCTAssertTrue(report.findings.contains { $0.fix == "did you mean `categories`?" })
        XCTAssertTrue(report.findings.contains { $0.fix == "did you mean `timezone`?" })
    }

    func testACleanSiteHasNoFindingsAndCustomKeysAreKnown() throws {
        let root = try SiteFixture.site([
            "templates/_layouts/post.html": "<h1>{{ page.title }}</h1>{{ content }}<p>{{ page.mood }}</p>\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\nmood: fine\n---\n## One\n\n### Two\n\n[b](/2021/01/02/b.html#part) ![Logo](/assets/logo.png) [top](#one) [ext](https://example.com/x)\n\nSão Paulo, `â†’` in code.\n",
            "content/_posts/2021-01-02-b.md": "---\ntitle: B\n---\n## Part\n",
            "assets/logo.png": "png",
        ], test: self)
        let report = SiteChecker(layout: .detect(root: root), now: { SiteFixture.fixedNow }).check()
        XCTAssertEqual(report.findings, [])
        XCTAssertTrue(report.rendered)
    }

    /// Under a baseurl, a root-relative link written without it is broken once deployed; the
    /// finding says which page it meant and how to write it.
    func testALinkMissingTheBaseurlSaysHowToWriteIt() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "baseurl: /blog\n",
            "content/about.md": "---\ntitle: About\n---\nAbout.\n",
            "content/index.md": "---\ntitle: Home\n---\n[about](/about.html) and [gone](/gone/)\n",
        ], test: self)
        let report = SiteChecker(layout: .detect(root: root)).check()
        let broken = report.findings.filter { $0.kind == .brokenLink }
        XCTAssertEqual(broken.map(\.message), ["link `/about.html` points nowhere: the site has no /about.html",
                                               "link `/gone/` points nowhere: the site has no /gone/"])
        XCTAssertEqual(broken.map { $0.fix ?? "" }, ["the site is served under baseurl `/blog`: write `{{ '/about.html' | relative_url }}` in a template, or `/blog/about.html`", ""])
    }

    func testTwoFilesWritingOneURL() throws {
        let root = try SiteFixture.site([
            "content/one.md": "---\npermalink: /same/\n---\nOne\n",
            "content/two.md": "---\npermalink: /same/\n---\nTwo\n",
        ], test: self)
        let report = SiteChecker(layout: .detect(root: root)).check()
        XCTAssertEqual(report.findings.map(\.kind), [.duplicateURL])
        XCTAssertEqual(report.findings.first?.line, 2)
        XCTAssertFalse(report.rendered)
    }

    func testPostURLToNothingIsReportedWhereItIs() throws {
        let root = try SiteFixture.site([
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nSee [it]({% post_url 2020-01-01-gone %}).\n",
        ], test: self)
        let report = SiteChecker(layout: .detect(root: root), now: { SiteFixture.fixedNow }).check()
        XCTAssertEqual(report.findings.map(\.kind), [.buildError])
        XCTAssertEqual(report.findings.first.map { "\($0.file):\($0.line)" }, "content/_posts/2021-01-01-a.md:4")
        XCTAssertTrue(report.findings.first?.message.contains("2020-01-01-gone") ?? false)
    }

    func testLinkTagToNothingIsReportedWhereItIs() throws {
        let root = try SiteFixture.site([
            "content/about.md": "---\ntitle: About\n---\n\nSee [it]({% link gone.md %}).\n",
        ], test: self)
        let report = SiteChecker(layout: .detect(root: root)).check()
        XCTAssertEqual(report.findings.map { "\($0.kind.rawValue) \($0.file):\($0.line)" }, ["build-error content/about.md:5"])
    }

    /// A site that does not build: `check` names the error by the step that failed, as `build` does.
    func testABuildErrorIsNamedByItsStepAsBuildNamesIt() throws {
        let root = try SiteFixture.site([
            "content/about.md": "---\ntitle: About\n---\n\nSee [it]({% link gone.md %}).\n",
        ], test: self)
        let report = SiteChecker(layout: .detect(root: root)).check()
        XCTAssertEqual(report.findings.map(\.step), [.generatePages])
        let checked = try XCTUnwrap(report.findings.first).diagnostic()
        XCTAssertEqual(checked.kind, BuildStep.generatePages.kind)
        XCTAssertEqual(checked.severity, .error)
        XCTAssertTrue(SiteFixture.failure(root).contains("content/about.md:5:"), "build locates it where check does")
        XCTAssertTrue(SiteFixture.failure(root).contains(" [pages]"), SiteFixture.failure(root))
    }

    /// Step names and finding kinds share `Diagnostic.kind`, so no name may mean both.
    func testStepNamesAndFindingKindsNeverOverlap() {
        let steps = Set(BuildStep.allCases.map(\.kind))
        let kinds = Set(Finding.Kind.allCases.map(\.diagnosticKind))
        XCTAssertEqual(steps.count, BuildStep.allCases.count)
        XCTAssertEqual(kinds.count, Finding.Kind.allCases.count)
        XCTAssertTrue(steps.isDisjoint(with: kinds), "\(steps.intersection(kinds))")
    }

    func testLatinOneIsNamedWhenItsControlsGiveItAway() {
        let found = TextScan(path: "p.md", isMarkdown: true).scan("caf\u{C3}\u{A9} \u{E2}\u{80}\u{94}\n").findings
        XCTAssertEqual(found.map(\.message), [
            "`Ã©` looks like UTF-8 read as Windows-1252 and saved again",
            "`â\u{80}\u{94}` looks like UTF-8 read as Latin-1 and saved again",
        ])
        XCTAssertEqual(found.map(\.fix), ["write `é`", "write `—`"])
    }

    func testInvalidUTF8IsFoundOnEachLine() throws {
        let root = try SiteFixture.site([:], test: self)
        let path = root.appendingPathComponent("content/latin.md")
        try Data("---\ntitle: x\n---\ncaf".utf8 + [0xE9] + Data(" ok\nna".utf8) + [0xEF, 0x76] + Data("e\n".utf8)).write(to: path)
        let report = SiteChecker(layout: .detect(root: root)).check()
        let invalid = report.findings.filter { $0.kind == .invalidUTF8 }
        XCTAssertEqual(invalid.map { "\($0.line):\($0.column)" }, ["4:4", "5:3"])
        XCTAssertTrue(invalid[0].message.contains("E9"), invalid[0].message)
        XCTAssertTrue(invalid[0].fix?.contains("`é`") ?? false, invalid[0].fix ?? "")
    }

    // MARK: - --fix

    func testFixRepairsOnlyWhatIsCertainKeepsABackupAndIsIdempotent() throws {
        let original = "---\ntitle: A\n---\nArrow â†’, shrug Â¯\\\\\\_(ãƒ„)\\_/Â¯, lone Õ¡ and `â†’` in code.\n"
        let root = try SiteFixture.site(["content/_posts/2021-01-01-a.md": original], test: self)
        let checker = SiteChecker(layout: .detect(root: root), now: { SiteFixture.fixedNow })
        let first = try checker.fix()
        XCTAssertEqual(first.changedFiles, ["content/_posts/2021-01-01-a.md"])
        XCTAssertEqual(first.repairs, 4)
        XCTAssertEqual(try SiteFixture.read(root, "content/_posts/2021-01-01-a.md"), "---\ntitle: A\n---\nArrow →, shrug ¯\\\\\\_(ツ)\\_/¯, lone Õ¡ and `â†’` in code.\n")
        XCTAssertEqual(try SiteFixture.read(root, ".strata-cache/check-backups/content/_posts/2021-01-01-a.md"), original)
        let second = try checker.fix()
        XCTAssertEqual(second.changedFiles, [])
        XCTAssertEqual(second.repairs, 0)
        // The uncertain one is still reported, not rewritten.
        XCTAssertEqual(checker.check().findings.map(\.kind), [.mojibake])
        let built = try SiteFixture.build(root)
        XCTAssertEqual(built.posts, 1)
        XCTAssertTrue(try SiteFixture.read(root, "_site/2021/01/01/a.html").contains("shrug ¯\\_(ツ)_/¯"))
    }

    // MARK: - build's warnings

    func testBuildWarnsOnceEachWithoutFailing() throws {
        let root = try siteWithProblems()
        let result = try SiteFixture.build(root)
        let kinds = result.warnings.compactMap(\.kind?.rawValue)
        // `config`: the fixture's `timezon:` typo, which the configuration reader warns about too.
        XCTAssertEqual(kinds.sorted(), ["broken-link", "config", "missing-anchor", "missing-anchor", "missing-image", "mojibake"])
        XCTAssertEqual(Set(result.warnings).count, result.warnings.count)
        XCTAssertTrue(result.warnings.allSatisfy { $0.severity == .warning })
    }
}

/// A broken link an include writes into every page is warned about once, at the include's
/// own line, by `build` as by `check` (newcomer: `build` blamed each page's first line).
final class IncludeLinkWarningTests: XCTestCase {
    func testBuildReportsAnIncludesBrokenLinkOnceAtItsLine() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "title: T\n",
            "templates/_includes/nav.html": "<nav>\n  <a href=\"/\">Home</a> <a href=\"/about/\">About</a>\n</nav>\n",
            "templates/_layouts/post.html": "<html><body>{% include nav.html %}{{ content }}</body></html>\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nOne.\n",
            "content/_posts/2021-01-02-b.md": "---\ntitle: B\n---\nTwo.\n",
            "content/index.html": "---\nlayout: post\n---\nHome.\n",
        ], test: self)
        let result = try SiteFixture.build(root)
        let broken = result.warnings.filter { $0.kind?.rawValue == "broken-link" }
        XCTAssertEqual(broken.map { $0.location.map(String.init(describing:)) }, ["templates/_includes/nav.html:2:33"])
    }
}

/// The Liquid warnings a build gives are named by their kind and found by `strata check`
/// too (newcomer7: `check` said "No problems" where `build` warned four times).
final class LiquidWarningKindTests: XCTestCase {
    func testCheckFindsTheLiquidWarningsTheBuildPrints() throws {
        let root = try SiteFixture.site([
            "content/_config.yml": "title: T\n",
            "templates/_layouts/post.html": "<html><body>{{ content }}</body></html>\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\nlayout: post\n---\n{{ page.title | upcase: }}\n\n{{ page.title | shout }}\n",
        ], test: self)
        let built = try SiteFixture.build(root)
        XCTAssertEqual(built.warnings.compactMap(\.kind?.rawValue).sorted(), ["lax-markup", "unknown-filter"],
                       built.warnings.map(\.rendered).joined(separator: "\n"))
        let report = SiteChecker(layout: .detect(root: root), now: { SiteFixture.fixedNow }).check()
        XCTAssertEqual(report.findings.map { "\($0.kind.rawValue) \($0.file):\($0.line)" }.sorted(), [
            "lax-markup content/_posts/2021-01-01-a.md:5",
            "unknown-filter content/_posts/2021-01-01-a.md:7",
        ])
    }
}
