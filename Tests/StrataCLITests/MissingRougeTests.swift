import Foundation
import XCTest

/// Without Rouge, code in every language but Dockerfile is plain (docs/markdown.md);
/// `strata build` says so once, with how to install it, so grey code is not a mystery.
final class MissingRougeTests: XCTestCase {
    private let site = [
        "_config.yml": "title: P\n",
        "_posts/2024-01-02-a.md": """
        ---
        ---
        ```python
        print("a")
        ```

        ```dockerfile
        FROM scratch
        ```

        ```text
        plain by choice
        ```
        """,
        "_posts/2024-01-03-b.md": """
        ---
        ---
        ```yaml
        a: 1
        ```

        {% highlight ruby %}
        puts 1
        {% endhighlight %}
        """,
    ]

    func testABuildWithoutRougeWarnsOnceAndSaysHowToInstallIt() throws {
        let root = try StrataRunner.site(site, for: self)
        // A PATH without ruby: `/usr/bin/env ruby` finds nothing, as on a machine without Ruby.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("strata-no-ruby-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: empty) }
        let run = try StrataRunner.run(["build", "--source", root.path], environment: ["PATH": empty.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "left without colours").count - 1, 1, "one warning per build: \(run.stderr)")
        // Python, YAML and Ruby: not the Dockerfile, not the plain text.
        XCTAssertTrue(run.stderr.contains("warning: 3 code blocks left without colours: Rouge"), run.stderr)
        XCTAssertTrue(run.stderr.contains("ruby-rouge"), run.stderr)
        let post = try String(contentsOf: root.appendingPathComponent("_site/2024/01/02/a.html"), encoding: .utf8)
        XCTAssertTrue(post.contains("print(&quot;a&quot;)") || post.contains("print(\"a\")"), post)
    }

    func testABuildWithRougeSaysNothingAboutIt() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["ruby", "-e", "require 'rouge'"]
        check.standardError = Pipe()
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else { throw XCTSkip("Rouge is not installed here") }
        let root = try StrataRunner.site(site, for: self)
        let run = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("without colours"), run.stderr)
        let post = try String(contentsOf: root.appendingPathComponent("_site/2024/01/02/a.html"), encoding: .utf8)
        XCTAssertTrue(post.contains("<span class=\"k\">print</span>"), post)
    }
}
