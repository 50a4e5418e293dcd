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
    func testOnlyRunCopyAddAndANewWorkdirMakeLayers() throws {
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
        XCTAssertEqual(image.history.map(\.instruction.keyword), ["WORKDIR", "ENV", "COPY", "RUN", "LABEL", "EXPOSE", "USER", "ENTRYPOINT", "CMD", "WORKDIR"])
        XCTAssertEqual(image.history.map(\.emptyLayer), [false, true, false, false, true, true, true, true, true, true])
        XCTAssertEqual(image.layers.map(\.instruction.keyword), ["WORKDIR", "COPY", "RUN"])
        XCTAssertEqual(image.layers[1].changes, [FileChange(path: "/app/app.py", kind: .added, size: 300)])
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

    func testEqualContentGivesEqualLayerIdsAndTheConfigMakesTheImageId() throws {
        let listing = try LayerListing(parsing: "2 add /one 10\n3 add /two 20\n", path: "layers.txt")
        let a = try buildText("FROM scratch\nRUN one\nRUN two\nCMD [\"a\"]\n", listing: listing).image
        let b = try buildText("FROM scratch\nRUN one\nRUN two\nCMD [\"b\"]\n", listing: listing).image
        XCTAssertEqual(a.layers, b.layers, "same content, same diff ids")
        XCTAssertEqual(a.layers.count, 2, "CMD makes no layer")
        XCTAssertNotEqual(a.layers[0].id, a.layers[1].id)
        XCTAssertNotEqual(a.id, b.id, "the config differs, so the image id (config digest) differs")
        // A RUN whose files are not listed changes nothing the model knows of: a layer all the same.
        let unlisted = try buildText("FROM scratch\nRUN true\n").image
        XCTAssertEqual(unlisted.layers.count, 1)
        XCTAssertEqual(unlisted.layers[0].size, 0)
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
        XCTAssertEqual(image.history.map(\.emptyLayer), [false, true, false])
        XCTAssertEqual(image.layers.map(\.instruction.text), ["COPY x /srv/x", "WORKDIR data"])
        XCTAssertEqual(image.config.workingDir, "/srv/data")
    }

    func testMissingContextFileIsRecordedWithAWarning() throws {
        let result = try buildText("FROM scratch\nCOPY missing.txt /dst/\n")
        XCTAssertEqual(result.image.layers[0].changes.map(\.path), ["/dst/missing.txt"])
        XCTAssertEqual(result.warnings.map(\.line), [2])
    }

    func testMissingFileOfAStageIsNotBlamedOnTheBuildContext() throws {
        // The stage's RUN made /out/app, which the model cannot know without a listing.
        let result = try buildText("FROM scratch AS build\nRUN make\nFROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\n")
        XCTAssertEqual(result.warnings.map(\.line), [4])
        XCTAssertEqual(result.warnings.map(\.message), ["COPY source /out/app is not in the files the model knows in `build`: only its destination is recorded"])
        XCTAssertEqual(try buildText("FROM scratch\nCOPY missing.txt /dst/\n").warnings.map(\.message),
                       ["COPY source missing.txt is not in the build context: only its destination is recorded"])
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
        XCTAssertEqual(image.layers, [])
        XCTAssertEqual(image.history.count, 4)
        XCTAssertTrue(image.history.allSatisfy(\.emptyLayer))
        let none = try buildText("FROM scratch\nHEALTHCHECK NONE\n").image
        XCTAssertEqual(none.config.healthcheck, ["NONE"])
    }
}
