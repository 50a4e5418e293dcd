import XCTest
import Diagrams

final class DiagramOptionsTests: XCTestCase {
    func testAttributesBecomeOptions() throws {
        let options = try DiagramOptions(attributes: [
            "write": "/app/log.txt:120, /tmp/x", "modify": "/etc/hosts", "delete": "/etc/motd", "id": "fig-1",
            "container": "web",
        ])
        XCTAssertEqual(options.idPrefix, "fig-1")
        XCTAssertEqual(options.containerName, "web")
        XCTAssertEqual(options.changes, [
            .write(path: "/app/log.txt", size: 120), .write(path: "/tmp/x", size: 0),
            .modify(path: "/etc/hosts"), .delete(path: "/etc/motd"),
        ])
    }

    func testUnknownAttributesAreRejectedUnlessIgnored() throws {
        XCTAssertThrowsError(try DiagramOptions(attributes: ["colour": "red"])) { error in
            XCTAssertEqual(error as? DiagramError, .unknownOption(name: "colour", known: DiagramOptions.attributeNames))
        }
        XCTAssertNoThrow(try DiagramOptions(attributes: ["view": "stack"], ignoring: ["view"]))
    }

    func testBadValuesSayWhatWasExpected() {
        XCTAssertThrowsError(try DiagramOptions(attributes: ["write": "relative.txt"])) { error in
            XCTAssertEqual("\(error)", "invalid value 'relative.txt' for 'write': expected absolute paths starting with '/', separated by commas")
        }
        XCTAssertThrowsError(try DiagramOptions(attributes: ["write": "/a:big"]))
        XCTAssertThrowsError(try DiagramOptions(attributes: ["id": ""]))
    }

    func testViewNames() throws {
        XCTAssertEqual(try DiagramView(parsing: "chain"), .chain)
        XCTAssertThrowsError(try DiagramView(parsing: "Stack")) { error in
            XCTAssertEqual("\(error)", "invalid value 'Stack' for 'view': expected one of stack, container, chain, process, shared")
        }
    }
}

final class DiagramRequestTests: XCTestCase {
    func testTagAttributesBecomeARequest() throws {
        let request = try DiagramRequest(attributes: ["view": "shared", "other": "dockerfiles/worker/Dockerfile", "id": "f2"])
        XCTAssertEqual(request.view, .shared)
        XCTAssertEqual(request.otherDockerfile, "dockerfiles/worker/Dockerfile")
        XCTAssertEqual(request.options.idPrefix, "f2")
        XCTAssertEqual(try DiagramRequest(attributes: [:]).view, .stack)
    }

    func testMistakesAreExplained() {
        XCTAssertThrowsError(try DiagramRequest(attributes: ["view": "stacks"]))
        XCTAssertThrowsError(try DiagramRequest(attributes: ["view": "stack", "other": "x/Dockerfile"])) { error in
            XCTAssertEqual("\(error)", "invalid value 'x/Dockerfile' for 'other': expected no 'other' unless view=\"shared\"")
        }
        XCTAssertThrowsError(try DiagramRequest(attributes: ["size": "big"])) { error in
            XCTAssertEqual("\(error)", "unknown option 'size': expected one of id, container, write, modify, delete, layout, other, view")
        }
    }
}
