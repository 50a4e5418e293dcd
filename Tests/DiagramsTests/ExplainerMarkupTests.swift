import Foundation
import XCTest
@testable import Diagrams
import LayerModel

/// The explainer's HTML: static fallback, embedded JSON that survives hostile text, options.
final class ExplainerMarkupTests: XCTestCase {
    /// The figure for the sample flask image.
    static func figure() throws -> String {
        let dockerfile = try DockerfileParser.parse(ExplainerStoryTests.source, path: "app/Dockerfile")
        return try Explainer.html(dockerfile: dockerfile, source: ExplainerStoryTests.source, displayPath: "app/Dockerfile",
                                  image: SampleImages.flask)
    }

    func html(image: Image = SampleImages.flask, source: String = ExplainerStoryTests.source, id: String = "explainer") throws -> String {
        let dockerfile = try DockerfileParser.parse(source, path: "app/Dockerfile")
        return try Explainer.html(dockerfile: dockerfile, source: source, displayPath: "app/Dockerfile", image: image, id: id)
    }

    func embeddedJSON(_ html: String) throws -> String {
        let open = try XCTUnwrap(html.range(of: "<script type=\"application/json\" class=\"explainer-data\">"))
        let close = try XCTUnwrap(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        return String(html[open.upperBound..<close.lowerBound])
    }

    func testStaticVersionHasTheStepsTheDockerfileAndTheDiagrams() throws {
        let html = try html()
        XCTAssertTrue(html.hasPrefix("<figure class=\"explainer\" id=\"explainer\" data-explainer data-hash-prefix=\"explainer-step-\""))
        XCTAssertEqual(html.components(separatedBy: "<li>").count - 1, 18, "one list item per step")
        XCTAssertTrue(html.contains("<pre class=\"explainer-static-dockerfile\""))
        XCTAssertTrue(html.contains("COPY requirements.txt ./"))
        XCTAssertEqual(html.components(separatedBy: "<div class=\"explainer-static-diagram\"><svg").count - 1, 2)
        // Each view drawn wide, then narrow for phones (CSS shows one), with ids of its own.
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4)
        XCTAssertEqual(html.components(separatedBy: " strata-diagram-narrow\"").count - 1, 2)
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"explainer-process-narrow\""))
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"explainer-container-narrow\""))
        XCTAssertTrue(html.hasSuffix("</figure>"))
    }

    func testStaticStepsShowEachCommandBeforeItIsUsedAndDockersOutput() throws {
        let html = try html()
        let build = try XCTUnwrap(html.range(of: "<code>$ docker build --progress=plain -t flask-app .</code>"))
        let run = try XCTUnwrap(html.range(of: "<code>$ docker run -d --name flask-app-1 flask-app</code>"))
        let commit = try XCTUnwrap(html.range(of: "<code>$ docker commit flask-app-1 flask-app-committed</code>"))
        XCTAssertLessThan(build.lowerBound, run.lowerBound, "the tag is built before a step runs it")
        XCTAssertLessThan(run.lowerBound, commit.lowerBound, "the name is given before a step commits it")
        // The model has no build times, so the command leaves out CREATED as its output does.
        XCTAssertTrue(html.contains("<code>$ docker history --format \"table {{.ID}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}\" flask-app</code>"), html)
        XCTAssertTrue(html.contains("IMAGE          CREATED BY"), "docker history's output, computed from the model")
        XCTAssertTrue(html.contains("D /etc/motd"), "docker diff's output")
        XCTAssertTrue(html.contains("#8 [4/5] RUN pip install --no-cache-dir -r requirements.txt"), "docker build's output")
    }

    func testStaticDiagramsAgreeWithTheStory() throws {
        let html = try html()
        let story = try JSONDecoder().decode(ExplainerStory.self, from: Data(try embeddedJSON(html).utf8))
        let svgs = html.components(separatedBy: "<svg").dropFirst().joined()
        XCTAssertTrue(svgs.contains(story.images[1].name), "the committed image has the same name in the picture")
        let image = story.images[0]
        XCTAssertTrue(svgs.contains("\(image.layers.count) layers, \(image.historyCount) history entries"), "the same layer counts")
        let changed = story.steps.last { $0.phase == .delete }?.container?.changes.map(\.path) ?? []
        XCTAssertEqual(changed.count, 3)
        for path in changed { XCTAssertTrue(svgs.contains(path), "the container picture shows \(path)") }
    }

    func testEmbeddedJSONDecodesToTheStory() throws {
        let json = try embeddedJSON(try html())
        let decoded = try JSONDecoder().decode(ExplainerStory.self, from: Data(json.utf8))
        let dockerfile = try DockerfileParser.parse(ExplainerStoryTests.source, path: "app/Dockerfile")
        let expected = try ExplainerStoryBuilder.story(dockerfile: dockerfile, source: ExplainerStoryTests.source,
                                                       displayPath: "app/Dockerfile", image: SampleImages.flask)
        XCTAssertEqual(decoded, expected)
    }

    func testHostileTextCannotEndTheScriptOrInjectMarkup() throws {
        let source = "FROM python:3.9-slim\nRUN echo '</script><!--<script>alert(1)</script>' && echo \"a & b\" > /tmp/<x>\n"
        let html = try html(image: SampleImages.hostile, source: source, id: "x\" onload=\"alert(1)")
        let json = try embeddedJSON(html)
        XCTAssertFalse(json.contains("<"), "every < in the JSON is escaped")
        XCTAssertFalse(json.contains(">"))
        let decoded = try JSONDecoder().decode(ExplainerStory.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.dockerfile.lines[1], "RUN echo '</script><!--<script>alert(1)</script>' && echo \"a & b\" > /tmp/<x>")
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1, "only the data script element")
        XCTAssertFalse(html.contains("onload=\""))
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;!--"))
    }

    func testOptionsFromAttributes() throws {
        let options = try ExplainerOptions(attributes: ["write": "/app/a.txt:120", "modify": " /etc/motd ", "delete": "/etc/hosts",
                                                        "container": "web"])
        XCTAssertEqual(options, ExplainerOptions(write: "/app/a.txt", writeSize: 120, modify: "/etc/motd", delete: "/etc/hosts",
                                                 containerName: "web"))
        XCTAssertEqual(try ExplainerOptions(attributes: ["write": "/a"]).writeSize, ExplainerOptions.defaultWriteSize)
        XCTAssertEqual(try ExplainerOptions(attributes: ["id": "x"], ignoring: ["id"]), ExplainerOptions())
    }

    func testBadOptionsSayWhatWasExpected() {
        let cases: [([String: String], String)] = [
            (["writ": "/a"], "invalid explainer option writ=\"/a\": expected one of write, modify, delete, container"),
            (["modify": "etc/motd"], "invalid explainer option modify=\"etc/motd\": expected one absolute path starting with '/'"),
            (["delete": "/a, /b"], "invalid explainer option delete=\"/a, /b\": expected one absolute path starting with '/'"),
            (["write": "/a:big"], "invalid explainer option write=\"/a:big\": expected '/path' or '/path:size' with a size in bytes"),
            (["container": "my box"], "invalid explainer option container=\"my box\": expected a name without spaces"),
        ]
        for (attributes, message) in cases {
            XCTAssertThrowsError(try ExplainerOptions(attributes: attributes)) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }
}
