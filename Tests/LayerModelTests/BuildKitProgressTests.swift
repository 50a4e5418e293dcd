import Foundation
import XCTest
@testable import LayerModel

/// `docker build --progress=plain` as the model prints it, checked against the shape of
/// BuildKit's plain printer and dockerfile2llb's vertex numbering (`cmdTotal`, `prefixCommand`).
final class BuildKitProgressTests: XCTestCase {
    func flask() throws -> (Image, BuildKitProgress, Int) {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let path = CatalogueTests.samples.appendingPathComponent("flask-app/Dockerfile").path
        let result = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path, options: BuildOptions(name: "flask-app"))
        let dockerfile = try DockerfileParser.parseFile(atPath: path)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path)).count
        return (result.image, BuildKitProgress(dockerfile: dockerfile, image: result.image, dockerfileBytes: bytes, contextBytes: 1_234), bytes)
    }

    func testFlaskAppPrintsEveryVertexInBuildKitsOrder() throws {
        let (image, progress, bytes) = try flask()
        XCTAssertEqual(progress.text, """
        #0 building with "default" instance using docker driver

        #1 [internal] load build definition from Dockerfile
        #1 transferring dockerfile: \(bytes)B done
        #1 DONE 0.0s

        #2 [internal] load metadata for docker.io/library/python:3.9-slim
        #2 DONE 0.0s

        #3 [internal] load .dockerignore
        #3 transferring context: 2B done
        #3 DONE 0.0s

        #4 [1/5] FROM docker.io/library/python:3.9-slim@\(try pythonManifestDigest())
        #4 DONE 0.0s

        #5 [internal] load build context
        #5 transferring context: 1.23kB done
        #5 DONE 0.0s

        #6 [2/5] WORKDIR /usr/src/app
        #6 DONE 0.0s

        #7 [3/5] COPY requirements.txt ./
        #7 DONE 0.0s

        #8 [4/5] RUN pip install --no-cache-dir -r requirements.txt
        #8 DONE 0.0s

        #9 [5/5] COPY . .
        #9 DONE 0.0s

        #10 exporting to image
        #10 exporting layers
        #10 exporting layers 0.0s done
        #10 writing image \(image.id) done
        #10 naming to docker.io/library/flask-app done
        #10 DONE 0.0s

        """)
    }

    func testTheWrittenImageIsTheModelsImageID() throws {
        let (image, progress, _) = try flask()
        let written = progress.export?.status.first { $0.hasPrefix("writing image ") }
        XCTAssertEqual(written, "writing image \(image.id) done")
        XCTAssertTrue(image.id.hasPrefix("sha256:") && image.id.count == 71, image.id)
    }

    func testSlicesBelongToTheirInstructions() throws {
        let (_, progress, _) = try flask()
        XCTAssertEqual(progress.preamble.map(\.number), [1, 2, 3])
        XCTAssertEqual(progress.vertices(forInstructionAt: 1).map(\.name),
                       ["[1/5] FROM docker.io/library/python:3.9-slim@\(try pythonManifestDigest())"])
        // The context is loaded for the first COPY that reads it, and printed with it.
        XCTAssertEqual(progress.vertices(forInstructionAt: 5).map(\.name),
                       ["[internal] load build context", "[3/5] COPY requirements.txt ./"])
        XCTAssertEqual(progress.vertices(forInstructionAt: 10), [], "CMD changes the config only: BuildKit makes no vertex")
        XCTAssertEqual(progress.export?.name, "exporting to image")
        XCTAssertEqual(progress.vertices.map(\.number), Array(1...10), "vertices are numbered in print order")
    }

    /// python:3.9-slim built on its own, and its manifest's digest.
    func pythonManifestDigest() throws -> String {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let path = CatalogueTests.samples.appendingPathComponent("python-3.9-slim/Dockerfile").path
        let python = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path, options: BuildOptions(name: "python:3.9-slim"))
        return OCIImageManifest(python.image).digest
    }

    /// BuildKit pins a tagged base to its manifest digest in the FROM vertex; one base has one
    /// digest, the same in the build of every image FROM it, and a different one from its own base.
    func testTheBaseIsPinnedToOneManifestDigest() throws {
        let (image, progress, _) = try flask()
        let digest = try pythonManifestDigest()
        XCTAssertTrue(digest.hasPrefix("sha256:") && digest.count == 71, digest)
        XCTAssertEqual(image.chain.first { $0.name == "python:3.9-slim" }?.manifestDigest, digest)
        XCTAssertNil(image.chain.last?.manifestDigest, "the image being built has no manifest until it is pushed")
        let debian = try XCTUnwrap(image.chain.first { $0.name == "debian:buster-slim" }?.manifestDigest)
        XCTAssertNotEqual(debian, digest)
        XCTAssertEqual(progress.vertices.filter { $0.name.contains("FROM ") }.map(\.name),
                       ["[1/5] FROM docker.io/library/python:3.9-slim@" + digest])
        // The metadata vertex names the reference as written in the Dockerfile, without the digest.
        XCTAssertTrue(progress.vertices.contains { $0.name == "[internal] load metadata for docker.io/library/python:3.9-slim" })
        // python:3.9-slim's own build pins debian:buster-slim to the same digest flask-app's chain holds.
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let path = CatalogueTests.samples.appendingPathComponent("python-3.9-slim/Dockerfile").path
        let python = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path, options: BuildOptions(name: "python:3.9-slim"))
        let pythonBuild = BuildKitProgress(dockerfile: try DockerfileParser.parseFile(atPath: path), image: python.image,
                                           dockerfileBytes: 1, contextBytes: 0)
        XCTAssertTrue(pythonBuild.text.contains("FROM docker.io/library/debian:buster-slim@" + debian + "\n"), pythonBuild.text)
    }

    /// The manifest follows image-spec manifest.md: schema 2, the config descriptor whose
    /// digest is the image id, one layer descriptor per diff id.
    func testTheManifestDescribesTheConfigAndEveryLayer() throws {
        let (image, _, _) = try flask()
        let manifest = OCIImageManifest(image)
        XCTAssertEqual(manifest.schemaVersion, 2)
        XCTAssertEqual(manifest.mediaType, "application/vnd.oci.image.manifest.v1+json")
        XCTAssertEqual(manifest.config.digest, image.id)
        XCTAssertEqual(manifest.config.size, OCIImageConfig(image).canonicalJSON.utf8.count)
        XCTAssertEqual(manifest.layers.map(\.digest), image.layers.map(\.id.digest))
        XCTAssertEqual(manifest.layers.map(\.size), image.layers.map(\.size))
        XCTAssertTrue(manifest.canonicalJSON.hasPrefix(#"{"config":{"digest":""#), manifest.canonicalJSON)
        XCTAssertEqual(manifest.digest, "sha256:" + SHA256.hex(manifest.canonicalJSON))
    }

    /// A base that is not in the catalogue has no known manifest: no digest is made up.
    func testAnUnknownBaseKeepsItsTag() throws {
        let names = try progress("FROM example.com/tools:1\nRUN true\n").vertices.map(\.name)
        XCTAssertTrue(names.contains("[1/2] FROM example.com/tools:1"), "\(names)")
    }

    /// Every stage's base from the catalogue is pinned, the builder's as well as the final one's,
    /// each to the digest its own build gives.
    func testEveryStagesBaseIsPinnedWhenTheStagesAreGiven() throws {
        let catalogue = try Catalogue.load(directory: CatalogueTests.samples.path)
        let source = """
        FROM python:3.9-slim AS builder
        RUN pip wheel -w /wheels flask
        FROM debian:buster-slim
        COPY --from=builder /etc/motd /motd
        """
        let dockerfile = try DockerfileParser.parse(source, path: "app/Dockerfile")
        let result = try ImageBuilder(catalogue: catalogue).build(dockerfile, context: .empty, options: BuildOptions(name: "app"))
        let python = try pythonManifestDigest()
        let debian = try XCTUnwrap(result.image.chain.first { $0.name == "debian:buster-slim" }?.manifestDigest)
        let pinned = BuildKitProgress(dockerfile: dockerfile, image: result.image, dockerfileBytes: 1, contextBytes: 0,
                                      stageImages: result.stages.map(\.image))
        XCTAssertEqual(pinned.vertices.map(\.name).filter { $0.contains("FROM ") }, [
            "[builder 1/2] FROM docker.io/library/python:3.9-slim@" + python,
            "[stage-1 1/2] FROM docker.io/library/debian:buster-slim@" + debian,
        ])
        // Without the stages only the final image's chain is known: the builder's base keeps its tag.
        let unpinned = BuildKitProgress(dockerfile: dockerfile, image: result.image, dockerfileBytes: 1, contextBytes: 0)
        XCTAssertTrue(unpinned.vertices.contains { $0.name == "[builder 1/2] FROM docker.io/library/python:3.9-slim" })
    }

    func testOnlyFromRunCopyAddAndWorkdirAreCountedAsSteps() throws {
        let source = """
        FROM alpine
        ARG VERSION=1
        LABEL maintainer=me
        ENV APP=/app
        WORKDIR /app
        USER root
        ADD app.tar /app/
        EXPOSE 80
        COPY run.sh ./
        RUN ./run.sh
        VOLUME /data
        STOPSIGNAL SIGTERM
        HEALTHCHECK CMD true
        ENTRYPOINT ["./run.sh"]
        CMD ["serve"]
        """
        let names = try progress(source).vertices.map(\.name)
        XCTAssertEqual(names.filter { $0.hasPrefix("[") && !$0.hasPrefix("[internal]") }, [
            "[1/5] FROM docker.io/library/alpine:latest",
            "[2/5] WORKDIR /app",
            "[3/5] ADD app.tar /app/",
            "[4/5] COPY run.sh ./",
            "[5/5] RUN ./run.sh",
        ])
        XCTAssertTrue(names.contains("[internal] load metadata for docker.io/library/alpine:latest"), "an untagged base is :latest")
    }

    func testStepNumbersArePaddedToTheTotalsWidth() throws {
        let source = "FROM debian:12\n" + (1...10).map { "RUN echo \($0)" }.joined(separator: "\n") + "\n"
        let names = try progress(source).vertices.map(\.name).filter { $0.hasPrefix("[ ") || $0.hasPrefix("[1") }
        XCTAssertEqual(names.first, "[ 1/11] FROM docker.io/library/debian:12")
        XCTAssertEqual(names.last, "[11/11] RUN echo 10")
    }

    func testStagesAreNamedAndOnlyTheNeededOnesRun() throws {
        let source = """
        FROM golang:1.22 AS builder
        WORKDIR /src
        COPY . .
        RUN go build -o /out/app
        FROM alpine:3.19 AS unused
        RUN echo never
        FROM builder AS tested
        RUN go test ./...
        FROM scratch
        COPY --from=builder /out/app /app
        COPY --from=tested /src/go.sum /go.sum
        ENTRYPOINT ["/app"]
        """
        let progress = try self.progress(source)
        let names = progress.vertices.map(\.name)
        XCTAssertEqual(names, [
            "[internal] load build definition from Dockerfile",
            "[internal] load metadata for docker.io/library/golang:1.22",
            "[internal] load .dockerignore",
            "[builder 1/4] FROM docker.io/library/golang:1.22",
            "[internal] load build context",
            "[builder 2/4] WORKDIR /src",
            "[builder 3/4] COPY . .",
            "[builder 4/4] RUN go build -o /out/app",
            // FROM an earlier stage is not a vertex, and does not count in the total.
            "[tested 1/1] RUN go test ./...",
            // FROM scratch is not a vertex; an unnamed stage is stage-N.
            "[stage-3 1/2] COPY --from=builder /out/app /app",
            "[stage-3 2/2] COPY --from=tested /src/go.sum /go.sum",
            "exporting to image",
        ])
        XCTAssertFalse(progress.text.contains("alpine"), "a stage the target does not need is not built")
    }

    func testSizesAsBuildKitPrintsThem() {
        XCTAssertEqual(BuildKitProgress.bytes(2), "2B")
        XCTAssertEqual(BuildKitProgress.bytes(999), "999B")
        XCTAssertEqual(BuildKitProgress.bytes(1_650), "1.65kB")
        XCTAssertEqual(BuildKitProgress.bytes(1_000), "1.00kB")
        XCTAssertEqual(BuildKitProgress.bytes(37_450_000), "37.45MB")
        XCTAssertEqual(BuildKitProgress.bytes(1_205), "1.21kB")
    }

    func progress(_ source: String) throws -> BuildKitProgress {
        let dockerfile = try DockerfileParser.parse(source, path: "app/Dockerfile")
        let context = BuildContext(files: [.init(path: "app.tar", size: 10), .init(path: "run.sh", size: 10)])
        let image = try LayerModel.build(dockerfile, context: context, options: BuildOptions(name: "app")).image
        return BuildKitProgress(dockerfile: dockerfile, image: image, dockerfileBytes: source.utf8.count, contextBytes: 20)
    }
}
