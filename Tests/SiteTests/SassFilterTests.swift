import Foundation
import XCTest
@testable import Site

/// `sassify` and `scssify` as jekyll-sass-converter's filters give them: the site's style
/// and `_sass` load path, no source map, and a Sass error located at the filter.
final class SassFilterTests: XCTestCase {
    func testFiltersCompileWithTheSitesSassSettings() throws {
        let root = try SiteFixture.temporaryFolder(self)
        let files = [
            "_config.yml": "sass:\n  style: compressed\n",
            "_sass/_ink.scss": "$ink: #123456;\n",
            "index.html": "---\nscss: '@import \"ink\"; p { color: $ink; }'\n---\n{{ page.scss | scssify }}|",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("---\nindented: \"a\\n  b: 1px\\n\"\n---\n{{ page.indented | sassify }}".utf8).write(to: root.appendingPathComponent("b.html"))
        _ = try SiteFixture.build(root)
        XCTAssertEqual(try SiteFixture.read(root, "_site/b.html"), "a{b:1px}\n")
        XCTAssertEqual(try SiteFixture.read(root, "_site/index.html"), "p{color:#123456}\n|")

        try Data("---\nscss: 'p { color: $nope; }'\n---\nx\n{{ page.scss | scssify }}".utf8).write(to: root.appendingPathComponent("index.html"))
        let message = SiteFixture.failure(root)
        XCTAssertTrue(message.contains("index.html:5:16:"), message)
        XCTAssertTrue(message.contains("Sass: Undefined variable"), message)
    }
}
