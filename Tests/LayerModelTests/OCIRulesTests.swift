import Foundation
import XCTest
@testable import LayerModel

/// Layer, history and config counts of every sample and fixture Dockerfile, checked against
/// rules written down from the specifications rather than from the model's code:
///
/// - OCI image-spec, config.md, `history`: "empty_layer … is used to mark if the history
///   item created a filesystem diff"; and `rootfs.diff_ids` holds one diff id per layer,
///   "in order from first to last". So the non-empty history entries and the layers pair up.
/// - Docker docs, "Dockerfile reference" / "Image layers" (docs.docker.com/build/guide/layers):
///   RUN, COPY and ADD create layers; the other instructions create temporary intermediate
///   images and do not increase the size of the build (they only change the config).
/// - BuildKit's dockerfile2llb (dispatchWorkdir): WORKDIR creates its folder when missing
///   and commits that as a layer; ARG and FROM add no history entry.
final class OCIRulesTests: XCTestCase {
    static let layerKeywords: Set<String> = ["RUN", "COPY", "ADD"]

    /// What the rules predict for the final stage of `dockerfile`, its base counted separately.
    struct Expectation {
        var history = 0
        /// RUN, COPY and ADD: always a layer.
        var layers = 0
        /// WORKDIR: a layer only when it creates its folder, so between 0 and this many.
        var workdirs = 0
    }

    static func expectation(for dockerfile: Dockerfile) -> Expectation {
        var expectation = Expectation()
        for instruction in dockerfile.instructions {
            switch instruction.keyword {
            case "FROM": expectation = Expectation()
            case "ARG": break
            case "WORKDIR":
                expectation.history += 1
                expectation.workdirs += 1
            default:
                expectation.history += 1
                if layerKeywords.contains(instruction.keyword) { expectation.layers += 1 }
            }
        }
        return expectation
    }

    /// The checks every built image must pass, whatever its Dockerfile.
    func assertFollowsTheSpec(_ image: Image, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        // config.md: one diff id per layer, and one non-empty history entry per layer, in order.
        XCTAssertEqual(image.history.filter { !$0.emptyLayer }.count, image.layers.count, label, file: file, line: line)
        XCTAssertEqual(OCIImageConfig(image).rootfs.diffIDs, image.layers.map(\.id.digest), label, file: file, line: line)
        for (entry, layer) in image.historyLayers {
            if let layer {
                XCTAssertEqual(entry.instruction, layer.instruction, label, file: file, line: line)
                XCTAssertTrue(["RUN", "COPY", "ADD", "WORKDIR", "COMMIT"].contains(entry.instruction.keyword), "\(label): \(entry.createdBy)", file: file, line: line)
            } else {
                XCTAssertFalse(Self.layerKeywords.contains(entry.instruction.keyword), "\(label): \(entry.createdBy) must make a layer", file: file, line: line)
                XCTAssertEqual(entry.size, 0, label, file: file, line: line)
            }
        }
        // Layer ids are content digests: equal content, equal id; the image id is the config's digest.
        for layer in image.layers {
            XCTAssertEqual(layer.id.digest, Layer.diffID(of: layer.changes), label, file: file, line: line)
        }
        XCTAssertEqual(image.id, "sha256:" + SHA256.hex(OCIImageConfig(image).canonicalJSON), label, file: file, line: line)
        XCTAssertTrue(ImageInspect.json(image).contains("\"Id\": \"\(image.id)\""), label, file: file, line: line)
        XCTAssertTrue(HistoryFormatter.table(image).split(separator: "\n").dropFirst().first.map { $0.hasPrefix(image.shortID) } ?? image.history.isEmpty,
                      "\(label): docker history's top row carries the image id", file: file, line: line)
    }

    func assertCounts(_ result: BuildResult, _ dockerfile: Dockerfile, base: Image?, _ label: String,
                      file: StaticString = #filePath, line: UInt = #line) {
        let image = result.image
        let expected = Self.expectation(for: dockerfile)
        let baseHistory = base?.history.count ?? 0, baseLayers = base?.layers.count ?? 0
        XCTAssertEqual(image.history.count, baseHistory + expected.history, "\(label): history entries", file: file, line: line)
        let own = image.layers.count - baseLayers
        XCTAssertTrue((expected.layers...(expected.layers + expected.workdirs)).contains(own),
                      "\(label): \(own) layers, expected \(expected.layers) plus up to \(expected.workdirs) WORKDIRs", file: file, line: line)
        assertFollowsTheSpec(image, label, file: file, line: line)
    }

    // MARK: The samples, with the numbers a reader can check with docker itself.

    func testTheSampleChainHasTheCountsDockerReports() throws {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        func build(_ folder: String, _ name: String) throws -> (BuildResult, Dockerfile) {
            let path = CatalogueTests.samples.appendingPathComponent("\(folder)/Dockerfile").path
            return (try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path, options: BuildOptions(name: name)),
                    try DockerfileParser.parseFile(atPath: path))
        }
        let (debian, debianFile) = try build("debian-buster-slim", "debian:buster-slim")
        let (python, pythonFile) = try build("python-3.9-slim", "python:3.9-slim")
        let (flask, flaskFile) = try build("flask-app", "flask-app")
        assertCounts(debian, debianFile, base: nil, "debian")
        assertCounts(python, pythonFile, base: debian.image, "python")
        assertCounts(flask, flaskFile, base: python.image, "flask-app")

        // ADD + CMD; two ENV, RUN, two ENV, RUN, RUN, CMD; WORKDIR (creates /usr/src/app), COPY, RUN, COPY, CMD.
        XCTAssertEqual(debian.image.layers.count, 1)
        XCTAssertEqual(debian.image.history.count, 2)
        XCTAssertEqual(python.image.layers.count, 4)
        XCTAssertEqual(python.image.history.count, 10)
        XCTAssertEqual(flask.image.layers.count, 8, "docker image inspect: 8 entries in RootFS.Layers")
        XCTAssertEqual(flask.image.history.count, 15, "docker history: 15 rows")
        XCTAssertEqual(flask.image.config.workingDir, "/usr/src/app")
        XCTAssertEqual(flask.image.config.cmd, ["gunicorn", "--bind", "0.0.0.0:5000", "coviddashboard:app"])
        XCTAssertEqual(flask.image.config.env.map { String($0.prefix { $0 != "=" }) }, ["PATH", "LANG", "GPG_KEY", "PYTHON_VERSION"])

        // Shared base layers: the very same digests in both images, so stored once.
        XCTAssertEqual(Array(flask.image.layers.prefix(4)), python.image.layers)
        XCTAssertEqual(flask.image.sharedLayerCount(with: python.image), 4)
        XCTAssertEqual(python.image.sharedLayerCount(with: debian.image), 1)
    }

    // MARK: Every fixture Dockerfile of the test suites.

    func testEveryParserFixtureThatBuildsFollowsTheRules() throws {
        var built = 0
        for url in try FixtureFiles.files(in: "parser/cases", withSuffix: ".Dockerfile") {
            guard let dockerfile = try? DockerfileParser.parseFile(atPath: url.path) else { continue }
            // Fixtures FROM a named earlier stage inherit that stage's history: the rules cover the final FROM only.
            let stageNames = Set(dockerfile.instructions.filter { $0.keyword == "FROM" && $0.args.count == 3 }.map { $0.args[2].lowercased() })
            let finalBase = dockerfile.instructions.last { $0.keyword == "FROM" }?.args.first?.lowercased() ?? ""
            guard let result = try? ImageBuilder().build(dockerfile, context: .empty) else { continue }
            built += 1
            if stageNames.contains(finalBase) {
                assertFollowsTheSpec(result.image, url.lastPathComponent)
            } else {
                assertCounts(result, dockerfile, base: nil, url.lastPathComponent)
            }
        }
        XCTAssertGreaterThan(built, 60, "most parser fixtures build")
    }

    func testCatalogueFixturesAndDiagramFixturesFollowTheRules() throws {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let python = try ImageBuilder(catalogue: catalogue).build(
            dockerfileAt: CatalogueTests.samples.appendingPathComponent("python-3.9-slim/Dockerfile").path,
            options: BuildOptions(name: "python:3.9-slim")).image
        let worker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DiagramsTests/Fixtures/dockerfiles/worker/Dockerfile")
        let result = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: worker.path, options: BuildOptions(name: "worker"))
        assertCounts(result, try DockerfileParser.parseFile(atPath: worker.path), base: python, "worker")
        XCTAssertEqual(result.image.layers.count, python.layers.count + 2, "WORKDIR creates /srv/worker, COPY adds worker.py")
        XCTAssertEqual(result.image.history.count, python.history.count + 3)
    }

    // MARK: The output formats.

    func testHistoryTableLooksLikeDockerHistoryOfABuildKitImage() throws {
        let image = try buildText("FROM scratch\nENV A=1\nCOPY a /a\nCMD [\"x\", \"y\"]\n", files: ["a": 1_234_567]).image
        let lines = HistoryFormatter.table(image).split(separator: "\n").map(String.init)
        // The CLI's tabwriter: minimum width 10, padding 3; IMAGE is 12 digits wide.
        XCTAssertEqual(lines[0], "IMAGE          CREATED BY             SIZE      COMMENT")
        XCTAssertEqual(lines[1], "\(image.shortID)   CMD [\"x\" \"y\"]          0B        buildkit.dockerfile.v0")
        XCTAssertEqual(lines[2], "<missing>      COPY a /a # buildkit   1.23MB    buildkit.dockerfile.v0")
        XCTAssertEqual(lines[3], "<missing>      ENV A=1                0B        buildkit.dockerfile.v0")
        XCTAssertEqual(lines.count, 4)
        let full = HistoryFormatter.table(image, truncate: false)
        XCTAssertTrue(full.contains(image.id), "--no-trunc prints the whole image id")
    }

    func testInspectPrintsRootFSAndConfigLikeDockerImageInspect() throws {
        let image = try buildText("""
            FROM scratch
            WORKDIR /app
            ENV A=1
            COPY a .
            EXPOSE 80
            LABEL b=2
            USER app
            CMD ["x"]
            """, files: ["a": 3], options: BuildOptions(name: "demo")).image
        let json = ImageInspect.json(image)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed.count, 1)
        let object = parsed[0]
        XCTAssertEqual(object["Id"] as? String, image.id)
        XCTAssertEqual(object["RepoTags"] as? [String], ["demo:latest"])
        let rootfs = try XCTUnwrap(object["RootFS"] as? [String: Any])
        XCTAssertEqual(rootfs["Type"] as? String, "layers")
        XCTAssertEqual(rootfs["Layers"] as? [String], image.layers.map(\.id.digest))
        XCTAssertEqual((rootfs["Layers"] as? [String])?.count, 2, "WORKDIR /app and COPY; ENV, EXPOSE, LABEL, USER, CMD make none")
        let config = try XCTUnwrap(object["Config"] as? [String: Any])
        XCTAssertEqual(config["WorkingDir"] as? String, "/app")
        XCTAssertEqual(config["User"] as? String, "app")
        XCTAssertEqual(config["Cmd"] as? [String], ["x"])
        XCTAssertEqual(config["Env"] as? [String], ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1"])
        XCTAssertEqual((config["ExposedPorts"] as? [String: Any])?.keys.sorted(), ["80/tcp"])
        XCTAssertEqual(config["Labels"] as? [String: String], ["b": "2"])
        XCTAssertTrue(json.hasPrefix("[\n    {\n        \"Id\": "), "four-space indent like the docker CLI")
    }
}
