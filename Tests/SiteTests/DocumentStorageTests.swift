import Foundation
import Liquid
import XCTest
@testable import Site

/// `Document` keeps value semantics while its fields sit behind one shared reference.
final class DocumentStorageTests: XCTestCase {
    private func post() -> Document {
        Document(kind: .post, relativePath: "_posts/2021-03-07-a.md", displayPath: "content/_posts/2021-03-07-a.md",
                 frontMatter: ValueObject([("title", .string("A"))]), keyLines: ["title": 2], body: "Text.\n", bodyFirstLine: 4,
                 date: Date(timeIntervalSince1970: 0), slug: "a", title: "A", categories: ["x"], tags: [], layout: "post",
                 isMarkdown: true, url: "/x/a.html", outputPath: "x/a.html", collection: "posts")
    }

    func testAChangedCopyLeavesTheOriginalAsItWas() {
        let original = post()
        var copy = original
        XCTAssertTrue(copy.isUnchangedCopy(of: original), "a copy shares the fields until it changes")
        copy.frontMatter["title"] = .string("B")
        copy.body = "Other text.\n"
        copy.categories.append("y")
        copy.pagination = nil
        XCTAssertFalse(copy.isUnchangedCopy(of: original))
        XCTAssertEqual(original.frontMatter["title"], .string("A"))
        XCTAssertEqual(original.body, "Text.\n")
        XCTAssertEqual(original.categories, ["x"])
        XCTAssertEqual(copy.frontMatter["title"], .string("B"))
        XCTAssertEqual(copy.body, "Other text.\n")
        XCTAssertEqual(copy.categories, ["x", "y"])
        // The other fields came along with the first change.
        XCTAssertEqual(copy.url, original.url)
        XCTAssertEqual(copy.keyLines, original.keyLines)
        XCTAssertEqual(RenderRecord.identity(of: copy.withBody(original.body, frontMatter: original.frontMatter, categories: original.categories)),
                       RenderRecord.identity(of: original))
    }

    /// A post read back from a mapped render record keeps its text in the file until it is
    /// read; read, it is the text written.
    func testARecordedPostsTextReadsBackFromTheFile() throws {
        var written = post()
        written.body = "Caf\u{E9} \u{1F433} text.\n"
        var writer = RecordWriter()
        writer.raw(RenderRecord.formatLine)
        writer.document(written)
        let file = try SiteFixture.temporaryFolder(self).appendingPathComponent("render")
        try writer.data.write(to: file)
        let mapped = try XCTUnwrap(RenderRecord.mapping(file.path))
        let read = try XCTUnwrap(mapped.posts[written.displayPath])
        XCTAssertEqual(read.body, written.body)
        XCTAssertEqual(RenderRecord.identity(of: read), RenderRecord.identity(of: written))
        // Changed, the text is the document's own.
        var changed = read
        changed.body += "More.\n"
        XCTAssertEqual(changed.body, written.body + "More.\n")
        XCTAssertEqual(read.body, written.body)
        // Decoded from a copy, the text is read at once: the same.
        XCTAssertEqual(RenderRecord.decode(writer.data)?.posts[written.displayPath]?.body, written.body)
    }
}

private extension Document {
    func withBody(_ body: String, frontMatter: ValueObject, categories: [String]) -> Document {
        var copy = self
        copy.body = body
        copy.frontMatter = frontMatter
        copy.categories = categories
        return copy
    }
}
