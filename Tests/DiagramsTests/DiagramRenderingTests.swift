import XCTest
@testable import Diagrams
import LayerModel

final class DiagramRenderingTests: XCTestCase {
    func testGoldenFiles() throws {
        for testCase in RenderCase.all {
            Golden.assertMatches(try testCase.render(), named: testCase.name)
        }
    }

    func testEveryDiagramIsWellFormedAndAccessible() throws {
        for testCase in RenderCase.all {
            let xml = try testCase.render()
            let parsed = XMLInspector.parse(xml)
            XCTAssertNil(parsed.error, "\(testCase.name) is not well-formed: \(String(describing: parsed.error))")
            guard let root = parsed.elements.first else { return XCTFail("\(testCase.name): empty") }
            XCTAssertEqual(root.name, "svg")
            XCTAssertEqual(root.attributes["role"], "img", testCase.name)
            XCTAssertNotNil(root.attributes["viewBox"], testCase.name)
            let labelledBy = root.attributes["aria-labelledby"]?.split(separator: " ").map(String.init) ?? []
            XCTAssertEqual(labelledBy.count, 2, testCase.name)
            let labelNames = parsed.elements.filter { labelledBy.contains($0.attributes["id"] ?? "") }.map(\.name)
            XCTAssertEqual(labelNames, ["title", "desc"], testCase.name)
            // Nothing external or active: no scripts, images, links, foreign objects or fonts.
            for element in parsed.elements {
                XCTAssertFalse(["script", "image", "a", "foreignObject", "use", "font-face"].contains(element.name),
                               "\(testCase.name) has <\(element.name)>")
                for (name, value) in element.attributes {
                    XCTAssertFalse(name.hasPrefix("on") || name.contains("href"), "\(testCase.name): \(name)")
                    XCTAssertFalse(value.contains("url("), "\(testCase.name): \(name)=\(value)")
                }
            }
            XCTAssertFalse(xml.contains("@import") || xml.contains("@font-face") || xml.contains("url("), testCase.name)
        }
    }

    func testIdsAreUniqueAndCarryTheDiagramsPrefix() throws {
        var seen: [String: String] = [:]
        for testCase in RenderCase.all {
            let parsed = XMLInspector.parse(try testCase.render())
            let prefix = try XCTUnwrap(parsed.elements.first?.attributes["id"])
            for id in parsed.ids {
                XCTAssertTrue(id.hasPrefix(prefix), "\(testCase.name): \(id)")
                // Every diagram may sit on the same page: no id may repeat across them.
                XCTAssertNil(seen[id], "\(id) in both \(testCase.name) and \(seen[id] ?? "")")
                seen[id] = testCase.name
            }
        }
    }

    func testRenderingIsDeterministic() throws {
        for testCase in RenderCase.all {
            XCTAssertEqual(try testCase.render(), try testCase.render(), testCase.name)
        }
    }

    func testCallerChosenPrefixIsSanitisedAndUsed() throws {
        let svg = try DiagramRenderer.render(.chain, image: SampleImages.flask,
                                             options: DiagramOptions(idPrefix: "post 1\"><x"))
        XCTAssertTrue(svg.contains("id=\"post-1---x\""))
        XCTAssertTrue(svg.contains("#post-1---x .layer-fs"))
    }

    func testHostileTextIsInertAndShownLiterally() throws {
        for testCase in RenderCase.all where testCase.name.hasPrefix("hostile") {
            let xml = try testCase.render()
            XCTAssertFalse(xml.contains("<script"), testCase.name)
            XCTAssertFalse(xml.contains("</svg><"), testCase.name)
            XCTAssertEqual(xml.components(separatedBy: "</svg>").count, 2, "one closing tag only: \(testCase.name)")
            let parsed = XMLInspector.parse(xml)
            XCTAssertNil(parsed.error, testCase.name)
            // After parsing, the reader sees exactly what the Dockerfile said.
            XCTAssertTrue(parsed.text.contains("evil</svg><script>alert(1)</script>&amp;"), testCase.name)
        }
        let stack = XMLInspector.parse(try DiagramRenderer.render(.stack, image: SampleImages.hostile))
        XCTAssertTrue(stack.text.contains("RUN echo '</svg><script>alert(\"x\")</script>' && echo \"a & b\" > /tmp/<x>"))
        XCTAssertTrue(stack.text.contains("RUN <<EOF"), "a heredoc RUN is one layer row")
    }

    func testLongInstructionsAreShortenedAndKeepTheFullTextAsTooltip() throws {
        let xml = try DiagramRenderer.render(.stack, image: SampleImages.hostile)
        let label = try XCTUnwrap(SampleImages.hostile.layers.last { $0.instruction.keyword == "COPY" }?.instruction.text)
        XCTAssertTrue(xml.contains("<title>" + XMLEscaping.text(label) + "</title>"))
        XCTAssertTrue(xml.contains("COPY --chown=app:app very-long-path-segment/"))
        XCTAssertTrue(xml.contains("…"))
    }

    func testStackDrawsOnlyRealLayersAndTheConfigAsACard() throws {
        let xml = try DiagramRenderer.render(.stack, image: SampleImages.flask)
        let parsed = XMLInspector.parse(xml)
        let fs = parsed.elements.filter { $0.attributes["class"] == "layer-fs" }
        // The legend adds one swatch; config-only steps are never drawn as layers.
        XCTAssertEqual(fs.count - 1, SampleImages.flask.layers.count)
        XCTAssertFalse(parsed.elements.contains { $0.attributes["class"] == "layer-empty" })
        XCTAssertTrue(fs.allSatisfy { $0.attributes["stroke-dasharray"] == nil })
        let image = SampleImages.flask
        XCTAssertTrue(parsed.text.contains("config and history of flask-app (not layers)"))
        XCTAssertTrue(parsed.text.contains("docker history shows \(image.history.count) rows: \(image.layers.count) point at the layers"),
                      parsed.text)
        // Every layer's byte size is written, and a bigger layer is drawn taller.
        for layer in image.layers { XCTAssertTrue(parsed.text.contains(Draw.size(layer.size)), Draw.size(layer.size)) }
        let heights = fs.dropLast().compactMap { $0.attributes["height"].flatMap(Double.init) }
        XCTAssertGreaterThan(heights.max() ?? 0, heights.min() ?? 0)
        for origin in ["debian:buster-slim", "python:3.9-slim", "flask-app", "scratch"] {
            XCTAssertTrue(parsed.text.contains(origin), origin)
        }
        // The 3 layers of debian and python are shared; the app's 4 are not (one legend swatch).
        XCTAssertEqual(parsed.elements.filter { $0.attributes["class"] == "shared-mark" }.count, 3 + 1)
    }

    func testContainerShowsWriteCopyUpAndWhiteout() throws {
        let parsed = XMLInspector.parse(try RenderCase.all[1].render())
        XCTAssertTrue(parsed.text.contains("/usr/src/app/instance/app.log"))
        XCTAssertTrue(parsed.text.contains("written in the container"))
        XCTAssertTrue(parsed.text.contains("copied up from debian:buster-slim (ADD rootfs.tar.xz /), then modified"))
        XCTAssertTrue(parsed.text.contains("whiteout: 0/0 device, .wh.motd when committed"), parsed.text)
        XCTAssertTrue(parsed.text.contains("container layer (read-write)"))
    }

    func testProcessCountsComeFromTheBuildAndTheCommit() throws {
        let parsed = XMLInspector.parse(try RenderCase.all[4].render())
        XCTAssertTrue(parsed.text.contains("6 instructions"), parsed.text)
        XCTAssertTrue(parsed.text.contains("7 layers, 13 history entries"))
        XCTAssertTrue(parsed.text.contains("3 changes"))
        XCTAssertTrue(parsed.text.contains("8 layers (one more)"))
    }

    func testSharedViewCountsTheCommonPrefix() throws {
        let parsed = XMLInspector.parse(try RenderCase.all[5].render())
        XCTAssertTrue(parsed.text.contains("shared by both: 3 layers, stored once (from debian:buster-slim, python:3.9-slim)"))
        XCTAssertTrue(parsed.text.contains("only in flask-app: 4 layers"))
        XCTAssertTrue(parsed.text.contains("only in worker: 2 layers"))
        let base = XMLInspector.parse(try RenderCase.all[6].render())
        XCTAssertTrue(base.text.contains("only in python:3.9-slim: 0 layers"))
    }

    func testChainListsEveryImageWithItsCounts() throws {
        let parsed = XMLInspector.parse(try DiagramRenderer.render(.chain, image: SampleImages.flask))
        XCTAssertTrue(parsed.text.contains("adds 4 layers, 5 history entries"))
        XCTAssertTrue(parsed.text.contains("adds 2 layers, 6 history entries"))
        XCTAssertTrue(parsed.text.contains("adds 1 layer, 2 history entries"))
        XCTAssertTrue(parsed.text.contains("the empty image: no layers"))
        XCTAssertTrue(parsed.text.contains("7 layers in all"))
    }

    func testImpossibleContainerChangeIsAnError() {
        XCTAssertThrowsError(try DiagramRenderer.render(.container, image: SampleImages.flask,
                                                        options: DiagramOptions(changes: [.modify(path: "/nope")]))) { error in
            guard case DiagramError.containerChange(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nope")
        }
    }

    func testEmptyImageStillDrawsEveryView() throws {
        let empty = Image(name: "empty", layers: [], history: [], config: ImageConfig(), chain: [])
        for view in DiagramView.allCases {
            let parsed = XMLInspector.parse(try DiagramRenderer.render(view, image: empty))
            XCTAssertNil(parsed.error, view.rawValue)
        }
    }
}

final class DiagramRendererEdgeTests: XCTestCase {
    func testSharedWithoutOtherComparesWithTheOpaqueBase() throws {
        let run = InstructionSource(keyword: "RUN", text: "RUN apk add curl", file: nil, startLine: 2, endLine: 2)
        let opaque = Image(name: "tool", layers: [
            Layer(instruction: run, createdBy: "RUN apk add curl", origin: "tool", changes: []),
        ], history: [
            HistoryEntry(createdBy: "RUN apk add curl", comment: nil, emptyLayer: false, instruction: run, origin: "tool", size: 0),
        ], config: ImageConfig(), chain: [
            ChainLink(name: "alpine:3.19", reference: nil, dockerfilePath: nil, layerCount: 0, historyCount: 0,
                      isOpaque: true),
            ChainLink(name: "tool", reference: nil, dockerfilePath: nil, layerCount: 1, historyCount: 1,
                      isOpaque: false),
        ])
        let shared = XMLInspector.parse(try DiagramRenderer.render(.shared, image: opaque))
        XCTAssertTrue(shared.text.contains("alpine:3.19 and tool"))
        XCTAssertTrue(shared.text.contains("no layers in common"))
        let stack = XMLInspector.parse(try DiagramRenderer.render(.stack, image: opaque))
        XCTAssertTrue(stack.text.contains("alpine:3.19 · base image not in the catalogue, layers not shown"))
    }

    func testAnAlreadyChangedContainerIsDrawnAsIs() throws {
        var container = Container(image: SampleImages.flask, name: "web")
        try container.write("/srv/new.txt", size: 10)
        try container.delete("/etc/motd")
        let svg = DiagramRenderer.render(container: container)
        let parsed = XMLInspector.parse(svg)
        XCTAssertNil(parsed.error)
        XCTAssertTrue(parsed.text.contains("/srv/new.txt"))
        XCTAssertTrue(parsed.text.contains("whiteout: 0/0 device, .wh.motd when committed"), parsed.text)
        XCTAssertEqual(svg, DiagramRenderer.render(container: container))
        XCTAssertTrue(DiagramRenderer.render(container: container, idPrefix: "c1").contains("id=\"c1\""))
    }
}
