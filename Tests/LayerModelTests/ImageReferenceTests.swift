import XCTest
@testable import LayerModel

final class ImageReferenceTests: XCTestCase {
    func testOfficialImageIsNormalisedToDockerHubLibrary() throws {
        let reference = try ImageReference(parsing: "python:3.9-slim")
        XCTAssertEqual(reference.normalized, "docker.io/library/python:3.9-slim")
        XCTAssertEqual(reference.familiar, "python:3.9-slim")
        XCTAssertEqual(reference.repository, "docker.io/library/python")
    }

    func testMissingTagMeansLatest() throws {
        XCTAssertEqual(try ImageReference(parsing: "debian").normalized, "docker.io/library/debian:latest")
    }

    func testUserRepositoryStaysOnDockerHub() throws {
        let reference = try ImageReference(parsing: "team/app:1.0")
        XCTAssertEqual(reference.normalized, "docker.io/team/app:1.0")
        XCTAssertEqual(reference.familiar, "team/app:1.0")
    }

    func testRegistryWithPort() throws {
        let reference = try ImageReference(parsing: "localhost:5000/app")
        XCTAssertEqual(reference.domain, "localhost:5000")
        XCTAssertEqual(reference.path, "app")
        XCTAssertEqual(reference.normalized, "localhost:5000/app:latest")
        let other = try ImageReference(parsing: "registry.example.com:443/a/b/c:v2")
        XCTAssertEqual(other.domain, "registry.example.com:443")
        XCTAssertEqual(other.path, "a/b/c")
        XCTAssertEqual(other.tag, "v2")
    }

    func testDigestWithoutTagHasNoTag() throws {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let reference = try ImageReference(parsing: "python@" + digest)
        XCTAssertNil(reference.tag)
        XCTAssertEqual(reference.digest, digest)
        XCTAssertEqual(reference.normalized, "docker.io/library/python@" + digest)
        let both = try ImageReference(parsing: "python:3.9@" + digest)
        XCTAssertEqual(both.normalized, "docker.io/library/python:3.9@" + digest)
    }

    func testIndexDockerIoIsDockerHub() throws {
        XCTAssertEqual(try ImageReference(parsing: "index.docker.io/library/python:3").normalized, "docker.io/library/python:3")
    }

    func testInvalidReferencesAreRejectedWithAReason() {
        let invalid = [
            "", "Python:3.9", "python:", "python:-x", "python@sha256:12", "a//b", "a/", "/a",
            "python:3.9:1", "a..b", "-a", "a-", "host:port/app", "python:" + String(repeating: "t", count: 129),
        ]
        for text in invalid {
            XCTAssertThrowsError(try ImageReference(parsing: text), "expected '\(text)' to be rejected") { error in
                XCTAssertTrue("\(error)".contains("invalid image reference"), "\(error)")
            }
        }
    }

    func testSeparatorsInsidePathComponents() throws {
        XCTAssertEqual(try ImageReference(parsing: "my_org/my__app.x-y--z").path, "my_org/my__app.x-y--z")
        XCTAssertThrowsError(try ImageReference(parsing: "my___app"))
    }

    func testUppercaseRegistryHostIsAllowed() throws {
        XCTAssertEqual(try ImageReference(parsing: "Registry.Example/app").domain, "Registry.Example")
    }
}
