import Foundation
import XCTest
import Diagrams
import LayerModel
@testable import strata

final class DiagramBatchTests: XCTestCase {
    /// The site's flask-app sample, built on its catalogue: any real image will do.
    private func flask() throws -> Image {
        let catalogue = StrataRunner.repository.appendingPathComponent("content/dockerfiles")
        return try DockerfileBuilds(catalogue: try Catalogue.load(directory: catalogue.path))
            .build(dockerfileAt: catalogue.appendingPathComponent("flask-app/Dockerfile").path).result.image
    }

    func testOneInputAndOneViewWriteTheNamedFile() throws {
        let jobs = try DiagramBatch.plan(inputs: ["content/dockerfiles/flask-app/Dockerfile"], views: [.stack], output: "out.svg")
        XCTAssertEqual(jobs, [DiagramJob(input: "content/dockerfiles/flask-app/Dockerfile", view: .stack, output: "out.svg")])
    }

    func testOtherwiseTheOutputIsAFolderWithOneFilePerInputAndView() throws {
        let jobs = try DiagramBatch.plan(inputs: ["a/flask-app/Dockerfile", "b/api.Dockerfile"], views: [.stack, .chain],
                                         output: "svg")
        XCTAssertEqual(jobs.map(\.output), ["svg/flask-app-stack.svg", "svg/flask-app-chain.svg",
                                            "svg/api-stack.svg", "svg/api-chain.svg"])
        let all = try DiagramBatch.plan(inputs: ["x/Dockerfile"], views: [], output: nil)
        XCTAssertEqual(all.map(\.output), DiagramView.allCases.map { "./x-\($0.rawValue).svg" })
        let folder = try DiagramBatch.plan(inputs: ["x/Dockerfile"], views: [.chain], output: "dir/")
        XCTAssertEqual(folder.map(\.output), ["dir/x-chain.svg"])
    }

    func testFileNames() {
        XCTAssertEqual(DiagramBatch.fileName(for: "Dockerfile", view: .stack), "image-stack.svg")
        XCTAssertEqual(DiagramBatch.fileName(for: "./Dockerfile", view: .stack), "image-stack.svg")
        XCTAssertEqual(DiagramBatch.fileName(for: "/srv/web/Dockerfile", view: .shared), "web-shared.svg")
        XCTAssertEqual(DiagramBatch.fileName(for: "Dockerfile.dev", view: .chain), "Dockerfile-dev-chain.svg")
        XCTAssertEqual(DiagramBatch.fileName(for: "deploy/worker.dockerfile", view: .chain), "worker-chain.svg")
    }

    func testCollidingOutputsAreAnError() {
        XCTAssertThrowsError(try DiagramBatch.plan(inputs: ["a/app/Dockerfile", "b/app/Dockerfile"], views: [.stack],
                                                   output: "out")) { error in
            XCTAssertEqual(error as? DiagramBatchError,
                           .outputCollision(output: "out/app-stack.svg", inputs: ["a/app/Dockerfile", "b/app/Dockerfile"]))
        }
        XCTAssertThrowsError(try DiagramBatch.plan(inputs: [], views: [.stack], output: nil))
    }

    func testRenderBuildsEachInputOnce() throws {
        var builds = 0
        let image = try flask()
        let jobs = try DiagramBatch.plan(inputs: ["flask-app/Dockerfile"], views: [.stack, .chain], output: "o")
        let results = try DiagramBatch.render(jobs, other: nil, options: DiagramOptions()) { (_: String) throws(DockerfileError) -> BuiltInput in
            builds += 1
            return BuiltInput(image: image, dockerfile: nil)
        }
        XCTAssertEqual(builds, 1)
        XCTAssertEqual(results.map(\.job.output), ["o/flask-app-stack.svg", "o/flask-app-chain.svg"])
        XCTAssertEqual(results[0].svg, try DiagramRenderer.render(.stack, image: image))
    }

    func testBuildErrorsPassThroughUnchanged() throws {
        let jobs = try DiagramBatch.plan(inputs: ["bad/Dockerfile"], views: [.stack], output: nil)
        let failure = DockerfileError(file: "bad/Dockerfile", line: 3, column: 1, message: "unknown instruction: FORM")
        XCTAssertThrowsError(try DiagramBatch.render(jobs, other: nil, options: DiagramOptions()) { (_: String) throws(DockerfileError) -> BuiltInput in
            throw failure
        }) { error in
            XCTAssertEqual(error as? DockerfileError, failure)
        }
    }

    func testSnapshotSeesAddedModifiedAndRemovedFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("sub/Dockerfile")
        try "FROM scratch\n".write(to: a, atomically: true, encoding: .utf8)
        let first = FileSnapshot.take(of: [folder.path, folder.appendingPathComponent("missing").path])
        XCTAssertEqual(first.times.keys.sorted(), [a.path])
        XCTAssertEqual(FileSnapshot.take(of: [folder.path]).changes(since: first), [])

        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000)], ofItemAtPath: a.path)
        let b = folder.appendingPathComponent("b.txt")
        try "x".write(to: b, atomically: true, encoding: .utf8)
        let second = FileSnapshot.take(of: [folder.path])
        XCTAssertEqual(second.changes(since: first), [b.path, a.path].sorted())

        try FileManager.default.removeItem(at: b)
        XCTAssertEqual(FileSnapshot.take(of: [folder.path]).changes(since: second), [b.path])
    }
}
