import Foundation
import XCTest
@testable import Markdown

final class MarkdownRendererTests: XCTestCase {
    private let renderer = MarkdownRenderer()

    private func html(_ markdown: String) throws -> String {
        try renderer.render(markdown).html
    }

    func testTablesUseStyleAttributesNotAlign() throws {
        let out = try html("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
        XCTAssertTrue(out.contains("<table>"), out)
        XCTAssertTrue(out.contains("style=\"text-align: left\""), out)
        XCTAssertFalse(out.contains("align=\""), out)
    }

    func testStrikethroughAutolinkTasklist() throws {
        let out = try html("~~old~~ https://example.com\n\n- [x] done\n- [ ] todo\n")
        XCTAssertTrue(out.contains("<del>old</del>"), out)
        XCTAssertTrue(out.contains("<a href=\"https://example.com\">https://example.com</a>"), out)
        XCTAssertTrue(out.contains("type=\"checkbox\" checked=\"\" disabled=\"\""), out)
    }

    func testTagFilterDisarmsScriptButKeepsComments() throws {
        let out = try html("<!--description-->\n\n<script>alert(1)</script>\n")
        XCTAssertTrue(out.contains("<!--description-->"), out)
        XCTAssertTrue(out.contains("&lt;script>"), out)
        XCTAssertFalse(out.contains("<script>"), out)
    }

    func testFootnotes() throws {
        let out = try html("Text.[^n]\n\n[^n]: Note.\n")
        XCTAssertTrue(out.contains("class=\"footnotes\""), out)
        XCTAssertTrue(out.contains("href=\"#fn-n\""), out)
    }

    func testFencedCodeGetsLanguageClass() throws {
        let out = try html("```docker\nFROM scratch\n```\n")
        XCTAssertEqual(out, "<pre><code class=\"language-docker\">FROM scratch\n</code></pre>\n")
    }

    func testHeadingIDsAreGitHubSlugsAndUnique() throws {
        let result = try renderer.render("## Images vs. Containers\n\n## Layers\n\n### Layers\n\n## Layers\n\n## `code` *and* text\n")
        XCTAssertEqual(result.headings.map(\.id), ["images-vs-containers", "layers", "layers-1", "layers-2", "code-and-text"])
        XCTAssertEqual(result.headings.map(\.level), [2, 2, 3, 2, 2])
        XCTAssertEqual(result.headings.last?.text, "code and text")
        XCTAssertTrue(result.html.contains("<h2 id=\"images-vs-containers\">Images vs. Containers</h2>"), result.html)
        XCTAssertTrue(result.html.contains("<h3 id=\"layers-1\">Layers</h3>"), result.html)
        XCTAssertTrue(result.html.contains("<h2 id=\"code-and-text\"><code>code</code> <em>and</em> text</h2>"), result.html)
    }

    func testHeadingSlugKeepsApostropheFreeWords() throws {
        let result = try renderer.render("### Images are Immutable - They Can't Be Modified\n")
        XCTAssertEqual(result.headings.first?.id, "images-are-immutable---they-cant-be-modified")
    }

    func testImageAlignmentMarkers() throws {
        let centred = try html("![Docker logo ><](https://x/logo.png)\n")
        XCTAssertTrue(centred.contains("<img src=\"https://x/logo.png\" alt=\"Docker logo\" class=\"align-center\" />"), centred)
        let left = try html("![a \"quoted\" <](a.png \"T\")\n")
        XCTAssertTrue(left.contains("alt=\"a &quot;quoted&quot;\" title=\"T\" class=\"align-left\""), left)
        let right = try html("![b >](b.png)\n")
        XCTAssertTrue(right.contains("class=\"align-right\""), right)
        let plain = try html("![a<b](c.png)\n")
        XCTAssertEqual(plain, "<p><img src=\"c.png\" alt=\"a&lt;b\" /></p>\n")
    }

    func testSampleDocumentRendersEveryExtension() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "gfm-sample", withExtension: "md", subdirectory: "Fixtures"))
        let out = try html(String(contentsOf: url, encoding: .utf8))
        for expected in ["<table>", "<del>gone</del>", "href=\"http://www.example.com\"", "type=\"checkbox\"",
                         "<!--description-->", "&lt;script>", "class=\"footnotes\"", "class=\"language-docker\""] {
            XCTAssertTrue(out.contains(expected), "missing \(expected) in\n\(out)")
        }
    }

    /// Protects against cmark-gfm's process-global inline state: parallel renders must
    /// equal serial ones (without the lock, strikethrough and autolinks go missing).
    func testParallelRenderingMatchesSerial() throws {
        let documents = (0..<400).map { i in
            "# Post \(i)\n\n~~struck \(i)~~ and https://example.com/\(i) and www.site\(i).org\n\n| a | b |\n|---|---|\n| \(i) | x |\n"
        }
        let renderer = self.renderer
        let serial = try documents.map { try renderer.render($0).html }
        let results = ResultBox(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { index in
            results.set(index, (try? renderer.render(documents[index]).html) ?? "failed")
        }
        for index in documents.indices {
            XCTAssertEqual(results.values[index], serial[index], "document \(index) differs")
        }
        XCTAssertTrue(serial[7].contains("<del>struck 7</del>"))
    }
}

final class SluggerTests: XCTestCase {
    func testSlugify() {
        XCTAssertEqual(Slugger.slugify("Why is a container an instance of an image and vice versa?"),
                       "why-is-a-container-an-instance-of-an-image-and-vice-versa")
        XCTAssertEqual(Slugger.slugify("Ünïcode & Émoji 🐳"), "ünïcode--émoji-")
    }

    func testDuplicatesCountUpAndAvoidExistingSuffixes() {
        var slugger = Slugger()
        XCTAssertEqual(["a", "a", "a-1", "a", ""].map { slugger.slug(for: $0) }, ["a", "a-1", "a-1-1", "a-2", "section"])
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String]
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
