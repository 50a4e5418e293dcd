import Foundation
import StrataTestSupport
import Testing
@testable import Preview

/// Edit, break and fix sources while a page listens, as a browser tab would.
@Suite(.serialized) struct LiveReloadTests {
    private func makeSite() throws -> TemporarySite {
        let site = try TemporarySite()
        try site.write("src/layout.html", "<html><head><link rel=\"stylesheet\" href=\"/site.css\"></head><body>{{ content }}</body></html>")
        try site.write("src/hello.txt", "<h1>First version</h1>")
        try site.write("src/site.css", "body { color: black }")
        return site
    }

    private func configuration(_ site: TemporarySite, poll: Bool = false) -> PreviewConfiguration {
        PreviewConfiguration(port: 0, poll: poll, pollInterval: .milliseconds(100), sourceRoot: site.source)
    }

    @Test(arguments: [false, true])
    func editingASourceReloadsPagesWithTheNewContent(poll: Bool) async throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = FakeSiteBuilder(source: site.source, output: site.output)
        try await withRunningServer(configuration(site, poll: poll), builder: builder) { server in
            #expect(try await server.get("/hello.html").text.contains("First version"))
            let events = try await server.openEvents()
            try site.write("src/hello.txt", "<h1>Second version</h1>")
            let seen = try await events.waitFor("event: reload", within: 5)
            #expect(seen.contains("\"cssOnly\":false"))
            #expect(seen.contains("hello.html"))
            #expect(try await server.get("/hello.html").text.contains("Second version"))
            let rebuild = try #require(builder.recordedCalls.last)
            #expect(rebuild.changed == ["hello.txt"])
            #expect(!rebuild.full)
            #expect(server.terminal.contains { $0.contains("after hello.txt changed") })
        }
    }

    @Test func cssOnlyChangesAskForAStylesheetSwap() async throws {
        let site = try makeSite()
        defer { site.remove() }
        try await withRunningServer(configuration(site), builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            let events = try await server.openEvents()
            try site.write("src/site.css", "body { color: red }")
            let seen = try await events.waitFor("event: reload", within: 5)
            _ = try await events.waitFor("}\n\n", within: 2)
            #expect(events.receivedText.contains("{\"cssOnly\":true,\"paths\":[\"site.css\"]}"))
            _ = seen
        }
    }

    @Test func brokenTemplateShowsTheOverlayAndTheFixRemovesIt() async throws {
        let site = try makeSite()
        defer { site.remove() }
        try await withRunningServer(configuration(site), builder: FakeSiteBuilder(source: site.source, output: site.output)) { server in
            let events = try await server.openEvents()
            try site.write("src/layout.html", "<html><body>\n  {% broken %}\n{{ content }}</body></html>")
            _ = try await events.waitFor("event: failure", within: 5)
            _ = try await events.waitFor("}\n\n", within: 2)
            let pushed = events.receivedText
            #expect(pushed.contains("\"location\":\"src/layout.html:2:3\""))
            #expect(pushed.contains("Build failed — src/layout.html:2:3"))

            // The last good page is still served, with the overlay, its text escaped.
            let page = try await server.get("/hello.html").text
            #expect(page.contains("First version"))
            #expect(page.contains("id=\"strata-overlay\""))
            #expect(page.contains("unknown tag &#39;broken&#39; &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.contains("2 |   {% broken %}"))
            #expect(!page.contains("<script>alert(1)"))
            #expect(server.terminal.contains { $0.contains("src/layout.html:2:3: error: unknown tag") })

            // A page opened now learns about the failure on connect.
            let late = try await server.openEvents()
            _ = try await late.waitFor("event: failure", within: 2)

            try site.write("src/layout.html", "<html><body><main>{{ content }}</main></body></html>")
            _ = try await events.waitFor("event: recovered", within: 5)
            _ = try await events.waitFor("event: reload", within: 2)
            let fixed = try await server.get("/hello.html").text
            #expect(fixed.contains("<main><h1>First version</h1></main>"))
            #expect(!fixed.contains("strata-overlay\" role"))
        }
    }

    @Test func changesDuringABuildAreMergedIntoTheNextOne() async throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = FakeSiteBuilder(source: site.source, output: site.output)
        try await withRunningServer(configuration(site), builder: builder) { server in
            builder.held.withLock { $0 = true }
            try site.write("src/a.txt", "a")
            // The build for a.txt is now running (and held); two more files change meanwhile.
            #expect(await eventually { builder.recordedCalls.count == 2 })
            try site.write("src/b.txt", "b")
            try site.write("src/c.txt", "c")
            // Both changes reach the rebuild loop's queue while the build still runs.
            #expect(await eventually { server.queuedPaths(relativeTo: site.source).isSuperset(of: ["b.txt", "c.txt"]) })
            #expect(builder.recordedCalls.count == 2, "a second build started while one was running")
            builder.held.withLock { $0 = false }
            #expect(await eventually { builder.recordedCalls.count >= 3 })
            let calls = builder.recordedCalls
            #expect(calls[0].full)
            #expect(calls[1].changed == ["a.txt"])
            // Under load a late event of a.txt's save may be queued during its build too,
            // which rebuilds it once more but loses nothing.
            #expect(calls[2].changed.isSuperset(of: ["b.txt", "c.txt"]))
            #expect(calls[2].changed.subtracting(["b.txt", "c.txt"]).isSubset(of: ["a.txt"]))
        }
    }

    @Test func outputsWrittenByTheBuildDoNotTriggerRebuilds() async throws {
        let site = try makeSite()
        defer { site.remove() }
        let builder = FakeSiteBuilder(source: site.source, output: site.source + "/_site")
        try await withRunningServer(configuration(site), builder: builder) { server in
            try site.write("src/hello.txt", "changed")
            #expect(await eventually { builder.recordedCalls.count == 2 })
            #expect(try await server.get("/hello.html").text.contains("changed"))
            // The build has written _site/hello.html. The watcher reads events in order, so once
            // a later source change is queued, any event for the output would have been too.
            try site.write("src/marker.txt", "marker")
            #expect(await eventually { server.queuedPaths(relativeTo: site.source).contains("marker.txt") })
            #expect(await eventually { builder.recordedCalls.count >= 3 })
            #expect(!server.queuedPaths(relativeTo: site.source).contains { $0.hasPrefix("_site") })
            #expect(builder.recordedCalls.dropFirst().allSatisfy { !$0.changed.contains { $0.hasPrefix("_site") } })
        }
    }
}
