import XCTest
@testable import LayerModel

/// Builds through the public API, from Dockerfile text and an in-memory context.
func buildText(
    _ text: String, files: [String: Int] = [:], catalogue: Catalogue = .empty, listing: LayerListing = .empty,
    options: BuildOptions = BuildOptions(name: "app")
) throws -> BuildResult {
    let dockerfile = try DockerfileParser.parse(text, path: "Dockerfile")
    let context = BuildContext(files: files.map { BuildContext.File(path: $0.key, size: $0.value) })
    return try ImageBuilder(catalogue: catalogue).build(dockerfile, context: context, listing: listing, options: options)
}

final class BuildTests: XCTestCase {
    func testOnlyRunCopyAddAndANewWorkdirMakeFilesystemLayers() throws {
        let image = try buildText("""
            FROM scratch
            WORKDIR /app
            ENV A=1
            COPY app.py .
            RUN echo hi
            LABEL x=y
            EXPOSE 5000
            USER app
            ENTRYPOINT ["python3"]
            CMD ["app.py"]
            WORKDIR /app
            """, files: ["app.py": 300]).image
        XCTAssertEqual(image.layers.map(\.instruction.keyword), ["WORKDIR", "ENV", "COPY", "RUN", "LABEL", "EXPOSE", "USER", "ENTRYPOINT", "CMD", "WORKDIR"])
        XCTAssertEqual(image.layers.map(\.kind), [.filesystem, .empty, .filesystem, .filesystem, .empty, .empty, .empty, .empty, .empty, .empty])
        XCTAssertEqual(image.history.map(\.emptyLayer), image.layers.map { $0.kind == .empty })
        XCTAssertEqual(image.filesystemLayers.count, 3)
        XCTAssertEqual(image.layers[2].changes, [FileChange(path: "/app/app.py", kind: .added, size: 300)])
        XCTAssertEqual(image.config.workingDir, "/app")
        XCTAssertEqual(image.config.exposedPorts, ["5000/tcp"])
        XCTAssertEqual(image.config.user, "app")
        XCTAssertEqual(image.config.entrypoint, ["python3"])
        XCTAssertEqual(image.config.cmd, ["app.py"])
        XCTAssertEqual(image.config.labels, ["x": "y"])
        XCTAssertEqual(image.config.environment["A"], "1")
    }

    func testLayersRememberTheirInstructionAndLines() throws {
        let image = try buildText("FROM scratch\nRUN apt-get update \\\n && apt-get install -y curl\n").image
        let layer = try XCTUnwrap(image.layers.first)
        XCTAssertEqual(layer.instruction.file, "Dockerfile")
        XCTAssertEqual(layer.instruction.startLine, 2)
        XCTAssertEqual(layer.instruction.endLine, 3)
        XCTAssertEqual(layer.instruction.text, "RUN apt-get update  && apt-get install -y curl")
        XCTAssertEqual(layer.createdBy, "RUN /bin/sh -c apt-get update  && apt-get install -y curl # buildkit")
        XCTAssertEqual(layer.origin, "app")
    }

    func testShellFormCmdUsesTheShell() throws {
        let image = try buildText("FROM scratch\nSHELL [\"/bin/bash\", \"-c\"]\nCMD gunicorn app:app\n").image
        XCTAssertEqual(image.config.cmd, ["/bin/bash", "-c", "gunicorn app:app"])
    }

    func testIdenticalPrefixesShareLayerIds() throws {
        let a = try buildText("FROM scratch\nRUN one\nRUN two\nCMD [\"a\"]\n").image
        let b = try buildText("FROM scratch\nRUN one\nRUN two\nCMD [\"b\"]\n").image
        XCTAssertEqual(a.layers[0].id, b.layers[0].id)
        XCTAssertEqual(a.layers[1].id, b.layers[1].id)
        XCTAssertNotEqual(a.layers[2].id, b.layers[2].id)
        XCTAssertNotEqual(a.id, b.id)
    }

    func testCopyIntoExistingFileIsAModification() throws {
        let image = try buildText("FROM scratch\nCOPY a.txt /etc/conf\nCOPY b.txt /etc/conf\n", files: ["a.txt": 1, "b.txt": 2]).image
        XCTAssertEqual(image.layers[1].changes, [FileChange(path: "/etc/conf", kind: .modified, size: 2)])
        XCTAssertEqual(image.layer(holding: "/etc/conf")?.id, image.layers[1].id)
    }

    func testCopyDotCopiesTheWholeContextIntoTheWorkdir() throws {
        let image = try buildText("FROM scratch\nWORKDIR /srv\nCOPY . .\n", files: ["a.py": 1, "static/site.css": 2]).image
        XCTAssertEqual(image.layers[1].changes.map(\.path), ["/srv/a.py", "/srv/static/site.css"])
    }

    func testCopyWildcardsAndDirectories() throws {
        let files = ["src/a.go": 1, "src/b.go": 2, "src/pkg/c.go": 3, "README.md": 4]
        let image = try buildText("FROM scratch\nCOPY src/*.go /out/\nCOPY src /code\n", files: files).image
        XCTAssertEqual(image.layers[0].changes.map(\.path), ["/out/a.go", "/out/b.go"])
        XCTAssertEqual(image.layers[1].changes.map(\.path), ["/code/a.go", "/code/b.go", "/code/pkg/c.go"])
    }

    func testCopyHeredocCreatesTheFileNamedAfterTheDestination() throws {
        let image = try buildText("FROM scratch\nCOPY <<EOF /etc/motd\nhello\nEOF\nCOPY <<note.txt /docs/\nhi\nnote.txt\n").image
        XCTAssertEqual(image.layers[0].changes, [FileChange(path: "/etc/motd", kind: .added, size: 6)])
        XCTAssertEqual(image.layers[1].changes.map(\.path), ["/docs/note.txt"])
    }

    func testWorkdirOverAnExistingFolderIsAnEmptyLayer() throws {
        let image = try buildText("FROM scratch\nCOPY x /srv/x\nWORKDIR /srv\nWORKDIR data\n", files: ["x": 1]).image
        XCTAssertEqual(image.layers.map(\.kind), [.filesystem, .empty, .filesystem])
        XCTAssertEqual(image.config.workingDir, "/srv/data")
    }

    func testMissingContextFileIsRecordedWithAWarning() throws {
        let result = try buildText("FROM scratch\nCOPY missing.txt /dst/\n")
        XCTAssertEqual(result.image.layers[0].changes.map(\.path), ["/dst/missing.txt"])
        XCTAssertEqual(result.warnings.map(\.line), [2])
    }

    func testUnknownInstructionIsALocatedBuildError() {
        XCTAssertThrowsError(try buildText("FROM scratch\nFOO bar\n")) { error in
            let error = error as? DockerfileError
            XCTAssertEqual(error?.line, 2)
            XCTAssertTrue(error?.message.contains("unknown instruction: FOO") == true)
        }
    }

    func testInstructionBeforeFromIsAnError() {
        XCTAssertThrowsError(try buildText("RUN x\nFROM scratch\n")) { error in
            XCTAssertEqual((error as? DockerfileError)?.line, 1)
        }
    }

    func testMalformedFromIsAnError() {
        for text in ["FROM\n", "FROM a b\n", "FROM a AS\n", "FROM a AS 1x\n", "FROM Python:3\n", "FROM a AS x\nFROM b AS x\n"] {
            XCTAssertThrowsError(try buildText(text), text) { error in
                XCTAssertGreaterThanOrEqual((error as? DockerfileError)?.line ?? 0, 1, text)
            }
        }
    }

    func testOpaqueBaseIsDrawnNotExpandedAndWarned() throws {
        let result = try buildText("FROM nginx:1.25\nRUN echo hi\n")
        XCTAssertEqual(result.image.chain.map(\.name), ["nginx:1.25", "app"])
        XCTAssertEqual(result.image.chain.first?.isOpaque, true)
        XCTAssertEqual(result.image.layers.count, 1)
        XCTAssertEqual(result.warnings.count, 1)
        XCTAssertTrue(result.warnings[0].message.contains("nginx:1.25"))
        let other = try buildText("FROM nginx:1.25\nRUN echo hi\n", options: BuildOptions(name: "other"))
        XCTAssertEqual(other.image.layers[0].id, result.image.layers[0].id, "two images on the same opaque base share ids")
    }

    func testEntrypointDropsAnInheritedCmd() throws {
        let image = try buildText("FROM scratch AS base\nCMD [\"bash\"]\nFROM base\nENTRYPOINT [\"tini\"]\n").image
        XCTAssertNil(image.config.cmd)
        XCTAssertEqual(image.config.entrypoint, ["tini"])
    }

    func testHealthcheckStopsignalVolumeOnbuild() throws {
        let image = try buildText("""
            FROM scratch
            HEALTHCHECK --interval=5s CMD curl -f http://localhost/
            STOPSIGNAL SIGINT
            VOLUME /data ["/logs"]
            ONBUILD COPY . /app
            """).image
        XCTAssertEqual(image.config.healthcheck, ["CMD-SHELL", "curl -f http://localhost/"])
        XCTAssertEqual(image.config.stopSignal, "SIGINT")
        XCTAssertEqual(image.config.onBuild, ["COPY . /app"])
        XCTAssertTrue(image.layers.allSatisfy { $0.kind == .empty })
        let none = try buildText("FROM scratch\nHEALTHCHECK NONE\n").image
        XCTAssertEqual(none.config.healthcheck, ["NONE"])
    }
}
