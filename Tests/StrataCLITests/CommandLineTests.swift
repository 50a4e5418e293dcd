import Foundation
import XCTest
@testable import strata
#if canImport(Glibc)
import Glibc
#endif

/// The command line's promises (issue 14): exit statuses, refusals with hints, output
/// control, configuration files and environments, suggestions for misspelt names.
final class CommandLineTests: XCTestCase {
    private let post = ["_posts/2024-01-02-a.md": "---\ntitle: A\n---\nHi\n"]

    // MARK: Version and exit statuses

    func testVersionNamesStrataAndItsCLibraries() throws {
        let run = try StrataRunner.run(["--version"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("strata 0.") == true, run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  cmark-gfm 0.29") }, run.stdout)
    }

    func testHelpDocumentsTheExitStatuses() throws {
        let run = try StrataRunner.run(["--help"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Help is wrapped to the terminal's width; compare the words.
        let words = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("Exit status: 0 success, 1 the build (or another command) failed, 2 the command line is wrong."), run.stdout)
    }

    func testUsageErrorsExitWithTwo() throws {
        let unknown = try StrataRunner.run(["build", "--bogus"])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        let missingValue = try StrataRunner.run(["serve", "--port"])
        XCTAssertEqual(missingValue.status, 2, missingValue.stderr)
    }

    func testAMistypedSubcommandIsAUsageErrorNamingTheClosestOne() throws {
        let typo = try StrataRunner.run(["biuld"])
        XCTAssertEqual(typo.status, 2, typo.stderr)
        XCTAssertTrue(typo.stderr.hasPrefix("Error: 'strata biuld' is not a command; did you mean 'strata build'?\n"), typo.stderr)
        XCTAssertEqual(typo.stderr.components(separatedBy: "Error:").count, 2, "one message: \(typo.stderr)")
        XCTAssertTrue(typo.stderr.contains("Usage: strata <subcommand>"), typo.stderr)
        XCTAssertEqual(typo.stdout, "")

        let nested = try StrataRunner.run(["new", "pots", "hello"])
        XCTAssertEqual(nested.status, 2, nested.stderr)
        XCTAssertTrue(nested.stderr.hasPrefix("Error: 'strata new pots' is not a command; did you mean 'strata new post'?\n"), nested.stderr)

        let far = try StrataRunner.run(["deploy"])
        XCTAssertEqual(far.status, 2, far.stderr)
        XCTAssertTrue(far.stderr.hasPrefix("Error: 'strata deploy' is not a command; the commands of 'strata' are build, serve, "), far.stderr)
    }

    func testRealSubcommandsAndTheirArgumentsAreNotSecondGuessed() throws {
        XCTAssertNil(SubcommandSuggestion.error(for: ["build", "--bogus"]))
        XCTAssertNil(SubcommandSuggestion.error(for: ["new", "site", "blgo"]))
        XCTAssertNil(SubcommandSuggestion.error(for: ["dockerfile", "parse", "Dockerfiel"]))
        XCTAssertNil(SubcommandSuggestion.error(for: ["help", "biuld"]))
        XCTAssertNil(SubcommandSuggestion.error(for: ["--versoin"]))
        // An option before a typo: Argument Parser's own message stands.
        let option = try StrataRunner.run(["--bogus", "biuld"])
        XCTAssertEqual(option.status, 2, option.stderr)
        XCTAssertFalse(option.stderr.contains("did you mean"), option.stderr)
    }

    // MARK: Where the site is

    func testMissingSourceIsAUsageErrorWithAHintAndWritesNothing() throws {
        let parent = try StrataRunner.site([:], for: self)
        let missing = parent.appendingPathComponent("nowhere")
        let run = try StrataRunner.run(["build", "--source", missing.path])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("no such folder: --source \(missing.path)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("strata new site"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path), "created the missing folder")
    }

    func testFolderThatIsNotASiteIsRefusedForBuildAndServe() throws {
        let empty = try StrataRunner.site(["notes.txt": "not a site"], for: self)
        for command in ["build", "serve"] {
            let run = try StrataRunner.run(command == "serve" ? ["serve", "--port", "4000"] : ["build"], in: empty)
            XCTAssertEqual(run.status, 2, "\(command): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("does not look like a site: it has no _config.yml, _posts/ or content/"), run.stderr)
            XCTAssertTrue(run.stderr.contains("strata new site"), run.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: empty.appendingPathComponent("_site").path))
    }

    /// `new post`, `new draft` and `publish` outside a site wrote `_posts/` or `_drafts/`
    /// where no build would ever read them, and exited 0.
    func testNewPostDraftAndPublishRefuseAFolderThatIsNotASite() throws {
        let empty = try StrataRunner.site(["notes.txt": "not a site"], for: self)
        for arguments in [["new", "post", "Outside"], ["new", "draft", "Outside"], ["publish", "outside"]] {
            let run = try StrataRunner.run(arguments, in: empty)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("does not look like a site"), run.stderr)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: empty.path)
        XCTAssertEqual(left, ["notes.txt"], "nothing is written outside a site")
    }

    /// `new post ""` wrote `untitled.md` with `title: ""` and exited 0.
    func testABlankTitleIsRefusedBeforeAnythingIsWritten() throws {
        let root = try StrataRunner.site(["_config.yml": "title: X\n"], for: self)
        for arguments in [["new", "post", ""], ["new", "draft", "  "]] {
            let run = try StrataRunner.run(arguments, in: root)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("title is empty"), run.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["_config.yml"])
    }

    func testEachSiteMarkerIsEnough() throws {
        for marker in ["_config.yml": "title: X\n", "_posts/2024-01-02-a.md": "---\n---\nHi\n", "content/index.md": "---\n---\nHi\n"] {
            let root = try StrataRunner.site([marker.key: marker.value], for: self)
            let run = try StrataRunner.run(["build", "--source", root.path])
            XCTAssertEqual(run.status, 0, "\(marker.key): \(run.stderr)")
        }
    }

    func testPortsOutsideTheRangeAreRefused() throws {
        let root = try StrataRunner.site(post, for: self)
        for port in ["99999", "0", "-1", "65536"] {
            let run = try StrataRunner.run(["serve", "--source", root.path, "--port=\(port)"])
            XCTAssertEqual(run.status, 2, "port \(port): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("--port must be between 1 and 65535, not \(port)"), run.stderr)
        }
        // Written as two words, a negative port is still a port, not an unknown flag.
        let spaced = try StrataRunner.run(["serve", "--source", root.path, "--port", "-1"])
        XCTAssertEqual(spaced.status, 2, spaced.stderr)
        XCTAssertTrue(spaced.stderr.contains("--port must be between 1 and 65535, not -1"), spaced.stderr)
    }

    // MARK: How much is said, and in what colour

    func testQuietPrintsNothingOnSuccessAndVerbosePrintsTheSteps() throws {
        let root = try StrataRunner.site(post.merging(["_config.yml": "titel: X\n"]) { a, _ in a }, for: self)
        let quiet = try StrataRunner.run(["build", "--source", root.path, "--quiet"])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stdout, "")
        XCTAssertEqual(quiet.stderr, "", "warnings are dropped with --quiet")
        // The quiet build left the cache's record: without --no-cache this one would do nothing.
        let verbose = try StrataRunner.run(["build", "--source", root.path, "-V", "--no-cache"])
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        XCTAssertTrue(verbose.stdout.contains("environment: development"), verbose.stdout)
        XCTAssertTrue(verbose.stdout.contains("  write "), verbose.stdout)
        XCTAssertTrue(verbose.stdout.contains("Built 1 post"), verbose.stdout)
        let both = try StrataRunner.run(["build", "--source", root.path, "-q", "-V"])
        XCTAssertEqual(both.status, 2)
    }

    func testColourOnlyOnATerminalAndNeverWithNoColor() throws {
        let root = try StrataRunner.site(["_posts/2024-01-02-a.md": "---\nlayout: nope\n---\nHi\n"], for: self)
        let piped = try StrataRunner.run(["build", "--source", root.path], environment: ["NO_COLOR": nil, "TERM": "xterm"])
        XCTAssertEqual(piped.status, 1)
        XCTAssertFalse(piped.stderr.contains("\u{1B}["), "colour in a pipe: \(piped.stderr)")

        // `script` gives the command a pseudo-terminal, as a person's shell would.
        func underTerminal(_ environment: [String: String?]) throws -> StrataRunner.Run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "\(StrataRunner.binary.path) build --source \(root.path)", "/dev/null"]
            var variables = ProcessInfo.processInfo.environment
            for (key, value) in environment { variables[key] = value }
            process.environment = variables
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return StrataRunner.Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
        }
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) from util-linux")
        let coloured = try underTerminal(["NO_COLOR": nil, "TERM": "xterm"])
        XCTAssertTrue(coloured.stdout.contains("\u{1B}[1;31merror:\u{1B}[0m"), coloured.stdout)
        let plain = try underTerminal(["NO_COLOR": "1", "TERM": "xterm"])
        XCTAssertTrue(plain.stdout.contains("error:"), plain.stdout)
        XCTAssertFalse(plain.stdout.contains("\u{1B}["), plain.stdout)
    }

    // MARK: Configuration

    func testConfigFilesAreReadInOrderInsteadOfConfigYml() throws {
        let root = try StrataRunner.site([
            "_config.yml": "title: Default\n",
            "base.yml": "title: Base\nauthor: Ann\n",
            "production.yml": "title: Production\n",
            "index.html": "---\n---\n{{ site.title }} by {{ site.author }}\n",
        ], for: self)
        let run = try StrataRunner.run(["build", "--config", "base.yml,production.yml"], in: root)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("_site/index.html"), encoding: .utf8), "Production by Ann\n")
        let missing = try StrataRunner.run(["build", "--config", "base.yml,nope.yml"], in: root)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--config: no such file: nope.yml"), missing.stderr)
    }

    func testEnvironmentVariablesReachJekyllEnvironment() throws {
        let root = try StrataRunner.site(["index.html": "---\n---\n{{ jekyll.environment }}\n", "_config.yml": ""], for: self)
        func environment(_ variables: [String: String?]) throws -> String {
            let run = try StrataRunner.run(["build", "--source", root.path], environment: variables)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try String(contentsOf: root.appendingPathComponent("_site/index.html"), encoding: .utf8)
        }
        XCTAssertEqual(try environment(["JEKYLL_ENV": nil, "STRATA_ENV": nil]), "development\n")
        XCTAssertEqual(try environment(["JEKYLL_ENV": "production", "STRATA_ENV": nil]), "production\n")
        XCTAssertEqual(try environment(["JEKYLL_ENV": "production", "STRATA_ENV": "staging"]), "staging\n")
    }

    func testMisspeltAndUnsupportedConfigKeysAreNamed() throws {
        let root = try StrataRunner.site(post.merging([
            "_config.yml": "title: T\nbaseurll: /blog\nincremental: true\nmy_own_setting: 1\nlsi: true\n",
        ]) { a, _ in a }, for: self)
        let run = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("_config.yml:2:1: warning: unknown key `baseurll`; did you mean `baseurl`?"), run.stderr)
        XCTAssertTrue(run.stderr.contains("_config.yml:3:1: warning: Strata does not support these Jekyll settings yet, so they have no effect: `incremental`, `lsi`"), run.stderr)
        let warningLines = run.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        XCTAssertFalse(warningLines.contains { $0.contains("my_own_setting") }, "a site's own variable is not a mistake")
    }

    // MARK: Suggestions for names that do not exist

    func testMissingLayoutSuggestsTheClosestLayout() throws {
        let root = try StrataRunner.site([
            "_layouts/post.html": "<main>{{ content }}</main>", "_layouts/default.html": "{{ content }}",
            "_posts/2024-01-02-a.md": "---\nlayout: psot\n---\nHi\n",
        ], for: self)
        let run = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("_posts/2024-01-02-a.md:2:1: error: layout `psot` does not exist; did you mean `post`?"), run.stderr)
    }

    func testMissingIncludeSuggestsTheClosestInclude() throws {
        let root = try StrataRunner.site([
            "_includes/header.html": "<header>", "_includes/nav/menu.html": "<nav>",
            "_posts/2024-01-02-a.md": "---\n---\n{% include heade.html %}\n{% include nav/mneu.html %}\n",
        ], for: self)
        let run = try StrataRunner.run(["build", "--source", root.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("did you mean `header.html`?"), run.stderr)
        let fixed = try StrataRunner.site([
            "_includes/header.html": "<header>", "_includes/nav/menu.html": "<nav>",
            "_posts/2024-01-02-a.md": "---\n---\n{% include nav/mneu.html %}\n",
        ], for: self)
        let nested = try StrataRunner.run(["build", "--source", fixed.path])
        XCTAssertTrue(nested.stderr.contains("did you mean `nav/menu.html`?"), nested.stderr)
    }

    // MARK: Stopping the server

    func testCtrlCStopsServeCleanlyAndFreesThePort() throws {
        let root = try StrataRunner.site(post, for: self)
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = StrataRunner.binary
        process.arguments = ["serve", "--source", root.path, "--port", String(port)]
        let err = Pipe()
        process.standardError = err
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // Blocking reads until the server says it is listening (or the pipe closes).
        var seen = ""
        while !seen.contains("serving http://") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        XCTAssertTrue(seen.contains("serving http://127.0.0.1:\(port)/"), seen)
        XCTAssertFalse(Self.canBind(port), "the server is not listening")
        // A page, and a live-reload stream left open as a browser tab leaves it: the stream's
        // response is what NIO trapped on when `serve` stopped by cancelling (swift-nio#3481).
        let page = try Self.exchange(port: port, "GET /2024/01/02/a.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", until: nil)
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200"), page)
        let events = try Self.connect(port: port)
        defer { close(events) }
        _ = try Self.exchange(events, "GET /__strata/events HTTP/1.1\r\nHost: localhost\r\n\r\n", until: "retry:")

        kill(process.processIdentifier, SIGINT)
        let stream = try Self.exchange(events, "", until: nil)
        process.waitUntilExit()
        seen += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationReason, .exit, "killed by the signal instead of shutting down: \(seen)")
        XCTAssertEqual(process.terminationStatus, 0, seen)
        XCTAssertFalse(seen.contains("NIOAsyncWriter"), seen)
        XCTAssertEqual(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "stopped\n")
        XCTAssertTrue(stream.hasSuffix("0\r\n\r\n"), "the event stream ended without its last chunk: \(stream.debugDescription)")
        XCTAssertTrue(Self.canBind(port), "port \(port) still taken after Ctrl-C")
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        XCTAssertEqual(left, ["_posts", "_site"], "temporary folders left behind")
    }

    /// A connected socket to 127.0.0.1:`port` whose reads give up after 10 s.
    private static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var limit = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(fd)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot connect to port \(port)"])
        }
        return fd
    }

    /// Sends `request` on a new connection and reads to its end (`until` nil) or until `until` shows up.
    private static func exchange(port: Int, _ request: String, until: String?) throws -> String {
        let fd = try connect(port: port)
        defer { close(fd) }
        return try exchange(fd, request, until: until)
    }

    private static func exchange(_ fd: Int32, _ request: String, until: String?) throws -> String {
        let bytes = Array(request.utf8)
        guard bytes.isEmpty || send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw CocoaError(.fileWriteUnknown)
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while until.map({ !String(decoding: received, as: UTF8.self).contains($0) }) ?? true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count == 0 { break }
            guard count > 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "read failed or timed out"]) }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// A port the kernel just handed out, closed again.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw XCTSkip("cannot bind a local port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether 127.0.0.1:`port` can be bound now (with SO_REUSEADDR, as servers bind).
    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
