import Foundation
import XCTest
@testable import Diagrams
import LayerModel

/// Diagrams of real builds: the site's catalogue (content/dockerfiles) and fixture
/// Dockerfiles built on it, through the LayerModel builder.
final class CatalogueDiagramTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cataloguePath = repositoryRoot.appendingPathComponent("content/dockerfiles").path

    func fixture(_ name: String) throws -> String {
        try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/dockerfiles/\(name)/Dockerfile", withExtension: nil)).path
    }

    /// A built Dockerfile: the image, and the parsed file the process view counts.
    struct Built {
        var image: Image
        var dockerfile: Dockerfile?
    }

    func built(_ path: String) throws -> Built {
        let catalogue = try Catalogue.load(directory: Self.cataloguePath)
        let result = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path)
        return Built(image: result.image, dockerfile: try DockerfileParser.parseFile(atPath: path))
    }

    var flask: Built {
        get throws { try built(Self.cataloguePath + "/flask-app/Dockerfile") }
    }

    static let changes = DiagramOptions(changes: [
        .write(path: "/usr/src/app/instance/app.log", size: 2_048),
        .modify(path: "/etc/passwd"),
        .delete(path: "/etc/motd"),
    ])

    func cases() throws -> [(name: String, svg: String)] {
        let flask = try self.flask
        let worker = try built(try fixture("worker"))
        let hostile = try built(try fixture("hostile"))
        var result: [(String, String)] = []
        for view in DiagramView.allCases {
            let options = view == .container || view == .process ? Self.changes : DiagramOptions()
            result.append(("catalogue-flask-app-\(view.rawValue).svg",
                           try DiagramRenderer.render(view, image: flask.image, dockerfile: flask.dockerfile, options: options)))
            // The phone drawing of what the post shows.
            var narrow = options
            narrow.layout = .narrow
            result.append(("catalogue-flask-app-\(view.rawValue)-narrow.svg",
                           try DiagramRenderer.render(view, image: flask.image, dockerfile: flask.dockerfile, options: narrow)))
            let hostileOptions = view == .container || view == .process
                ? DiagramOptions(changes: [.write(path: "/tmp/</svg>&amp;", size: 3), .modify(path: "/etc/passwd")])
                : DiagramOptions()
            result.append(("catalogue-hostile-\(view.rawValue).svg",
                           try DiagramRenderer.render(view, image: hostile.image, dockerfile: hostile.dockerfile,
                                                      options: hostileOptions)))
        }
        result.append(("catalogue-flask-app-shared-worker.svg",
                       try DiagramRenderer.render(.shared, image: flask.image, other: worker.image)))
        return result
    }

    func testGoldenFilesOfTheCatalogue() throws {
        for (name, svg) in try cases() {
            Golden.assertMatches(svg, named: name)
            // Goldens must not depend on where the repository is checked out.
            XCTAssertFalse(svg.contains(Self.repositoryRoot.path), "\(name) contains a local path")
        }
    }

    func testCatalogueDiagramsAreWellFormedWithUniqueIds() throws {
        var seen = Set<String>()
        for (name, svg) in try cases() {
            let parsed = XMLInspector.parse(svg)
            XCTAssertNil(parsed.error, name)
            for id in parsed.ids { XCTAssertTrue(seen.insert(id).inserted, "\(name): duplicate id \(id)") }
        }
    }

    func testTheFlaskStackShowsTheWholeChainWithRealCounts() throws {
        let flask = try self.flask
        let parsed = XMLInspector.parse(try DiagramRenderer.render(.stack, image: flask.image))
        for origin in ["scratch", "debian:buster-slim", "python:3.9-slim", "flask-app"] {
            XCTAssertTrue(parsed.text.contains(origin), origin)
        }
        XCTAssertTrue(parsed.text.contains("RUN pip install --no-cache-dir -r requirements.txt"))
        let ownCount = flask.image.layers.filter { $0.origin == "flask-app" }.count
        XCTAssertTrue(parsed.text.contains("\(ownCount) layers"), parsed.text)
        XCTAssertEqual(parsed.text.components(separatedBy: "contents: sample data").count - 1, 2,
                       "debian's and python's files come from the catalogue's sample listings, and say so")
        XCTAssertTrue(parsed.text.contains("docker history shows 15 rows: 8 point at the layers, 7 are empty_layer entries"), parsed.text)
    }

    func testProcessCountsTheRealDockerfile() throws {
        let flask = try self.flask
        let parsed = XMLInspector.parse(try DiagramRenderer.render(.process, image: flask.image,
                                                                   dockerfile: flask.dockerfile, options: Self.changes))
        let instructions = try XCTUnwrap(flask.dockerfile).instructions.count
        XCTAssertTrue(parsed.text.contains("\(instructions) instructions"))
        XCTAssertTrue(parsed.text.contains("\(flask.image.layers.count) layers, \(flask.image.history.count) history entries"))
        XCTAssertTrue(parsed.text.contains("\(flask.image.layers.count + 1) layers (one more)"))
        XCTAssertTrue(parsed.text.contains("3 changes"))
    }

    func testAHostileDockerfileStaysInert() throws {
        let hostile = try built(try fixture("hostile"))
        for view in DiagramView.allCases {
            let svg = try DiagramRenderer.render(view, image: hostile.image)
            XCTAssertFalse(svg.contains("<script"), view.rawValue)
            XCTAssertFalse(svg.contains("<b>"), view.rawValue)
            XCTAssertEqual(svg.components(separatedBy: "</svg>").count, 2, view.rawValue)
        }
        let stack = XMLInspector.parse(try DiagramRenderer.render(.stack, image: hostile.image))
        XCTAssertTrue(stack.text.contains("Label title=</svg><script>alert('x')</script> & <b>bold</b>"), stack.text)
    }
}
