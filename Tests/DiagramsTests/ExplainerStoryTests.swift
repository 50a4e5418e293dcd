import Foundation
import XCTest
@testable import Diagrams
import LayerModel

/// The explainer's story, built from the hand-made flask image (debian → python → flask-app).
final class ExplainerStoryTests: XCTestCase {
    static let source = """
    FROM python:3.9-slim
    WORKDIR /usr/src/app
    COPY requirements.txt ./
    RUN pip install --no-cache-dir -r requirements.txt
    COPY . .
    CMD [ "gunicorn", "--bind", "0.0.0.0:5000", "app:app" ]

    """

    func story(_ options: ExplainerOptions = ExplainerOptions()) throws -> ExplainerStory {
        let dockerfile = try DockerfileParser.parse(Self.source, path: "flask-app/Dockerfile")
        return try ExplainerStoryBuilder.story(dockerfile: dockerfile, source: Self.source, displayPath: "flask-app/Dockerfile",
                                               image: SampleImages.flask, options: options)
    }

    func testStepsFollowTheStoryInOrder() throws {
        let phases = try story().steps.map(\.phase.rawValue)
        XCTAssertEqual(phases, ["dockerfile"] + Array(repeating: "build", count: 6)
            + ["image", "inspect", "run", "run-second", "write", "modify", "delete", "remove", "commit", "run-committed", "analogy"])
        XCTAssertEqual(try story().steps.map(\.number), Array(1...18))
    }

    func testStepsAreGroupedIntoBuildRunChangeCommit() throws {
        let parts = try story().steps.map(\.part.rawValue)
        XCTAssertEqual(parts, Array(repeating: "build", count: 9) + ["run", "run"] + Array(repeating: "change", count: 3)
            + Array(repeating: "commit", count: 4))
        let html = try ExplainerMarkupTests.figure()
        XCTAssertEqual(html.components(separatedBy: "<h4 class=\"explainer-static-part\">").count - 1, 4)
        XCTAssertTrue(html.contains("<h4 class=\"explainer-static-part\">Change</h4>\n<ol class=\"explainer-static-steps\" start=\"12\">"), html)
    }

    func testInspectShowsTheConfigAndTheLayerDigests() throws {
        let inspect = try XCTUnwrap(try story().steps.first { $0.phase == .inspect })
        XCTAssertEqual(inspect.command, "docker image inspect flask-app")
        XCTAssertEqual(inspect.output, ImageInspect.json(SampleImages.flask))
        for layer in SampleImages.flask.layers {
            XCTAssertTrue(inspect.output?.contains("\"\(layer.id.digest)\"") == true, "RootFS lists \(layer.id.digest)")
        }
        XCTAssertTrue(inspect.text.contains("\(SampleImages.flask.layers.count) layer digests (the diff_ids)"), inspect.text)
    }

    func testTheStoryClosesOnTheAuthorsPrintoutAnalogy() throws {
        let story = try story()
        let last = try XCTUnwrap(story.steps.last)
        XCTAssertEqual(last.phase, .analogy)
        XCTAssertTrue(last.text.hasPrefix("In the author's words, images are snapshots and containers are printouts"), last.text)
        XCTAssertTrue(last.text.contains("flask-app-1 and flask-app-2 were two printouts of it"), last.text)
        XCTAssertTrue(last.text.contains("plus one layer of"), last.text)
        XCTAssertEqual(last.command, #"docker image ls --format "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}""#)
        let committed = story.images[1], original = story.images[0]
        XCTAssertEqual(last.output, """
            REPOSITORY            TAG       IMAGE ID       SIZE
            flask-app-committed   latest    \(committed.id)   \(HistoryFormatter.humanSize(committed.size))
            flask-app             latest    \(original.id)   \(HistoryFormatter.humanSize(original.size))

            """)
    }

    func testTheMergedViewIsAFolderTreeWithLayersAndSizes() throws {
        let story = try story()
        let image = try XCTUnwrap(story.steps.first { $0.phase == .image })
        let paths = image.merged.map(\.path)
        let app = try XCTUnwrap(paths.firstIndex(of: "/usr/src/app/app.py"))
        // The folders above a file come right before it, each one level less deep.
        let folders = ["/usr", "/usr/src", "/usr/src/app"].compactMap { paths.firstIndex(of: $0) }
        XCTAssertEqual(folders.count, 3)
        XCTAssertEqual(folders, folders.sorted())
        XCTAssertLessThan(folders.last ?? .max, app)
        XCTAssertEqual(image.merged[app].depth, 3)
        XCTAssertEqual(image.merged[folders[0]].depth, 0)
        XCTAssertNotNil(image.merged[app].layer, "a file names the layer it comes from")
        XCTAssertNotNil(image.merged[app].size)
        let src = image.merged[folders[1]]
        if src.status == "folder" {
            let below = image.merged.filter { $0.status != "folder" && $0.path.hasPrefix("/usr/src/") }
            XCTAssertEqual(src.size, below.reduce(0) { $0 + ($1.size ?? 0) }, "a folder row weighs what is listed below it")
        }
        XCTAssertEqual(paths, paths.sorted { $0.split(separator: "/").lexicographicallyPrecedes($1.split(separator: "/")) })
    }

    func testEfficiencyCountsTheHiddenAndCopiedUpBytesOfTheCommit() throws {
        let story = try story()
        let original = story.images[0], committed = story.images[1]
        let expected = ImageEfficiency(SampleImages.flask)
        XCTAssertEqual(original.wastedBytes, expected.wastedBytes)
        XCTAssertEqual(original.efficiency, expected.score)
        // The commit stores /etc/motd's whiteout over the lower copy, and app.py twice.
        let delete = try XCTUnwrap(story.steps.first { $0.phase == .delete })
        let hidden = delete.hidden.reduce(0) { $0 + ($1.size ?? 0) }
        XCTAssertGreaterThan(hidden, 0)
        XCTAssertGreaterThanOrEqual(committed.wastedBytes - original.wastedBytes, hidden)
        XCTAssertLessThan(committed.efficiency, original.efficiency)
    }

    func testTheOnDiskViewShowsUpperDirectoryAndTheCommittedTar() throws {
        let steps = try story().steps
        let run = try XCTUnwrap(steps.first { $0.phase == .run })
        XCTAssertEqual(run.disk?.lower, Array((0..<SampleImages.flask.layers.count).reversed()), "lowerdir lists the layers top first")
        XCTAssertEqual(run.disk?.upper, [])
        XCTAssertEqual(run.disk?.tar, [])
        let delete = try XCTUnwrap(steps.first { $0.phase == .delete })
        let motd = try XCTUnwrap(delete.disk?.upper.first { $0.path == "etc/motd" })
        XCTAssertEqual(motd.kind, "character device 0/0: the whiteout", "overlay2 keeps a deletion as a 0/0 device")
        XCTAssertTrue(delete.disk?.upper.contains { $0.path == "etc/" && $0.kind == "folder" } == true, "the folder is copied up")
        XCTAssertFalse(delete.disk?.upper.contains { $0.path.contains(".wh.") } == true, "no .wh. file in a running container")
        let commit = try XCTUnwrap(steps.first { $0.phase == .commit })
        let whiteout = try XCTUnwrap(commit.disk?.tar.first { $0.path == "etc/.wh.motd" })
        XCTAssertEqual(whiteout.size, 0)
        XCTAssertEqual(commit.disk?.tar.map(\.path), ["etc/", "etc/.wh.motd", "tmp/", "tmp/notes.txt", "usr/", "usr/src/", "usr/src/app/",
                                                      "usr/src/app/app.py"])
        XCTAssertNil(steps.first { $0.phase == .image }?.disk, "no container, no upper directory")
    }

    func testTwoContainersOfOneImageHaveTheirOwnWritableLayers() throws {
        let steps = try story().steps
        let second = try XCTUnwrap(steps.first { $0.phase == .runSecond })
        XCTAssertEqual(second.container?.name, "flask-app-1")
        XCTAssertEqual(second.others.map(\.name), ["flask-app-2"])
        XCTAssertEqual(second.command, #"docker run -d --name flask-app-2 flask-app && docker ps -s --format "table {{.Names}}\t{{.Image}}\t{{.Size}}""#)
        // docker run -d prints the new container's 64-digit id, then docker ps -s lists both instances.
        let id = Container(image: SampleImages.flask, name: "flask-app-2").id
        XCTAssertTrue(id.count == 64 && id.allSatisfy(\.isHexDigit), id)
        XCTAssertNotEqual(id, Container(image: SampleImages.flask, name: "flask-app-1").id)
        XCTAssertEqual(second.output, """
            \(id)
            NAMES         IMAGE       SIZE
            flask-app-2   flask-app   0B (virtual 106MB)
            flask-app-1   flask-app   0B (virtual 106MB)

            """)
        // Changing one container leaves the other's writable layer empty.
        let delete = try XCTUnwrap(steps.first { $0.phase == .delete })
        XCTAssertEqual(delete.container?.changes.count, 3)
        XCTAssertEqual(delete.others.map(\.changes.count), [0])
        let first = try XCTUnwrap(steps.first { $0.phase == .run })
        XCTAssertEqual(first.output, Container(image: SampleImages.flask, name: "flask-app-1").id + "\n")
        let remove = try XCTUnwrap(steps.first { $0.phase == .remove })
        XCTAssertEqual(remove.command, "docker rm -f flask-app-2")
        XCTAssertEqual(remove.others, [], "its writable layer went with it")
        XCTAssertTrue(remove.text.contains("Keeping them is what docker commit is for"), remove.text)
        XCTAssertLessThan(steps.firstIndex { $0.phase == .remove } ?? 0, steps.firstIndex { $0.phase == .commit } ?? 0)
    }

    func testBuildAddsALayerOnlyForInstructionsThatChangeFiles() throws {
        let story = try story()
        let build = story.steps.filter { $0.phase == .build }
        let base = SampleImages.flask.layers.filter { $0.origin != "flask-app" }.count
        // WORKDIR (creates its folder), COPY, RUN, COPY make layers; CMD only changes the config.
        XCTAssertEqual(build.map(\.layerCount), [base, base + 1, base + 2, base + 3, base + 4, base + 4])
        XCTAssertEqual(build.map(\.lines), [[1], [2], [3], [4], [5], [6]])
        XCTAssertEqual(build.first?.newLayer, nil, "FROM brings the base layers, it adds none of its own")
        XCTAssertEqual(build.dropFirst().map(\.newLayer), [base, base + 1, base + 2, base + 3, nil])
        XCTAssertTrue(build[0].text.contains("python:3.9-slim"), build[0].text)
        XCTAssertEqual(story.instructions.map(\.configOnly), [false, false, false, false, false, true])
        XCTAssertTrue(build[5].text.contains("changes only the image's config: no layer, just a history entry marked empty_layer"),
                      build[5].text)
        XCTAssertFalse(story.steps[0].text.contains("every instruction after FROM adds one layer"))
        XCTAssertEqual(story.steps[0].command, "docker build --progress=plain -t flask-app .",
                       "the build command comes before any step uses its tag")
        XCTAssertEqual(story.instructions[3].layer.map { story.layers[$0].startLine }, 4)
        XCTAssertFalse(build.contains { $0.locked }, "layers are only locked once the image is finished")
        let copied = build[4].merged.first { $0.path == "/usr/src/app/app.py" }
        XCTAssertEqual(copied?.layer, base + 3)
        XCTAssertNil(build[3].merged.first { $0.path == "/usr/src/app/app.py" }, "app.py only appears with COPY . .")
    }

    /// Each build step shows the command and the part of BuildKit's plain output for its instruction.
    func testBuildStepsShowTheirPartOfDockerBuildsOutput() throws {
        let story = try story()
        let build = story.steps.filter { $0.phase == .build }
        XCTAssertTrue(([story.steps[0]] + build).allSatisfy { $0.command == "docker build --progress=plain -t flask-app ." })
        let preamble = try XCTUnwrap(story.steps[0].output)
        XCTAssertTrue(preamble.hasPrefix("#0 building with \"default\" instance using docker driver\n\n#1 [internal] load build definition from Dockerfile\n"),
                      preamble)
        XCTAssertTrue(preamble.contains("#2 [internal] load metadata for docker.io/library/python:3.9-slim\n"), preamble)
        XCTAssertTrue(preamble.hasSuffix("#3 [internal] load .dockerignore\n#3 transferring context: 2B done\n#3 DONE 0.0s\n"), preamble)
        let firstLines = build.map { $0.output?.split(separator: "\n").first.map(String.init) }
        XCTAssertEqual(firstLines, [
            "#4 [1/5] FROM docker.io/library/python:3.9-slim",
            "#6 [2/5] WORKDIR /usr/src/app",
            "#5 [internal] load build context",
            "#8 [4/5] RUN pip install --no-cache-dir -r requirements.txt",
            "#9 [5/5] COPY . .",
            "#10 exporting to image",
        ])
        XCTAssertTrue(build[2].output?.contains("\n\n#7 [3/5] COPY requirements.txt ./\n#7 DONE 0.0s\n") == true, build[2].output ?? "")
        // CMD has no vertex of its own; as the last instruction it is followed by the export.
        XCTAssertTrue(build[5].text.contains("BuildKit makes no vertex for CMD"), build[5].text)
        XCTAssertTrue(build[5].output?.contains("#10 writing image \(SampleImages.flask.id) done\n#10 naming to docker.io/library/flask-app done\n") == true,
                      "the image written is the model's one image id: \(build[5].output ?? "")")
        XCTAssertTrue(SampleImages.flask.id.dropFirst("sha256:".count).hasPrefix(story.images[0].id),
                      "the same id the other steps show, in full: \(story.images[0].id)")
    }

    func testImageThenRunAddsAnEmptyWritableLayer() throws {
        let steps = try story().steps
        let image = steps[7], run = steps[9]
        XCTAssertTrue(image.locked)
        XCTAssertNil(image.container)
        XCTAssertEqual(run.container?.changes, [])
        XCTAssertEqual(run.container?.name, "flask-app-1")
        XCTAssertEqual(run.merged, image.merged, "a fresh container sees exactly the image's files")
    }

    func testChangesShowCopyUpAndWhiteoutWithDefaultsFromTheModel() throws {
        let story = try story()
        let write = story.steps[11], modify = story.steps[12], delete = story.steps[13]
        XCTAssertEqual(write.container?.changes.map(\.path), ["/tmp/notes.txt"])
        XCTAssertEqual(write.merged.first { $0.path == "/tmp/notes.txt" }?.status, "added")
        XCTAssertNil(write.merged.first { $0.path == "/tmp/notes.txt" }?.layer)

        let appLayer = story.layers.firstIndex { $0.keyword == "COPY" && $0.createdBy == "COPY . ." }
        let copied = modify.merged.first { $0.path == "/usr/src/app/app.py" }
        XCTAssertEqual(copied?.status, "copied-up")
        XCTAssertNil(copied?.layer, "a copied-up file now comes from the writable layer")
        XCTAssertEqual(copied?.copiedFrom, appLayer)
        XCTAssertEqual(modify.container?.changes.last?.kind, "modified")
        XCTAssertEqual(modify.container?.changes.last?.copiedUpFrom, appLayer)

        XCTAssertNil(delete.merged.first { $0.path == "/etc/motd" }, "the deleted file disappears from the merged view")
        XCTAssertEqual(delete.hidden.map(\.path), ["/etc/motd"])
        XCTAssertEqual(delete.hidden.first?.layer, 0, "its lower copy still sits in the debian layer")
        XCTAssertEqual(delete.container?.changes.last?.storedPath, "/etc/.wh.motd")
        XCTAssertTrue(delete.text.contains(".wh.motd"), delete.text)
    }

    func testCommitMakesANewImageAndLeavesTheOriginalUnchanged() throws {
        let story = try story()
        let original = story.images[0], committed = story.images[1]
        XCTAssertEqual(original.layers, Array(0..<SampleImages.flask.layers.count))
        XCTAssertEqual(committed.layers, original.layers + [original.layers.count])
        XCTAssertEqual(committed.name, "flask-app-committed")
        XCTAssertNotEqual(committed.id, original.id)
        XCTAssertEqual(original.id, SampleImages.flask.shortID)
        XCTAssertEqual(story.layers.last?.keyword, "COMMIT")

        let commit = story.steps[15], next = story.steps[16]
        XCTAssertEqual(commit.image, 0)
        XCTAssertEqual(commit.besideImage, 1)
        XCTAssertEqual(next.image, 1)
        XCTAssertEqual(next.besideImage, 0)
        XCTAssertEqual(next.layerCount, committed.layers.count)
        XCTAssertEqual(next.newLayer, committed.layers.last, "the commit's layer is the news of the last step")
        XCTAssertEqual(next.container?.changes, [])
        XCTAssertEqual(next.container?.image, 1)
        let notes = next.merged.first { $0.path == "/tmp/notes.txt" }
        XCTAssertEqual(notes?.layer, committed.layers.last, "the new container reads notes.txt from the commit's layer")
        XCTAssertEqual(notes?.status, "image")
        XCTAssertNil(next.merged.first { $0.path == "/etc/motd" })
        XCTAssertEqual(next.hidden.map(\.path), ["/etc/motd"])
    }

    func testNamedChangesAreUsed() throws {
        let story = try story(ExplainerOptions(write: "/usr/src/app/log.txt", writeSize: 300, modify: "/etc/motd",
                                               delete: "/usr/src/app/requirements.txt", containerName: "web"))
        let final = story.steps[13].container
        XCTAssertEqual(final?.name, "web")
        XCTAssertEqual(final?.changes.map(\.path), ["/usr/src/app/log.txt", "/etc/motd", "/usr/src/app/requirements.txt"])
        XCTAssertEqual(final?.size, 300 + 286)
        XCTAssertEqual(story.images[1].name, "flask-app-committed")
    }

    func testChangesTheModelRefusesAreErrors() throws {
        XCTAssertThrowsError(try story(ExplainerOptions(modify: "/no/such/file"))) { error in
            XCTAssertEqual(error as? ExplainerError,
                           .containerChange(path: "/no/such/file", reason: "cannot modify a file that does not exist in the container"))
        }
        XCTAssertThrowsError(try story(ExplainerOptions(delete: "/nothing"))) { error in
            guard case .containerChange(let path, _)? = error as? ExplainerError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nothing")
        }
    }

    func testAnImageWithoutFilesCannotShowACopyUp() throws {
        let empty = Image(name: "empty", layers: [], history: [], config: ImageConfig(), chain: [])
        let dockerfile = try DockerfileParser.parse("FROM scratch\n", path: "Dockerfile")
        XCTAssertThrowsError(try ExplainerStoryBuilder.story(dockerfile: dockerfile, source: "FROM scratch\n",
                                                             displayPath: "Dockerfile", image: empty)) { error in
            XCTAssertEqual(error as? ExplainerError, .noLowerFile(purpose: "modify"))
            XCTAssertTrue("\(error)".contains("name one with the tag's option"))
        }
    }

    func testOnlyTheFinalStageAddsLayers() throws {
        let source = """
        FROM scratch AS builder
        COPY app.py /src/
        FROM scratch
        COPY --from=builder /src/app.py /app/
        COPY motd /etc/motd
        CMD ["python3", "/app/app.py"]

        """
        let dockerfile = try DockerfileParser.parse(source, path: "multi/Dockerfile")
        let context = BuildContext(files: [.init(path: "app.py", size: 300), .init(path: "motd", size: 20)])
        let image = try LayerModel.build(dockerfile, context: context, options: BuildOptions(name: "multi")).image
        let story = try ExplainerStoryBuilder.story(dockerfile: dockerfile, source: source, displayPath: "multi/Dockerfile", image: image)
        let build = story.steps.filter { $0.phase == .build }
        XCTAssertEqual(build.count, 6)
        XCTAssertTrue(build[0].text.contains("earlier build stage"), build[0].text)
        XCTAssertTrue(build[1].text.contains("adds nothing to the final image"), build[1].text)
        XCTAssertTrue(build[2].text.contains("starts from an empty image"), build[2].text)
        XCTAssertEqual(build.map(\.layerCount), [0, 0, 0, 1, 2, 2])
        XCTAssertEqual(story.instructions.map { $0.layer != nil }, [false, false, false, true, true, false])
        XCTAssertEqual(story.steps.first { $0.phase == .modify }?.container?.changes.last?.path, "/etc/motd",
                       "the top layer's file is modified")
        XCTAssertEqual(story.steps.first { $0.phase == .delete }?.container?.changes.last?.path, "/app/app.py",
                       "with no base image, another of the image's own files is deleted")
    }

    func testStoryGolden() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(try story()), as: UTF8.self) + "\n"
        Golden.assertMatches(json, named: "explainer-flask-story.json")
    }
}
