import XCTest
@testable import LayerModel

final class VariableExpansionTests: XCTestCase {
    func testGlobalArgsBeforeFromAndBuildArgOverrides() throws {
        let text = "ARG BASE=scratch\nARG DIR=/opt\nFROM ${BASE}\nARG DIR\nWORKDIR $DIR/app\n"
        XCTAssertEqual(try buildText(text).image.config.workingDir, "/opt/app")
        let overridden = try buildText(text, options: BuildOptions(name: "app", buildArgs: ["DIR": "/srv"]))
        XCTAssertEqual(overridden.image.config.workingDir, "/srv/app")
    }

    func testUnusedBuildArgsAreWarnedAbout() throws {
        let result = try buildText("FROM scratch\nARG USED\n", options: BuildOptions(name: "app", buildArgs: ["USED": "1", "TYPO": "2", "HTTP_PROXY": "x"]))
        XCTAssertEqual(result.warnings.map(\.message), ["build arguments [TYPO] were not consumed (expected an ARG with that name)"])
    }

    func testGlobalArgIsNotVisibleInAStageUntilDeclared() throws {
        let image = try buildText("ARG V=1\nFROM scratch\nENV A=\"[$V]\"\nARG V\nENV B=\"[$V]\"\n").image
        XCTAssertEqual(image.config.environment["A"], "[]")
        XCTAssertEqual(image.config.environment["B"], "[1]")
    }

    func testDefaultsAlternativesAndEscapes() throws {
        let image = try buildText("""
            FROM scratch
            ENV SET=yes EMPTY=
            ENV A=${UNSET:-fallback} B=${SET:-fallback} C=${SET:+alt} D=${UNSET:+alt} E=${EMPTY:-e} F=\\$SET G='$SET' H="$SET"
            """).image
        let env = image.config.environment
        XCTAssertEqual(env["A"], "fallback")
        XCTAssertEqual(env["B"], "yes")
        XCTAssertEqual(env["C"], "alt")
        XCTAssertEqual(env["D"], "")
        XCTAssertEqual(env["E"], "e")
        XCTAssertEqual(env["F"], "$SET")
        XCTAssertEqual(env["G"], "$SET")
        XCTAssertEqual(env["H"], "yes")
    }

    func testEnvIsVisibleToLaterInstructionsButNotTheSameOne() throws {
        let image = try buildText("FROM scratch\nENV A=1\nENV A=2 B=$A\nWORKDIR /w$B\n").image
        XCTAssertEqual(image.config.environment["B"], "1")
        XCTAssertEqual(image.config.workingDir, "/w1")
        XCTAssertEqual(image.config.env.first { $0.hasPrefix("A=") }, "A=2", "a later ENV replaces the key in place")
    }

    func testBacktickEscapeDirectiveAppliesToExpansion() throws {
        let image = try buildText("# escape=`\nFROM scratch\nENV A=1 B=`$A\n").image
        XCTAssertEqual(image.config.environment["B"], "$A")
    }

    func testScratchGetsTheDefaultPath() throws {
        let image = try buildText("FROM scratch\nENV PATH=/custom:$PATH\n").image
        XCTAssertEqual(image.config.environment["PATH"], "/custom:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    }

    func testBadSubstitutionIsALocatedError() {
        XCTAssertThrowsError(try buildText("FROM scratch\nENV A=${\n")) { error in
            XCTAssertEqual((error as? DockerfileError)?.line, 2)
        }
        XCTAssertThrowsError(try buildText("FROM scratch\nENV A=${B:?must_be_set}\n")) { error in
            XCTAssertTrue((error as? DockerfileError)?.message.contains("B: must_be_set") == true)
        }
    }

    func testLexerKeepsUnsetVariablesWhenAsked() throws {
        let lexer = ShellLexer(escape: "\\", rawQuotes: false, rawEscapes: false, skipUnset: true)
        XCTAssertEqual(try lexer.expandWord("$A ${B} $1", environment: [:]), "$A ${B} $1")
        XCTAssertEqual(try lexer.expandWords("a 'b c' \"d $X\"", environment: ["X": "x"]), ["a", "b c", "d x"])
    }
}
