import Diagnostics
import XCTest
@testable import Site

final class LayersTagTests: XCTestCase {
    private func site(body: String, dockerfile: String = "FROM scratch\nCOPY app.txt /app/app.txt\nCMD [\"run\"]\n") throws -> URL {
        try SiteFixture.site([
            "content/dockerfiles/app/Dockerfile": dockerfile,
            "content/dockerfiles/app/app.txt": "hello\n",
            "content/_posts/2021-01-01-a.md": "---\ntitle: A\n---\nIntro.\n\n" + body + "\n",
        ], test: self)
    }

    func testDiagramIsInlinedIntactThroughMarkdown() throws {
        let root = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" view=\"stack\" caption=\"A & B\" %}")
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/2021/01/01/a.html")
        XCTAssertTrue(html.contains("<figure class=\"diagram diagram-stack\">\n<svg"), html)
        // The wide drawing, then the narrow one for phones, each with its own ids.
        let classes = html.matches(of: /<svg[^>]* class="([^"]+)"/).map { String($0.output.1) }
        XCTAssertEqual(classes, ["strata-diagram strata-diagram-stack", "strata-diagram strata-diagram-stack strata-diagram-narrow"])
        let roots = html.matches(of: /<svg[^>]* id="([^"]+)"/).map { String($0.output.1) }
        XCTAssertEqual(roots.count, 2)
        XCTAssertEqual(roots.last, roots[0] + "-narrow")
        XCTAssertTrue(html.contains("<title"), "the tag filter must not touch the diagram's <title>")
        XCTAssertFalse(html.contains("&lt;title"), html)
        XCTAssertFalse(html.contains("strata:embed"), html)
        XCTAssertTrue(html.contains("<figcaption>A &amp; B</figcaption>"), html)
        XCTAssertTrue(html.contains("COPY app.txt /app/app.txt"), html)
    }

    /// A base image the site's catalogue lacks is drawn as an opaque box, and the build says
    /// so at its FROM; a site without a catalogue draws every base opaque on purpose.
    func testAMissingBaseImageIsAWarningAtItsFrom() throws {
        let body = "{% layers \"dockerfiles/app/Dockerfile\" view=\"stack\" %}\n\n{% layers \"dockerfiles/app/Dockerfile\" view=\"chain\" %}"
        let root = try site(body: body, dockerfile: "FROM nosuch/image:1.0\nCOPY app.txt /app/app.txt\n")
        XCTAssertEqual(try SiteFixture.build(root).warnings.filter { $0.kind == Finding.Kind.dockerfile.diagnosticKind }, [], "no catalogue, no warning")
        try Data("base:1 base\n".utf8).write(to: root.appendingPathComponent("content/dockerfiles/catalog.txt"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/dockerfiles/base"), withIntermediateDirectories: true)
        try Data("FROM scratch\n".utf8).write(to: root.appendingPathComponent("content/dockerfiles/base/Dockerfile"))
        let result = try SiteFixture.build(root)
        let warnings = result.warnings.filter { $0.kind == Finding.Kind.dockerfile.diagnosticKind }
        XCTAssertEqual(warnings.map(\.rendered), [[
            "content/dockerfiles/app/Dockerfile:1:6: warning: nosuch/image:1.0 is not in the catalogue: "
                + "it is shown as an opaque base, not expanded into layers [dockerfile]",
            " 1 | FROM nosuch/image:1.0",
            "   |      ^",
            " 2 | COPY app.txt /app/app.txt",
        ].joined(separator: "\n")], "one warning, though two tags draw it")
        let checked = SiteChecker(layout: .detect(root: root), now: { SiteFixture.fixedNow }).check().findings.filter { $0.kind == .dockerfile }
        XCTAssertEqual(checked.map { $0.diagnostic().kind }, warnings.map(\.kind), "strata check reports it the same way")
        XCTAssertEqual(checked.map { Optional($0.location) }, warnings.map(\.location))
    }

    /// Without a catalogue only the opaque base goes unsaid: the model's other warnings, such
    /// as a COPY source missing from the build context, are still reported.
    func testASiteWithoutACatalogueStillHearsOfAMissingCopySource() throws {
        let root = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" view=\"stack\" %}", dockerfile: "FROM nosuch/image:1.0\nCOPY missing.txt /app/\n")
        let warnings = try SiteFixture.build(root).warnings.filter { $0.kind == Finding.Kind.dockerfile.diagnosticKind }
        XCTAssertEqual(warnings.map(\.message), ["COPY source missing.txt is not in the build context: only its destination is recorded"])
        XCTAssertEqual(warnings.first?.location?.line, 2)
    }

    /// `layout="narrow"` draws only the phone layout, which CSS then never hides.
    func testANarrowLayoutAloneIsOneDrawing() throws {
        let root = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" view=\"process\" layout=\"narrow\" %}")
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/2021/01/01/a.html")
        let classes = html.matches(of: /<svg[^>]* class="([^"]+)"/).map { String($0.output.1) }
        XCTAssertEqual(classes, ["strata-diagram strata-diagram-process strata-diagram-narrow"])
    }

    func testTheSameDiagramTwiceOnAPageHasUniqueIDs() throws {
        let tag = "{% layers \"dockerfiles/app/Dockerfile\" view=\"chain\" %}"
        let root = try site(body: tag + "\n\n" + tag)
        _ = try SiteFixture.build(root)
        let html = try SiteFixture.read(root, "_site/2021/01/01/a.html")
        let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) }
        XCTAssertGreaterThan(ids.count, 2)
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate ids: \(ids)")
    }

    /// The preview regenerates a diagram when the Dockerfile it draws changes.
    func testEditingTheDockerfileRedrawsTheDiagramInPreview() throws {
        let root = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" view=\"stack\" %}")
        let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow }))
        XCTAssertNil(session.build(changed: [], fullRebuild: true).failure)
        try Data("FROM scratch\nCOPY app.txt /app/app.txt\nRUN make world\n".utf8)
            .write(to: root.appendingPathComponent("content/dockerfiles/app/Dockerfile"))
        let outcome = session.build(changed: ["content/dockerfiles/app/Dockerfile"], fullRebuild: false)
        XCTAssertNil(outcome.failure)
        XCTAssertEqual(outcome.changedOutputs, ["2021/01/01/a.html"])
        XCTAssertTrue(try SiteFixture.read(root, "_site/2021/01/01/a.html").contains("RUN make world"))
    }

    func testMissingDockerfileIsLocatedAtTheTag() throws {
        let root = try site(body: "{% layers \"dockerfiles/none/Dockerfile\" %}")
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("content/_posts/2021-01-01-a.md:6:1: error: layers: no Dockerfile at `dockerfiles/none/Dockerfile`"), message)
    }

    func testMalformedDockerfileIsLocatedAtTheDockerfileWithTheTagAsANote() throws {
        let root = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" %}", dockerfile: "FROM scratch\nCOPY\n")
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("content/dockerfiles/app/Dockerfile:2:1: error: layers: COPY requires"), message)
        XCTAssertTrue(message.contains(" 2 | COPY\n"), message)
        XCTAssertTrue(message.contains("note: drawn by the tag at content/_posts/2021-01-01-a.md:6:1"), message)
    }

    func testPathsOutsideTheContentFolderAreRefused() throws {
        let root = try site(body: "{% layers \"../secret/Dockerfile\" %}")
        XCTAssertTrue(SiteFixture.failure(root).contains("is outside the content folder"))
    }

    func testBadOptionsAreReported() throws {
        let unknown = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" colour=\"red\" %}")
        XCTAssertTrue(SiteFixture.failure(unknown).contains("content/_posts/2021-01-01-a.md:6:1: error: layers:"))
        let unquoted = try site(body: "{% layers \"dockerfiles/app/Dockerfile\" view=stack %}")
        XCTAssertTrue(SiteFixture.failure(unquoted).contains("the value of view must be quoted"))
        let none = try site(body: "{% layers %}")
        XCTAssertTrue(SiteFixture.failure(none).contains("expected one Dockerfile path"))
    }

    func testTagArgumentParsing() throws {
        let fail: (String) -> Liquid.LiquidError = { Liquid.LiquidError(file: "f", line: 1, column: 1, message: $0) }
        let parsed = try TagArguments.parse(" 'a b'  view=\"x y\" other='z' ", fail: fail)
        XCTAssertEqual(parsed.positional, ["a b"])
        XCTAssertEqual(parsed.attributes, ["view": "x y", "other": "z"])
        XCTAssertThrowsError(try TagArguments.parse("\"open", fail: fail))
        XCTAssertThrowsError(try TagArguments.parse("a=\"1\" a=\"2\"", fail: fail))
    }
}

import Liquid
