import XCTest
@testable import LayerModel

/// A two-layer image built by hand, so container behaviour is tested apart from builds.
func handMadeImage(name: String = "tiny") -> Image {
    let rootfs = Layer(
        parent: nil, kind: .filesystem,
        instruction: InstructionSource(keyword: "ADD", text: "ADD rootfs.tar /", file: "Dockerfile", startLine: 1, endLine: 1),
        createdBy: "ADD rootfs.tar / # buildkit", origin: "base",
        changes: [
            FileChange(path: "/etc/motd", kind: .added, size: 100),
            FileChange(path: "/etc/hostname", kind: .added, size: 10),
            FileChange(path: "/var/cache/", kind: .added, size: 2000, isDirectory: true),
            FileChange(path: "/var/cache/apt/pkgcache.bin", kind: .added, size: 5000),
        ]
    )
    let cmd = Layer(
        parent: rootfs.id, kind: .empty,
        instruction: InstructionSource(keyword: "CMD", text: "CMD [\"sh\"]", file: "Dockerfile", startLine: 2, endLine: 2),
        createdBy: "CMD [\"sh\"]", origin: name, changes: []
    )
    let app = Layer(
        parent: cmd.id, kind: .filesystem,
        instruction: InstructionSource(keyword: "COPY", text: "COPY app.py /app/", file: "Dockerfile", startLine: 3, endLine: 3),
        createdBy: "COPY app.py /app/ # buildkit", origin: name,
        changes: [FileChange(path: "/app/app.py", kind: .added, size: 300)]
    )
    return Image(
        name: name, layers: [rootfs, cmd, app], config: ImageConfig(cmd: ["sh"]),
        chain: [ChainLink(name: name, reference: nil, dockerfilePath: nil, layerCount: 3, filesystemLayerCount: 2, isOpaque: false)]
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
        XCTAssertEqual(container.changes.first?.copiedUpFrom, handMadeImage().layers[2].id)
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
        XCTAssertEqual(top.kind, .filesystem)
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
    func testIdsChainFromTheParent() {
        let source = InstructionSource(keyword: "RUN", text: "RUN x", file: nil, startLine: 1, endLine: 1)
        let a = Layer(parent: nil, kind: .filesystem, instruction: source, createdBy: "RUN x", origin: "a", changes: [])
        let b1 = Layer(parent: a.id, kind: .filesystem, instruction: source, createdBy: "RUN y", origin: "a", changes: [])
        let b2 = Layer(parent: a.id, kind: .filesystem, instruction: source, createdBy: "RUN y", origin: "other", changes: [])
        let c = Layer(parent: b1.id, kind: .filesystem, instruction: source, createdBy: "RUN y", origin: "a", changes: [])
        XCTAssertEqual(b1.id, b2.id, "same parent and content give the same id")
        XCTAssertNotEqual(b1.id, c.id, "the same content on another parent gets another id")
        XCTAssertEqual(a.id.digest, a.contentDigest)
        XCTAssertEqual(a.id.short.count, 12)
        XCTAssertTrue(a.id.digest.hasPrefix("sha256:"))
    }

    func testEmptyLayersCarryNoChanges() {
        let source = InstructionSource(keyword: "ENV", text: "ENV A=1", file: nil, startLine: 1, endLine: 1)
        let layer = Layer(parent: nil, kind: .empty, instruction: source, createdBy: "ENV A=1", origin: "a",
                          changes: [FileChange(path: "/x", kind: .added, size: 1)])
        XCTAssertEqual(layer.changes, [])
        XCTAssertEqual(layer.size, 0)
    }
}
