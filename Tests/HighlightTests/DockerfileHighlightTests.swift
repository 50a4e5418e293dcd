import XCTest
@testable import Highlight

/// Dockerfiles are coloured from Strata's parser: each test names the part of the parse
/// whose colour it protects. Shell comes from a stand-in so these tests need no Python.
final class DockerfileHighlightTests: XCTestCase {
    private let highlighter = DockerfileHighlighter(shell: { [HighlightToken($0, "SHELL")] })

    private func tokens(_ code: String) -> [HighlightToken] {
        let tokens = highlighter.tokens(code)
        XCTAssertEqual(tokens.map(\.text).joined(), code, "tokens must keep the text")
        return tokens
    }

    private func classes(_ code: String, of text: String) -> [String?] {
        tokens(code).filter { $0.text == text }.map(\.className)
    }

    func testInstructionsAreKeywordsAndShellFormGoesToTheShellLexer() {
        let t = tokens("FROM alpine:3.19\nRUN apk add curl\n")
        XCTAssertEqual(t.first, HighlightToken("FROM", "k"))
        XCTAssertTrue(t.contains(HighlightToken("RUN", "k")))
        XCTAssertTrue(t.contains(HighlightToken("apk add curl", "SHELL")), "\(t)")
    }

    func testFlagsNamesAndValues() {
        let t = tokens("COPY --from=build --chown=app /a /b\n")
        XCTAssertTrue(t.contains(HighlightToken("--from", "nt")))
        XCTAssertTrue(t.contains(HighlightToken("build", "s")))
        XCTAssertTrue(t.contains(HighlightToken("--chown", "nt")))
    }

    func testArgAndEnvNamesAndVariableReferences() {
        let code = "ARG VERSION=1\nFROM ${BASE:-debian} AS build\nENV HOME=/root PATH=\"$HOME/bin\"\nENV LEGACY value\n"
        XCTAssertEqual(classes(code, of: "VERSION"), ["nv"])
        XCTAssertEqual(classes(code, of: "${BASE:-debian}"), ["nv"])
        XCTAssertEqual(classes(code, of: "AS"), ["k"])
        XCTAssertEqual(classes(code, of: "PATH"), ["nv"])
        XCTAssertEqual(classes(code, of: "$HOME"), ["nv"])
        XCTAssertEqual(classes(code, of: "LEGACY"), ["nv"])
        XCTAssertEqual(classes(code, of: "\""), ["s2"])
        XCTAssertEqual(classes(code, of: "/bin\""), ["s2"])
    }

    func testExecFormIsJSON() {
        let t = tokens("CMD [\"gunicorn\", \"--bind\"]\n")
        XCTAssertTrue(t.contains(HighlightToken("[", "p")))
        XCTAssertTrue(t.contains(HighlightToken("\"gunicorn\"", "s2")))
        XCTAssertFalse(t.contains { $0.className == "SHELL" }, "exec form is not shell")
    }

    func testCommentsDirectivesAndContinuations() {
        let code = "# syntax=docker/dockerfile:1\n# a comment\nRUN a \\\n    # skipped by BuildKit\n    b\n"
        let t = tokens(code)
        XCTAssertEqual(t.first, HighlightToken("# syntax=docker/dockerfile:1", "cp"))
        XCTAssertTrue(t.contains(HighlightToken("# a comment", "c")))
    }

    func testContinuationsInShellLessInstructions() {
        let t = tokens("LABEL a=1 \\\n      b=2\n")
        XCTAssertTrue(t.contains(HighlightToken("\\\n", "se")), "\(t)")
        XCTAssertTrue(t.contains(HighlightToken("b", "na")))
    }

    func testEscapeDirectiveChangesTheContinuationCharacter() {
        let t = tokens("# escape=`\nFROM scratch\nRUN dir c:\\ `\n    && echo done\n")
        XCTAssertEqual(t.first, HighlightToken("# escape=`", "cp"))
        XCTAssertTrue(t.contains(HighlightToken("`", "se")), "\(t)")
        XCTAssertTrue(t.contains(HighlightToken("dir c:\\ ", "SHELL")), "the backslash is text, not an escape: \(t)")
    }

    func testHeredocBodiesRunHeredocsAsShell() {
        let code = "FROM scratch\nRUN <<EOT\necho hi\nEOT\nCOPY <<EOF /etc/motd\nWelcome\nEOF\n"
        let t = tokens(code)
        XCTAssertTrue(t.contains(HighlightToken("echo hi\n", "SHELL")), "\(t)")
        XCTAssertTrue(t.contains(HighlightToken("Welcome\nEOF", "sh")), "\(t)")
    }

    func testABlockThatDoesNotParseIsColouredAsFarAsItGoes() {
        // The parser rejects the unterminated heredoc on line 2: line 1 keeps its colours, the rest is text.
        let t = tokens("FROM alpine\nCOPY <<EOF /x\nnever closed\n")
        XCTAssertEqual(t.first, HighlightToken("FROM", "k"))
        XCTAssertTrue(t.contains { $0.text.contains("COPY <<EOF /x\nnever closed") && $0.className == nil }, "\(t)")
    }

    func testUnterminatedHeredocAndNonsenseNeverFail() {
        _ = tokens("docker build [path-to-Dockerfile]")
        _ = tokens("")
        _ = tokens("\n\n# only a comment")
        _ = tokens("RUN \\")
        _ = tokens("ENV A=\"unclosed")
        _ = tokens("FROM a\nRUN [\"unclosed\n")
    }
}
