import XCTest
@testable import LayerModel

/// A two-layer image built by hand (three history entries), so container behaviour is tested apart from builds.
func handMadeImage(name: String = "tiny") -> Image {
    let add = InstructionSource(keyword: "ADD", text: "ADD rootfs.tar /", file: "Dockerfile", startLine: 1, endLine: 1)
    let rootfs = Layer(
        instruction: add, createdBy: "ADD rootfs.tar / # buildkit", origin: "base",
        changes: [
            FileChange(path: "/etc/motd", kind: .added, size: 100),
            FileChange(path: "/etc/hostname", kind: .added, size: 10),
            FileChange(path: "/var/cache/", kind: .added, size: 2000, isDirectory: true),
            FileChange(path: "/var/cache/apt/pkgcache.bin", kind: .added, size: 5000),
        ]
    )
    let cmd = InstructionSource(keyword: "CMD", text: "CMD [\"sh\"]", file: "Dockerfile", startLine: 2, endLine: 2)
    let copy = InstructionSource(keyword: "COPY", text: "COPY app.py /app/", file: "Dockerfile", startLine: 3, endLine: 3)
    let app = Layer(
        instruction: copy, createdBy: "COPY app.py /app/ # buildkit", origin: name,
        changes: [FileChange(path: "/app/app.py", kind: .added, size: 300)]
    )
    let history = [
        HistoryEntry(createdBy: rootfs.createdBy, comment: nil, emptyLayer: false, instruction: add, origin: "base", size: rootfs.size),
        HistoryEntry(createdBy: "CMD [\"sh\"]", comment: nil, emptyLayer: true, instruction: cmd, origin: name, size: 0),
        HistoryEntry(createdBy: app.createdBy, comment: nil, emptyLayer: false, instruction: copy, origin: name, size: app.size),
    ]
    return Image(
        name: name, layers: [rootfs, app], history: history, config: ImageConfig(cmd: ["sh"]),
        chain: [ChainLink(name: name, reference: nil, dockerfilePath: nil, layerCount: 2, historyCount: 3, isOpaque: false)]
    )
}

final class ContainerTests: XCTestCase {
    func testNewContainerHasAnEmptyWritableLayerAndSeesTheImageFiles() {
        let image = handMadeImage()
        let container = Container(image: image, name: "web")
        XCTAssertEqual(container.changes, [])
        XCTAssertEqual(container.mergedFiles, image.mergedFiles)
        XCTAssertEqual(container.mergedFiles.map(\.path), ["/app/app.py", "/etc/hostname", "/etc/motd", "/var/cache", "/var/cache/apt/pkgcache.bin"])
    }

    func testWritingANewFileAddsItToTheWritableLayerOnly() throws {
        let image = handMadeImage()
        var container = Container(image: image, name: "web")
        try container.write("/tmp/log.txt", size: 42)
        XCTAssertEqual(container.changes, [FileChange(path: "/tmp/log.txt", kind: .added, size: 42)])
        XCTAssertEqual(container.image, image)
        let visible = try XCTUnwrap(container.mergedFiles.first { $0.path == "/tmp/log.txt" })
        XCTAssertNil(visible.layerID)
        XCTAssertEqual(visible.origin, "container")
    }

    func testModifyingALowerFileCopiesItUpAndRemembersItsLayer() throws {
        let image = handMadeImage()
        var container = Container(image: image, name: "web")
        try container.modify("/etc/motd", size: 120)
        let rootfsID = image.layers[0].id
        XCTAssertEqual(container.changes, [FileChange(path: "/etc/motd", kind: .modified, size: 120, copiedUpFrom: rootfsID)])
        XCTAssertEqual(image.layer(holding: "/etc/motd")?.id, rootfsID, "the image still has the original file")
    }

    func testWritingOverALowerFileIsACopyUpToo() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.write("/app/app.py", size: 310)
        XCTAssertEqual(container.changes.first?.kind, .modified)
        XCTAssertEqual(container.changes.first?.copiedUpFrom, handMadeImage().layers[1].id)
    }

    func testDeletingALowerFileLeavesAWhiteout() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.delete("/etc/hostname")
        XCTAssertEqual(container.changes, [FileChange(path: "/etc/hostname", kind: .deleted)])
        XCTAssertEqual(container.changes.first?.storedPath, "/etc/.wh.hostname")
        XCTAssertFalse(container.mergedFiles.contains { $0.path == "/etc/hostname" })
        XCTAssertTrue(handMadeImage().mergedFiles.contains { $0.path == "/etc/hostname" })
    }

    func testDeletingADirectoryHidesEverythingBelowIt() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.delete("/var/cache")
        XCTAssertFalse(container.mergedFiles.contains { $0.path.hasPrefix("/var/cache") })
        XCTAssertEqual(container.changes.first?.storedPath, "/var/.wh.cache")
    }

    func testDeletingAFileOnlyInTheWritableLayerLeavesNoWhiteout() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.write("/tmp/x", size: 1)
        try container.delete("/tmp/x")
        XCTAssertEqual(container.changes, [])
    }

    func testAFileDeletedThenWrittenAgainIsNew() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.delete("/etc/motd")
        try container.write("/etc/motd", size: 5)
        XCTAssertEqual(container.changes, [FileChange(path: "/etc/motd", kind: .added, size: 5)])
        XCTAssertEqual(container.mergedFiles.first { $0.path == "/etc/motd" }?.origin, "container")
    }

    func testImpossibleOperationsThrowWithThePath() {
        var container = Container(image: handMadeImage(), name: "web")
        XCTAssertThrowsError(try container.modify("/nope")) { XCTAssertEqual(($0 as? ContainerError)?.path, "/nope") }
        XCTAssertThrowsError(try container.delete("/nope"))
        XCTAssertThrowsError(try container.write("relative", size: 1))
        XCTAssertThrowsError(try container.write("/", size: 1))
        XCTAssertThrowsError(try container.modify("/var/cache"))
        XCTAssertEqual(container.changes, [])
    }

    func testWritingIntoADeletedFolderMakesItOpaque() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.delete("/var/cache")
        try container.write("/var/cache/new.bin", size: 10)
        XCTAssertEqual(container.changes, [
            FileChange(path: "/var/cache", kind: .opaqueDirectory, isDirectory: true),
            FileChange(path: "/var/cache/new.bin", kind: .added, size: 10),
        ])
        XCTAssertEqual(container.changes.first?.storedPath, "/var/cache/.wh..wh..opq")
        let visible = container.mergedFiles.filter { $0.path.hasPrefix("/var/cache") }
        XCTAssertEqual(visible.map(\.path), ["/var/cache", "/var/cache/new.bin"], "the image's old cache files stay hidden")
        XCTAssertEqual(visible.map(\.origin), ["container", "container"])
        XCTAssertThrowsError(try container.modify("/var/cache/apt/pkgcache.bin"))
    }

    func testOpaqueDirectoryMarkerPath() {
        XCTAssertEqual(FileChange(path: "/var/cache", kind: .opaqueDirectory).storedPath, "/var/cache/.wh..wh..opq")
    }
}

final class CommitTests: XCTestCase {
    func testCommitAddsOneLayerWithTheWritableChangesAndLeavesTheImageAlone() throws {
        let image = handMadeImage()
        var container = Container(image: image, name: "web")
        try container.write("/tmp/new", size: 7)
        try container.modify("/etc/motd", size: 200)
        try container.delete("/etc/hostname")
        let committed = commit(container, name: "web:v2")

        XCTAssertEqual(committed.layers.count, image.layers.count + 1)
        XCTAssertEqual(Array(committed.layers.dropLast()), image.layers, "the base layers are shared, ids included")
        let top = try XCTUnwrap(committed.layers.last)
        XCTAssertEqual(committed.history.count, image.history.count + 1)
        XCTAssertEqual(committed.history.last?.emptyLayer, false)
        XCTAssertEqual(top.changes.map(\.path), ["/etc/hostname", "/etc/motd", "/tmp/new"])
        XCTAssertEqual(top.changes.map(\.kind), [.deleted, .modified, .added])
        XCTAssertEqual(top.origin, "web:v2")
        XCTAssertEqual(committed.reference?.normalized, "docker.io/library/web:v2")
        XCTAssertEqual(committed.chain.map(\.name), ["tiny", "web:v2"])
        XCTAssertNotEqual(committed.id, image.id)
        XCTAssertEqual(image, handMadeImage(), "committing never changes the original image")

        let files = Set(committed.mergedFiles.map(\.path))
        XCTAssertTrue(files.contains("/tmp/new"))
        XCTAssertFalse(files.contains("/etc/hostname"))
        XCTAssertEqual(committed.layer(holding: "/etc/motd")?.id, top.id)
    }

    func testCommittingTwiceGivesTheSameIds() throws {
        var container = Container(image: handMadeImage(), name: "web")
        try container.write("/tmp/new", size: 7)
        XCTAssertEqual(commit(container, name: "a").layers.last?.id, commit(container, name: "a").layers.last?.id)
        XCTAssertEqual(commit(container, name: "a").id, commit(container, name: "a").id)
    }
}

final class LayerIDTests: XCTestCase {
    func testIdsAreDigestsOfTheContentAlone() {
        let source = InstructionSource(keyword: "RUN", text: "RUN x", file: nil, startLine: 1, endLine: 1)
        let files = [FileChange(path: "/a", kind: .added, size: 1), FileChange(path: "/b", kind: .deleted)]
        let a = Layer(instruction: source, createdBy: "RUN x", origin: "a", changes: files)
        let b = Layer(instruction: source, createdBy: "RUN y", origin: "other", changes: files.reversed())
        let c = Layer(instruction: source, createdBy: "RUN x", origin: "a", changes: [FileChange(path: "/a", kind: .added, size: 2)])
        XCTAssertEqual(a.id, b.id, "equal content gives an equal diff id, whatever the command or image")
        XCTAssertNotEqual(a.id, c.id, "other content gets another id")
        XCTAssertEqual(a.id.short.count, 12)
        XCTAssertTrue(a.id.digest.hasPrefix("sha256:"))
        XCTAssertEqual(a.id.digest.count, "sha256:".count + 64)
    }

    func testCommitOfAnUnchangedContainerAddsAHistoryEntryButNoLayer() {
        // moby's commit marks the entry empty_layer when the container's diff is empty.
        let image = handMadeImage()
        let committed = commit(Container(image: image, name: "idle"), name: "idle:v2")
        XCTAssertEqual(committed.layers, image.layers)
        XCTAssertEqual(committed.history.count, image.history.count + 1)
        XCTAssertEqual(committed.history.last?.emptyLayer, true)
        XCTAssertEqual(committed.chain.last?.layerCount, 0)
        XCTAssertNotEqual(committed.id, image.id, "a new config (one more history entry) is a new image")
    }
}
