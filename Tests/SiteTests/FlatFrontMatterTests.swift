import Foundation
import Liquid
import XCTest
@testable import Site

/// The front matter fast path must read exactly what Yams reads, or leave the block to Yams.
final class FlatFrontMatterTests: XCTestCase {
    private func assertSameAsYams(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        guard let flat = FlatFrontMatter.read(yaml, firstLine: 2) else { return false }
        let yams = try YAMLReader(path: "test.md", firstLine: 2).read(yaml, flat: false)
        XCTAssertEqual(flat.values, yams.values, "values of:\n\(yaml)", file: file, line: line)
        XCTAssertEqual(flat.keyLines, yams.keyLines, "lines of:\n\(yaml)", file: file, line: line)
        return true
    }

    func testEveryFixtureAndBundledFrontMatterReadsAsYamsReadsIt() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var blocks: [String] = []
        for folder in ["content", "templates", "Tests", "docs", "scripts"] {
            guard let walker = FileManager.default.enumerator(atPath: repository.appendingPathComponent(folder).path) else { continue }
            for case let relative as String in walker where [".md", ".markdown", ".html", ".xml", ".txt"].contains(where: relative.hasSuffix) {
                guard let text = try? String(contentsOf: repository.appendingPathComponent(folder).appendingPathComponent(relative), encoding: .utf8),
                      text.hasPrefix("---\n") else { continue }
                let rest = text.dropFirst(4)
                guard let close = rest.range(of: "\n---") else { continue }
                blocks.append(String(rest[..<close.lowerBound]) + "\n")
            }
        }
        XCTAssertGreaterThan(blocks.count, 100)
        var fast = 0
        for yaml in blocks {
            // Blocks Yams rejects are the invalid fixtures' business.
            guard (try? YAMLReader(path: "test.md", firstLine: 2).read(yaml, flat: false)) != nil else {
                XCTAssertNil(FlatFrontMatter.read(yaml, firstLine: 2), "the fast path accepted what Yams rejects:\n\(yaml)")
                continue
            }
            if try assertSameAsYams(yaml) { fast += 1 }
        }
        XCTAssertGreaterThan(fast, blocks.count / 4, "most front matter is flat")
    }

    func testTrickyValuesAreReadAsYamsReadsThemOrLeftToIt() throws {
        let accepted = [
            "layout: post\ntitle: \"Docker images vs. containers - how I explained it\"\ncategories: general\nlocation: London, UK\n",
            "title: 'Single, quoted: with a colon'\n",
            "title: Don't panic\nauthor: \"It's me\"\n",
            "title: yesterday\nkind: nothing\n",
            "layout: post\n\n\ntitle: gaps\n",
            "title:   spaced   out   \n",
            "location-link: london\n_private: x\n",
        ]
        for yaml in accepted {
            XCTAssertTrue(try assertSameAsYams(yaml), "should take the fast path:\n\(yaml)")
        }
        let leftToYams = [
            "published: false\n", "draft: yes\n", "comments: off\n", "author: null\n", "order: 3\n", "ratio: 1.5\n",
            "date: 2021-03-07 10:00:00 +0000\n", "date: 2021-03-07\n", "tags: [a, b]\n", "tags:\n  - a\n  - b\n",
            "author:\n  name: x\n", "title: \"escaped \\\" quote\"\n", "title: 'doubled '' quote'\n", "title: a # comment\n",
            "title: a: b\n", "title:\n", "title:x\n", "title: Zürich\n", "title: a\ttab\n", "title: a\r\n", "title: ~\n",
            "title: .inf\n", "title: &anchor x\n", "title: *alias\n", "title: !tag x\n", "title: |\n  block\n", "title: >\n  folded\n",
            "title: a\ntitle: b\n", "on: x\n", "  indented: x\n", "- item\n", "%YAML 1.1\n", "title: @at\n", "title: `tick`\n",
            "title: \"unclosed\n", "title: -dash\n", "title: {flow: map}\n", "key with space: x\n", "\"quoted key\": x\n", "",
        ]
        for yaml in leftToYams {
            XCTAssertNil(FlatFrontMatter.read(yaml, firstLine: 2), "should be left to Yams:\n\(yaml)")
        }
    }
}
