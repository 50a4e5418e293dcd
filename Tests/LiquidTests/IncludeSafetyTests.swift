import Foundation
import Liquid
import XCTest

/// The directory loaders never read outside their root, whatever the include name or symlinks say.
final class IncludeSafetyTests: XCTestCase {
    private var site: URL!

    override func setUpWithError() throws {
        site = FileManager.default.temporaryDirectory.appendingPathComponent("strata-liquid-\(UUID().uuidString)")
        let includes = site.appendingPathComponent("_includes")
        try FileManager.default.createDirectory(at: includes.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "inside {{ include.x }}".write(to: includes.appendingPathComponent("ok.html"), atomically: true, encoding: .utf8)
        try "nested".write(to: includes.appendingPathComponent("sub/n.html"), atomically: true, encoding: .utf8)
        try "SECRET".write(to: site.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: includes.appendingPathComponent("escape.html"),
                                                   withDestinationURL: site.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: includes.appendingPathComponent("linkdir"), withDestinationURL: site)
        try "rel {% include_relative part.md %}".write(to: site.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        try "part".write(to: site.appendingPathComponent("part.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: site)
    }

    private func engine() -> LiquidEngine {
        var config = LiquidConfiguration()
        config.includeLoader = DirectoryIncludeLoader(root: site.appendingPathComponent("_includes"), displayRoot: "_includes")
        config.relativeIncludeLoader = RelativeIncludeLoader(root: site)
        return LiquidEngine(configuration: config)
    }

    private func render(_ source: String, path: String = "index.html") throws -> Rendered {
        let e = engine()
        return try e.render(e.parse(source: source, path: path), variables: ["name": "../secret.txt"])
    }

    func testIncludesInsideTheFolderWork() throws {
        let r = try render("{% include ok.html x=1 %}|{% include sub/n.html %}")
        XCTAssertEqual(r.output, "inside 1|nested")
        XCTAssertEqual(r.includedPaths, ["_includes/ok.html", "_includes/sub/n.html"])
    }

    func testEscapingNamesAreRefusedWithoutReading() {
        for source in ["{% include ../secret.txt %}", "{% include /etc/passwd %}", "{% include sub/../../secret.txt %}",
                       "{% include {{ name }} %}", "{% include escape.html %}", "{% include linkdir/secret.txt %}"] {
            XCTAssertThrowsError(try render(source), source) { error in
                let message = (error as? LiquidError)?.message ?? ""
                XCTAssertFalse(message.contains("SECRET"), message)
                XCTAssertTrue(message.contains("outside") || message.contains("not allowed") || message.contains("absolute"), "\(source): \(message)")
            }
        }
    }

    func testMissingIncludeIsALocatedError() {
        XCTAssertThrowsError(try render("\n  {% include nope.html %}")) { error in
            let e = error as? LiquidError
            XCTAssertEqual(e?.line, 2)
            XCTAssertEqual(e?.column, 3)
            XCTAssertTrue(e?.message.contains("nope.html") ?? false)
        }
    }

    func testIncludeRelativeReadsBesideTheIncludingFile() throws {
        let e = engine()
        let page = try e.template(forPath: "page.md") { () throws(LiquidError) in
            (try! String(contentsOf: self.site.appendingPathComponent("page.md"), encoding: .utf8), 0)
        }
        XCTAssertEqual(try e.render(page, variables: [:]).output, "rel part")
        XCTAssertThrowsError(try e.render(e.parse(source: "{% include_relative ../x %}", path: "page.md"), variables: [:]))
    }

    func testDepthLimitStopsSelfRecursion() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["r.html": "{% include r.html n=include.n %}"])
        let e = LiquidEngine(configuration: config)
        XCTAssertThrowsError(try e.render(e.parse(source: "{% include r.html n=1 %}", path: "p"), variables: [:])) { error in
            let err = error as? LiquidError
            XCTAssertEqual(err?.file, "r.html")
            XCTAssertEqual(err?.notes.count, 100)
            XCTAssertTrue(err?.message.hasPrefix("include cycle: r.html → r.html") ?? false, err?.message ?? "")
            XCTAssertLessThan(err?.description.split(separator: "\n").count ?? 0, 15)
        }
    }
}
