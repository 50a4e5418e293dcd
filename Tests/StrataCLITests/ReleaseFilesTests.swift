import Foundation
import LayerModel
import XCTest
import Yams

/// The files Strata ships besides the binary: its Dockerfile (read with Strata's own
/// parser and image model, since no Docker engine runs here), the GitHub Pages workflow
/// that docs/deploy.md hands to users, and the README's picture of the Dockerfile.
final class ReleaseFilesTests: XCTestCase {
    private let repository = StrataRunner.repository

    private func builtImage() throws -> LayerModel.BuildResult {
        let catalogue = try Catalogue.load(directory: repository.appendingPathComponent("content/dockerfiles").path)
        return try ImageBuilder(catalogue: catalogue).build(
            dockerfileAt: repository.appendingPathComponent("Dockerfile").path, options: BuildOptions(name: "strata")
        )
    }

    func testDockerfileIsAMultiStageBuildWithASlimRuntime() throws {
        let dockerfile = try DockerfileParser.parseFile(atPath: repository.appendingPathComponent("Dockerfile").path)
        let froms = dockerfile.instructions.filter { $0.name == "from" }.map(\.args)
        XCTAssertEqual(froms.count, 2, "a build stage and a runtime stage")
        XCTAssertEqual(froms.first?.last, "build")
        XCTAssertEqual(froms.last, ["debian:bookworm-slim"])
        let build = dockerfile.instructions.filter { $0.name == "run" }.map { $0.args.joined(separator: " ") }
        XCTAssertTrue(build.contains { $0.contains("swift build -c release --static-swift-stdlib -Xlinker -l_FoundationICU --product strata") }, "\(build)")

        let result = try builtImage()
        XCTAssertEqual(result.warnings.filter { $0.message.contains("not in the catalogue") }, [], "every base image is in content/dockerfiles")
        let config = result.image.config
        XCTAssertEqual(config.workingDir, "/site")
        XCTAssertEqual(config.entrypoint, ["strata"])
        XCTAssertEqual(config.cmd, ["build"], "`docker run IMAGE` builds the site")
        XCTAssertEqual(config.exposedPorts, ["4000/tcp"])
        XCTAssertEqual(result.image.chain.map(\.name), ["scratch", "debian:bookworm-slim", "strata"], "the Swift toolchain stays in the build stage")
        XCTAssertEqual(result.stages.count, 2)
    }

    /// The runtime stage installs the C libraries the binary reports, not some other version.
    func testRuntimeStageInstallsTheCmarkGFMStrataLinks() throws {
        let version = try StrataRunner.run(["--version"])
        guard let line = version.stdout.split(separator: "\n").first(where: { $0.hasPrefix("  cmark-gfm ") }) else {
            return XCTFail("no cmark-gfm in --version: \(version.stdout)")
        }
        let cmark = line.dropFirst("  cmark-gfm ".count)
        let text = try String(contentsOf: repository.appendingPathComponent("Dockerfile"), encoding: .utf8)
        XCTAssertTrue(text.contains("libcmark-gfm\(cmark) libcmark-gfm-extensions\(cmark)"), "Debian names the runtime packages by ABI version \(cmark)")
    }

    func testGitHubPagesWorkflowBuildsWithStrataAndPublishesSite() throws {
        let path = repository.appendingPathComponent("docs/examples/github-pages.yml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .mapping(let workflow)? = try Yams.compose(yaml: text) else { return XCTFail("not a YAML mapping") }
        func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
            // `on` is a YAML 1.1 boolean to some parsers: compare the key's text, not its type.
            mapping.first { $0.key.string == key }?.value
        }
        XCTAssertNotNil(value(workflow, "on")?.mapping.flatMap { value($0, "push") }, "runs on push")
        let permissions = try XCTUnwrap(value(workflow, "permissions")?.mapping)
        XCTAssertEqual(value(permissions, "pages")?.string, "write")
        XCTAssertEqual(value(permissions, "id-token")?.string, "write")
        let jobs = try XCTUnwrap(value(workflow, "jobs")?.mapping)
        func steps(_ job: String) throws -> [Node.Mapping] {
            let mapping = try XCTUnwrap(value(jobs, job)?.mapping, "job \(job)")
            return try XCTUnwrap(value(mapping, "steps")?.sequence).compactMap(\.mapping)
        }
        let build = try steps("build")
        let uses = build.compactMap { value($0, "uses")?.string }
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/checkout@") }, "\(uses)")
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/configure-pages@") }, "\(uses)")
        let runs = build.compactMap { value($0, "run")?.string }
        XCTAssertTrue(runs.contains { $0.contains("docker build") && $0.contains("STRATA_SOURCE") }, "\(runs)")
        XCTAssertTrue(runs.contains { $0.contains("strata build") && $0.contains("--baseurl \"${{ steps.pages.outputs.base_path }}\"") }, "\(runs)")
        let upload = try XCTUnwrap(build.first { value($0, "uses")?.string?.hasPrefix("actions/upload-pages-artifact@") == true })
        XCTAssertEqual(value(upload, "with")?.mapping.flatMap { value($0, "path") }?.string, "_site")
        // The upload comes after the build that fills _site/.
        let buildIndex = try XCTUnwrap(build.firstIndex { value($0, "run")?.string?.contains("strata build") == true })
        let uploadIndex = try XCTUnwrap(build.firstIndex { value($0, "uses")?.string?.hasPrefix("actions/upload-pages-artifact@") == true })
        XCTAssertLessThan(buildIndex, uploadIndex)

        let deployJob = try XCTUnwrap(value(jobs, "deploy")?.mapping)
        XCTAssertEqual(value(deployJob, "needs")?.string, "build")
        XCTAssertEqual(value(deployJob, "environment")?.mapping.flatMap { value($0, "name") }?.string, "github-pages")
        XCTAssertTrue(try steps("deploy").contains { value($0, "uses")?.string?.hasPrefix("actions/deploy-pages@") == true })
    }

    func testDeployGuideAndReadmeLinkTheWorkflowAndKeepTheirOrder() throws {
        let deploy = try String(contentsOf: repository.appendingPathComponent("docs/deploy.md"), encoding: .utf8)
        XCTAssertTrue(deploy.contains("examples/github-pages.yml"))
        for topic in ["GitHub Pages", "Netlify", "baseurl", "_site/"] {
            XCTAssertTrue(deploy.contains(topic), "docs/deploy.md says nothing about \(topic)")
        }
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let headings = readme.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        let install = try XCTUnwrap(headings.firstIndex(of: "## Install"), "\(headings)")
        let quickStart = try XCTUnwrap(headings.firstIndex(of: "## Quick start"), "\(headings)")
        let deployHeading = try XCTUnwrap(headings.firstIndex(of: "## Deploy"), "\(headings)")
        XCTAssertEqual([install, quickStart, deployHeading], [0, 1, 2], "Install, Quick start and Deploy come first: \(headings)")
        XCTAssertTrue(readme.contains("(docs/images/strata-image.svg)"), "the README draws the Dockerfile")
        XCTAssertTrue(FileManager.default.fileExists(atPath: repository.appendingPathComponent("LICENSE").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: repository.appendingPathComponent("CHANGELOG.md").path))
    }
}
