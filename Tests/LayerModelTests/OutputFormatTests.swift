import Foundation
import XCTest
@testable import LayerModel

final class OutputFormatTests: XCTestCase {
    func testParseJSONRoundTripsAndEscapesEverything() throws {
        let text = "FROM alpine\nLABEL a=\"q\\\"uote\" b=\"tab\there\"\nRUN <<EOF\n\u{1}\u{7F}caf\u{E9} \u{2028}\nEOF\nONBUILD RUN echo\n"
        let dockerfile = try DockerfileParser.parse(text, path: "D")
        let json = DockerfileJSON.encode(dockerfile)
        XCTAssertFalse(json.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "control characters are escaped")
        let decoded = try JSONDecoder().decode([DockerfileJSON.Entry].self, from: Data(json.utf8))
        XCTAssertEqual(decoded, DockerfileJSON.entries(dockerfile))
        XCTAssertEqual(decoded.last?.subCmd, "run")
        XCTAssertEqual(decoded[2].heredocs?.first?.content, "\u{1}\u{7F}caf\u{E9} \u{2028}\n")
        XCTAssertTrue(json.contains("\"json\": false"))
    }

    func testHistoryTableAndJSONMatchTheGoldenFiles() throws {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let path = CatalogueTests.samples.appendingPathComponent("flask-app/Dockerfile").path
        let image = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path).image
        // Paths inside the output depend on where the repository is checked out.
        let root = CatalogueTests.samples.deletingLastPathComponent().deletingLastPathComponent().path + "/"
        try assertGolden(HistoryFormatter.table(image), "history/flask-app.txt")
        try assertGolden(HistoryFormatter.json(image).replacingOccurrences(of: root, with: ""), "history/flask-app.json")
        let rows = try JSONSerialization.jsonObject(with: Data(HistoryFormatter.json(image).utf8)) as? [[String: Any]]
        XCTAssertEqual(rows?.count, image.history.count)
        XCTAssertEqual(rows?.first?["from"] as? String, "flask-app")
        XCTAssertEqual(rows?.first?["id"] as? String, image.id)
        XCTAssertEqual(rows?.dropFirst().allSatisfy { $0["id"] as? String == "<missing>" }, true)
    }

    func testHumanSizesLikeDocker() {
        XCTAssertEqual(HistoryFormatter.humanSize(0), "0B")
        XCTAssertEqual(HistoryFormatter.humanSize(999), "999B")
        // go-units HumanSizeWithPrecision(size, 3): three significant digits, decimal units.
        XCTAssertEqual(HistoryFormatter.humanSize(1_500), "1.5kB")
        XCTAssertEqual(HistoryFormatter.humanSize(69_200_000), "69.2MB")
        XCTAssertEqual(HistoryFormatter.humanSize(118_123_456), "118MB")
        XCTAssertEqual(HistoryFormatter.humanSize(1_234_567), "1.23MB")
        XCTAssertEqual(HistoryFormatter.humanSize(2_000_000_000), "2GB")
    }

    private func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        // Golden files live in the source tree so that STRATA_RECORD=1 rewrites the committed copy.
        let golden = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Fixtures/golden/\(name)")
        if FixtureFiles.recording {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        XCTAssertEqual(actual, expected, "\(name) differs; rerun with STRATA_RECORD=1 if the change is intended", file: file, line: line)
    }
}

final class OCIImageConfigTests: XCTestCase {
    func testHistoryAndRootfsFollowTheOCIShape() throws {
        let image = try buildText("FROM scratch\nENV A=1\nCOPY a /a\nEXPOSE 80\nCMD [\"x\"]\n", files: ["a": 3]).image
        let oci = OCIImageConfig(image)
        XCTAssertEqual(oci.history.map(\.emptyLayer), [true, nil, true, true])
        XCTAssertEqual(oci.history.map(\.comment), Array(repeating: "buildkit.dockerfile.v0", count: 4))
        XCTAssertEqual(oci.rootfs.diffIDs, [image.layers[0].id.digest])
        XCTAssertEqual(image.id, "sha256:" + SHA256.hex(oci.canonicalJSON), "the image id is the config's digest")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(oci), as: UTF8.self)
        XCTAssertTrue(json.contains("\"empty_layer\":true"), json)
        XCTAssertTrue(json.contains("\"diff_ids\":[\"sha256:"), json)
        XCTAssertTrue(json.contains("\"ExposedPorts\":{\"80\\/tcp\":{}}"), json)
        XCTAssertTrue(json.contains("\"Cmd\":[\"x\"]"), json)
        XCTAssertEqual(try JSONDecoder().decode(OCIImageConfig.self, from: Data(json.utf8)), oci)
    }
}
