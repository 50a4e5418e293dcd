import Foundation
import Testing
@testable import Preview

/// The preview server under a hostile or careless client, on loopback only: hidden files stay hidden,
/// redirects cannot point at another host, requests without Host are refused, half-sent requests are cut
/// off, and many connections at once are all answered.
@Suite(.serialized) struct AbuseTests {
    private func site() throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("_site/index.html", "<html><body>home</body></html>")
        try site.write("_site/general/index.html", "<html><body>general</body></html>")
        try site.write("_site/.env", "SECRET=1")
        try site.write("_site/.git/config", "[core]")
        try site.write("_site/assets/.strata-tmp-1-app.css", "half")
        return site
    }

    @Test func hiddenFilesAreNeverServed() async throws {
        let site = try site()
        defer { site.remove() }
        try await withRunningServer(PreviewConfiguration(port: 0, sourceRoot: site.source),
                                    builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            for target in ["/.env", "/.git/config", "/.git/", "/assets/.strata-tmp-1-app.css", "/%2eenv"] {
                let response = try await server.get(target)
                #expect(response.status == 404, "\(target) answered \(response.status)")
                #expect(!response.text.contains("SECRET") && !response.text.contains("[core]"), "\(target) leaked")
            }
        }
    }

    @Test func everyResponseForbidsSniffingAndReferrers() async throws {
        let site = try site()
        defer { site.remove() }
        try await withRunningServer(PreviewConfiguration(port: 0, sourceRoot: site.source),
                                    builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            for target in ["/", "/missing", "/general"] {
                let response = try await server.get(target)
                #expect(response.header("X-Content-Type-Options") == "nosniff", "\(target)")
                #expect(response.header("Referrer-Policy") == "no-referrer", "\(target)")
            }
        }
    }

    @Test func folderRedirectsAreBuiltFromTheNormalisedPath() async throws {
        let site = try site()
        defer { site.remove() }
        try await withRunningServer(PreviewConfiguration(port: 0, sourceRoot: site.source),
                                    builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            // `//general/` would be read by a browser as the host `general`.
            for (target, location) in [("//general", "/general/"), ("/general", "/general/"), ("///./general?x=1", "/general/?x=1")] {
                let response = try await server.get(target)
                #expect(response.status == 301, "\(target)")
                #expect(response.header("Location") == location, "\(target) → \(response.header("Location") ?? "none")")
            }
        }
    }

    @Test func aRequestWithoutHostIsRefused() async throws {
        let site = try site()
        defer { site.remove() }
        try await withRunningServer(PreviewConfiguration(port: 0, sourceRoot: site.source),
                                    builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            let connection = try RawConnection(port: server.port)
            try connection.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            let response = try RawHTTP.parse(connection.readToEnd(), isHead: false)
            #expect(response.status == 400)
        }
    }

    @Test func halfSentRequestsAreCutOffAndDoNotLockOthersOut() async throws {
        let site = try site()
        defer { site.remove() }
        var configuration = PreviewConfiguration(port: 0, sourceRoot: site.source)
        configuration.idleTimeout = 1
        try await withRunningServer(configuration, builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            var stalled: [RawConnection] = []
            for _ in 0..<400 {
                let connection = try RawConnection(port: server.port, timeout: 10)
                try connection.send("GET / HTTP/1.1\r\nHost: loc")
                stalled.append(connection)
            }
            // Others are served while the 400 wait.
            #expect(try await server.get("/").status == 200)
            // The server closes each stalled connection (end of stream), well within the read timeout.
            var closed = 0
            for connection in stalled where (try? connection.readToEnd()) != nil { closed += 1 }
            #expect(closed == stalled.count)
        }
    }

    @Test func aThousandConcurrentConnectionsAreAllAnswered() async throws {
        let site = try site()
        defer { site.remove() }
        try await withRunningServer(PreviewConfiguration(port: 0, sourceRoot: site.source),
                                    builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            // Open them all first, so the server holds 1,000 connections at once, then ask on each.
            var connections: [RawConnection] = []
            for _ in 0..<1000 { connections.append(try RawConnection(port: server.port, timeout: 20)) }
            for connection in connections {
                try connection.send("GET /general/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            }
            var answered = 0
            for connection in connections {
                if let response = try? RawHTTP.parse(connection.readToEnd(), isHead: false),
                   response.status == 200, response.text.contains("general") { answered += 1 }
            }
            #expect(answered == 1000)
        }
    }
}
