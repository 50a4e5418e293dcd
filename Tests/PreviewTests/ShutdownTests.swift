import Foundation
import StrataTestSupport
import Testing
@testable import Preview

/// Graceful shutdown, as Ctrl-C under `strata serve` asks for it: open live-reload streams end
/// with their closing chunk (their response writers finished, so NIO has nothing to trap on,
/// swift-nio#3481), `run()` returns without throwing, and the port is free again.
@Suite(.serialized) struct ShutdownTests {
    @Test func gracefulShutdownFinishesOpenStreamsAndFreesThePort() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("src/layout.html", "<html><body>{{ content }}</body></html>")
        try site.write("src/hello.txt", "<h1>Hello</h1>")
        let builder = FakeSiteBuilder(source: site.source, output: site.output)
        let server = try await RunningServer.start(PreviewConfiguration(port: 0, sourceRoot: site.source), builder: builder)
        let port = server.port
        #expect(try await server.get("/hello.html").text.contains("Hello"))
        let streams = [try await server.openEvents(), try await server.openEvents()]
        // A keep-alive connection that has had its answer and sits idle.
        let idle = try RawConnection(port: port)
        try idle.send("GET /hello.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
        _ = try await idle.waitFor("</html>", within: 5)

        // Records an issue if the server throws while stopping or takes over 10 s.
        await server.stop()

        for stream in streams {
            let whole = try await offThePool { String(decoding: try stream.readToEnd(), as: UTF8.self) }
            #expect(whole.hasSuffix("0\r\n\r\n"), "the event stream ended without its last chunk: \(whole.debugDescription)")
        }
        let afterIdle = try await offThePool { try idle.readToEnd() }
        #expect(String(decoding: afterIdle, as: UTF8.self).contains("</html>"), "the idle connection was closed, not reset")
        #expect(throws: ClientError.self, "still listening on \(port) after shutdown") {
            _ = try RawConnection(port: port)
        }
        #expect(builder.recordedCalls.count == 1, "only the first build ran")
    }
}
