import XCTest
@testable import LayerModel

/// `ImageEfficiency` scores layers as dive does (wagoodman/dive, filetree/efficiency.go):
/// a path stored by two or more layers wastes all its nodes' bytes; the score is the sum of
/// each path's smallest node over the sum of all nodes.
final class ImageEfficiencyTests: XCTestCase {
    private func layer(_ line: Int, _ changes: [FileChange]) -> Layer {
        Layer(instruction: InstructionSource(keyword: "RUN", text: "RUN \(line)", file: nil, startLine: line, endLine: line),
              createdBy: "RUN \(line)", origin: "test", changes: changes)
    }

    func testACopyUpAndAWhiteoutAreWasted() {
        let base = layer(1, [FileChange(path: "/a", kind: .added, size: 100), FileChange(path: "/b", kind: .added, size: 50),
                             FileChange(path: "/c", kind: .added, size: 7)])
        let top = layer(2, [FileChange(path: "/a", kind: .modified, size: 120), FileChange(path: "/b", kind: .deleted)])
        let efficiency = ImageEfficiency(layers: [base, top])
        // /a: 100 + 120 (smallest 100); /b: 50 + a 0-byte whiteout (smallest 0); /c: 7 once.
        XCTAssertEqual(efficiency.wastedBytes, 220 + 50)
        XCTAssertEqual(efficiency.score, Double(100 + 0 + 7) / Double(220 + 50 + 7), accuracy: 1e-12)
        XCTAssertEqual(efficiency.inefficiencies.map(\.path), ["/a", "/b"], "most bytes first")
        XCTAssertEqual(efficiency.inefficiencies.map(\.count), [2, 2])
    }

    func testAFolderWhiteoutWeighsWhatItHid() {
        let base = layer(1, [FileChange(path: "/d/x", kind: .added, size: 10), FileChange(path: "/d/y", kind: .added, size: 20)])
        let top = layer(2, [FileChange(path: "/d", kind: .deleted, isDirectory: true)])
        let efficiency = ImageEfficiency(layers: [base, top])
        // dive visits leaves: /d/x and /d/y once each, and the whiteout /d once, weighing 30.
        XCTAssertEqual(efficiency.inefficiencies, [])
        XCTAssertEqual(efficiency.wastedBytes, 0)
        XCTAssertEqual(efficiency.score, 1)
    }

    func testNoBytesScoresOneAndASizedFolderCoversItsEntries() {
        XCTAssertEqual(ImageEfficiency(layers: []).score, 1)
        let listed = layer(1, [FileChange(path: "/lib/", kind: .added, size: 1000, isDirectory: true),
                               FileChange(path: "/lib/x.so", kind: .added, size: 400)])
        let again = layer(2, [FileChange(path: "/lib/x.so", kind: .modified, size: 400)])
        // /lib/x.so inside the sized /lib/ of layer 1 is covered by it: one node, no waste.
        XCTAssertEqual(ImageEfficiency(layers: [listed, again]).wastedBytes, 0)
    }

    func testCommittingADeletionWastesTheHiddenFile() throws {
        let base = layer(1, [FileChange(path: "/etc/motd", kind: .added, size: 286), FileChange(path: "/etc/passwd", kind: .added, size: 926)])
        let image = Image(name: "base", layers: [base], history: [], config: ImageConfig(), chain: [])
        XCTAssertEqual(ImageEfficiency(image).wastedBytes, 0)
        var container = Container(image: image, name: "c")
        try container.delete("/etc/motd")
        try container.modify("/etc/passwd")
        let committed = commit(container, name: "after")
        XCTAssertEqual(ImageEfficiency(committed).wastedBytes, 286 + 2 * 926)
        XCTAssertEqual(image.layers, [base], "the original image is unchanged")
    }
}
