import Foundation
import XCTest
@testable import LayerModel

final class CatalogueTests: XCTestCase {
    /// The repository's own samples, which the post's diagrams are drawn from.
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("content/dockerfiles")

    func sampleBuild(_ folder: String, name: String? = nil) throws -> BuildResult {
        let catalogue = try Catalogue.load(directory: Self.samples.path)
        let path = Self.samples.appendingPathComponent(folder).appendingPathComponent("Dockerfile").path
        return try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path, options: BuildOptions(name: name))
    }

    func testFlaskAppExpandsTheWholeChainDownToScratch() throws {
        let result = try sampleBuild("flask-app")
        let image = result.image
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(image.name, "flask-app")
        XCTAssertEqual(image.chain.map(\.name), ["scratch", "debian:buster-slim", "python:3.9-slim", "flask-app"])
        XCTAssertEqual(image.chain.map(\.layerCount), [0, 1, 3, 4])
        XCTAssertEqual(image.chain.map(\.historyCount), [0, 2, 8, 5])
        XCTAssertEqual(image.chain[1].reference?.normalized, "docker.io/library/debian:buster-slim")
        XCTAssertEqual(Set(image.layers.map(\.origin)), ["debian:buster-slim", "python:3.9-slim", "flask-app"])
        XCTAssertEqual(image.layers.first?.instruction.text, "ADD rootfs.tar.xz /")
        XCTAssertEqual(image.config.cmd, ["gunicorn", "--bind", "0.0.0.0:5000", "coviddashboard:app"])
        XCTAssertEqual(image.config.workingDir, "/usr/src/app")
        XCTAssertEqual(image.config.environment["PYTHON_VERSION"], "3.9.18")
        XCTAssertEqual(image.config.environment["PATH"], "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")

        let app = image.layers.filter { $0.origin == "flask-app" }
        XCTAssertEqual(app.map(\.instruction.keyword), ["WORKDIR", "COPY", "RUN", "COPY"])
        XCTAssertEqual(image.history.filter { $0.origin == "flask-app" }.map(\.instruction.keyword), ["WORKDIR", "COPY", "RUN", "COPY", "CMD"])
        XCTAssertEqual(app[1].changes.map(\.path), ["/usr/src/app/requirements.txt"])
        XCTAssertTrue(app[2].changes.contains { $0.path == "/usr/local/lib/python3.9/site-packages/flask" && $0.isDirectory })
        XCTAssertEqual(app[3].changes.map(\.path).sorted(), [
            "/usr/src/app/Dockerfile", "/usr/src/app/coviddashboard.py", "/usr/src/app/requirements.txt", "/usr/src/app/templates/index.html",
        ])
        XCTAssertEqual(app[3].changes.first { $0.path == "/usr/src/app/requirements.txt" }?.kind, .modified)
        XCTAssertFalse(app[3].changes.contains { $0.path.hasSuffix("layers.txt") }, "the sidecar listing is not part of the build context")
    }

    func testTwoImagesFromTheSameBaseShareItsLayerIds() throws {
        let flask = try sampleBuild("flask-app").image
        let python = try sampleBuild("python-3.9-slim", name: "python:3.9-slim").image
        XCTAssertEqual(Array(flask.layers.prefix(python.layers.count)), python.layers)
        XCTAssertEqual(flask.layers.count, python.layers.count + 4)
        XCTAssertEqual(flask.history.count, python.history.count + 5)
    }

    func testLayerGroupsFollowTheChain() throws {
        let image = try sampleBuild("flask-app").image
        let groups = image.layerGroups
        XCTAssertEqual(groups.map(\.link.name), ["scratch", "debian:buster-slim", "python:3.9-slim", "flask-app"])
        XCTAssertEqual(groups.map(\.layers.count), [0, 1, 3, 4])
        XCTAssertEqual(groups.map(\.history.count), [0, 2, 8, 5])
        XCTAssertEqual(groups.flatMap(\.layers), image.layers)
        XCTAssertEqual(groups.flatMap(\.history), image.history)
    }

    func testSharedLayersAreTheCommonBase() throws {
        let flask = try sampleBuild("flask-app").image
        let python = try sampleBuild("python-3.9-slim", name: "python:3.9-slim").image
        XCTAssertEqual(flask.sharedLayerCount(with: python), python.layers.count)
        let other = try buildText("FROM scratch\nRUN x\n").image
        XCTAssertEqual(flask.sharedLayerCount(with: other), 0)
    }

    func testMergedViewShowsWhichLayerEachFileComesFrom() throws {
        let image = try sampleBuild("flask-app").image
        let files = Dictionary(uniqueKeysWithValues: image.mergedFiles.map { ($0.path, $0) })
        XCTAssertEqual(files["/etc/os-release"]?.origin, "debian:buster-slim")
        XCTAssertEqual(files["/var/lib/dpkg/status"]?.origin, "python:3.9-slim", "python's apt-get modified debian's file")
        XCTAssertEqual(files["/usr/local/bin/gunicorn"]?.origin, "flask-app")
    }

    func testRunningModifyingAndCommittingTheFlaskImage() throws {
        let image = try sampleBuild("flask-app").image
        var container = Container(image: image, name: "dashboard")
        try container.write("/tmp/gunicorn.log", size: 2048)
        try container.modify("/etc/motd", size: 300)
        try container.delete("/usr/src/app/templates/index.html")
        let debianRootfs = try XCTUnwrap(image.layers.first)
        XCTAssertEqual(container.changes.first { $0.path == "/etc/motd" }?.copiedUpFrom, debianRootfs.id)
        let committed = commit(container, name: "dashboard:debug")
        XCTAssertEqual(committed.layers.count, image.layers.count + 1)
        XCTAssertEqual(committed.chain.map(\.name).last, "dashboard:debug")
        XCTAssertEqual(try sampleBuild("flask-app").image, image, "the image is a value: running and committing never change it")
    }

    func testAReferenceCycleIsAnErrorNamingTheChain() throws {
        let folder = try FixtureFiles.directory("catalogues/cycle")
        let catalogue = try Catalogue.load(directory: folder.path)
        let path = folder.appendingPathComponent("app/Dockerfile").path
        XCTAssertThrowsError(try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path)) { error in
            let error = error as? DockerfileError
            XCTAssertEqual(error?.line, 1)
            XCTAssertTrue(error?.file.hasSuffix("b/Dockerfile") == true, "\(String(describing: error))")
            XCTAssertTrue(error?.message.contains("example/a:1 FROM example/b:1 FROM example/a:1") == true, "\(String(describing: error))")
        }
    }

    func testCatalogueIndexErrorsAreLocated() throws {
        let missing = try FixtureFiles.directory("catalogues/missing-folder")
        XCTAssertThrowsError(try Catalogue.load(directory: missing.path)) { error in
            let error = error as? DockerfileError
            XCTAssertEqual(error?.line, 2)
            XCTAssertEqual(error?.column, 18)
        }
        let bad = try FixtureFiles.directory("catalogues/bad-reference")
        XCTAssertThrowsError(try Catalogue.load(directory: bad.path)) { error in
            XCTAssertEqual((error as? DockerfileError)?.line, 2)
            XCTAssertTrue((error as? DockerfileError)?.message.contains("lowercase") == true)
        }
        XCTAssertThrowsError(try Catalogue.load(directory: "/nonexistent-strata-catalogue"))
    }

    func testLayerListingParsesSizesAndRejectsBadLines() throws {
        let listing = try LayerListing(parsing: "3 add /usr/lib/ 1.5M\n\n3 delete /tmp/x\n4 modify /etc/a 12K\n4 opaque /var/cache\n", path: "layers.txt")
        XCTAssertEqual(listing.changes(forLine: 3), [
            FileChange(path: "/usr/lib", kind: .added, size: 1_572_864, isDirectory: true),
            FileChange(path: "/tmp/x", kind: .deleted),
        ])
        XCTAssertEqual(listing.changes(forLine: 4)?.map(\.kind), [.modified, .opaqueDirectory])
        let bad = ["x add /a", "1 copy /a", "1 add a", "1 add /a big", "1 add", "1 add /a 1 2"]
        for text in bad {
            XCTAssertThrowsError(try LayerListing(parsing: text, path: "layers.txt"), text) { error in
                XCTAssertEqual((error as? DockerfileError)?.line, 1, text)
            }
        }
    }
}

final class CopyFromImageTests: XCTestCase {
    func testCopyFromACatalogueImageKnowsItsFiles() throws {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let result = try buildText("FROM scratch\nCOPY --from=python:3.9-slim /usr/local/bin/python3.9 /bin/\n", catalogue: catalogue)
        XCTAssertEqual(result.image.layers[0].changes, [FileChange(path: "/bin/python3.9", kind: .added, size: 15_360)])
        XCTAssertEqual(result.image.stageDependencies.first?.source, "python:3.9-slim")
        XCTAssertEqual(result.warnings, [])
    }
}
