import Foundation
import XCTest
@testable import LayerModel

/// Hostile and broken input: a located error or a well-defined result, never a crash or a hang.
final class BadInputTests: XCTestCase {
    func testEmptyAndCommentOnlyFilesAreLocatedErrors() {
        for text in ["", "\n\n", "# only a comment\n", "   \n\t# indented comment\n"] {
            XCTAssertThrowsError(try DockerfileParser.parse(text, path: "Dockerfile"), text.debugDescription) { error in
                let error = error as? DockerfileError
                XCTAssertGreaterThanOrEqual(error?.line ?? 0, 1)
                XCTAssertTrue(error?.message.contains("expected at least one instruction") == true)
            }
        }
    }

    func testBinaryJunkIsRejectedAtTheFirstBadByte() {
        var generator = SplitMix(seed: 42)
        var bytes = Array("FROM alpine\nRUN ok\n".utf8)
        bytes += (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        XCTAssertThrowsError(try DockerfileParser.parse(bytes: bytes, path: "junk")) { error in
            let error = error as? DockerfileError
            XCTAssertGreaterThanOrEqual(error?.line ?? 0, 3)
            XCTAssertGreaterThanOrEqual(error?.column ?? 0, 1)
            XCTAssertTrue(error?.message.contains("UTF-8") == true)
        }
        XCTAssertThrowsError(try DockerfileParser.parse(bytes: [0x46, 0x52, 0xC3, 0x28], path: "junk")) { error in
            XCTAssertEqual((error as? DockerfileError)?.column, 3)
        }
    }

    func testATenMegabyteDockerfileParsesInReasonableTime() throws {
        var text = "FROM scratch\n"
        let line = "RUN echo " + String(repeating: "x", count: 40) + " \\\n    && echo more\n"
        while text.utf8.count < 10_000_000 { text += line }
        let start = Date()
        let dockerfile = try DockerfileParser.parse(text, path: "big")
        XCTAssertEqual(dockerfile.instructions.count, 144_929)
        XCTAssertEqual(dockerfile.instructions.last?.endLine, 2 * 144_928 + 1)
        XCTAssertLessThan(Date().timeIntervalSince(start), 60, "parsing 10 MB must stay linear")
    }

    func testAnOverlongLineIsALocatedError() {
        let text = "FROM scratch\nRUN " + String(repeating: "y", count: 10_000_000) + "\n"
        XCTAssertThrowsError(try DockerfileParser.parse(text, path: "long")) { error in
            XCTAssertEqual((error as? DockerfileError)?.line, 2)
        }
    }

    func testAnUnterminatedHeredocPointsAtItsInstruction() {
        XCTAssertThrowsError(try DockerfileParser.parse("FROM a\n  RUN cat <<EOF\nbody\n", path: "D")) { error in
            let error = error as? DockerfileError
            XCTAssertEqual(error?.line, 2)
            XCTAssertEqual(error?.column, 3)
            XCTAssertEqual(error?.description, "D:2:3: error: unterminated heredoc: expected a line with just EOF before the end of the file")
        }
    }

    func testUnknownInstructionsParseButDoNotBuild() throws {
        let dockerfile = try DockerfileParser.parse("FROM scratch\nFROOM x\n", path: "D")
        XCTAssertEqual(dockerfile.instructions.last?.args, [""])
        XCTAssertThrowsError(try build(dockerfile, context: .empty)) { error in
            XCTAssertEqual((error as? DockerfileError)?.line, 2)
        }
    }

    func testMissingFileIsAnErrorNotACrash() {
        XCTAssertThrowsError(try DockerfileParser.parseFile(atPath: "/nonexistent/Dockerfile"))
        XCTAssertThrowsError(try ImageBuilder().build(dockerfileAt: "/nonexistent/Dockerfile"))
    }

    func testRandomMutationsNeverCrash() {
        var generator = SplitMix(seed: 7)
        let pieces = ["FROM a", "RUN <<EOF", "EOF", "\\", "`", "# escape=`", "[\"a\"", "ENV a=b", "ONBUILD", "COPY --from=x", "${", "\"", "'", "\t", "\r", "\n", " ", "<<-X", "X", "HEALTHCHECK"]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            if let dockerfile = try? DockerfileParser.parse(text, path: "fuzz") {
                _ = try? build(dockerfile, context: .empty)
                _ = DockerfileJSON.encode(dockerfile)
            }
        }
    }
}

/// A tiny deterministic generator so the junk is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class ErrorLocationTests: XCTestCase {
    func testArgumentErrorsPointAtTheArguments() {
        let cases: [(String, Int, Int)] = [
            ("FROM a\nRUN [\"x\", 1]\n", 2, 5),
            ("FROM a\n  ENV   ONLYKEY\n", 2, 9),
            ("FROM a\nLABEL \\\n  a=b c\n", 2, 1),
        ]
        for (text, line, column) in cases {
            XCTAssertThrowsError(try DockerfileParser.parse(text, path: "D"), text) { error in
                XCTAssertEqual((error as? DockerfileError)?.line, line, text)
                XCTAssertEqual((error as? DockerfileError)?.column, column, text)
            }
        }
    }
}
