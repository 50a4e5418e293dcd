import Foundation
import Testing
@testable import Preview

@Suite(.serialized) struct StartupTests {
    @Test func aBusyPortGivesAClearMessageAndAFreeAlternative() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let builder = FakeSiteBuilder(source: site.source, output: site.output)
        try await withRunningServer(PreviewConfiguration(port: 0, sourceRoot: site.source), builder: builder) { first in
            let busy = PreviewServer(
                configuration: PreviewConfiguration(port: first.port, sourceRoot: site.source),
                builder: builder, output: { _ in }
            )
            do {
                try await busy.run()
                Issue.record("a second server started on a busy port")
            } catch let error as PreviewError {
                guard case let .portInUse(_, port, suggestion) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(port == first.port)
                let free = try #require(suggestion)
                #expect(free > first.port)
                #expect(error.description.contains("--port \(free)"))
            }
        }
    }

    @Test func exposingTheSiteBeyondLoopbackWarns() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let configuration = PreviewConfiguration(host: "0.0.0.0", port: 0, sourceRoot: site.source)
        #expect(!configuration.bindsLoopbackOnly)
        #expect(PreviewConfiguration(host: "::1", sourceRoot: "/").bindsLoopbackOnly)
        try await withRunningServer(configuration, builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            #expect(server.terminal.contains { $0.contains("exposes the site") })
            #expect(server.terminal.contains { $0.hasPrefix("serving http://127.0.0.1:\(server.port)/") })
        }
    }

    @Test func aFirstBuildThatFailsStillServesWithTheOverlay() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("src/post.txt", "{% broken")
        try await withRunningServer(
            PreviewConfiguration(port: 0, sourceRoot: site.source),
            builder: FakeSiteBuilder(source: site.source, output: site.output)
        ) { server in
            let page = try await server.get("/")
            #expect(page.status == 404)
            #expect(page.text.contains("strata-overlay"))
        }
    }

    @Test func aMissingWatchedFolderIsReportedBeforeBuilding() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let builder = FakeSiteBuilder(source: site.source, output: site.output)
        let server = PreviewServer(
            configuration: PreviewConfiguration(port: 0, sourceRoot: site.source, watchedFolders: [".", "_drafts"]),
            builder: builder, output: { _ in }
        )
        await #expect(throws: PreviewError.cannotWatch(path: site.source + "/_drafts", reason: "no such folder")) {
            try await server.run()
        }
        #expect(builder.recordedCalls.isEmpty)
    }
}
