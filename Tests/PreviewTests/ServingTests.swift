import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Preview

/// Serves a prepared `_site` (the fake builder has no sources to build) and checks what a
/// browser would get.
@Suite(.serialized) struct ServingTests {
    private func withServer(
        baseURL: String = "", liveReload: Bool = true, host: String = "127.0.0.1",
        prepare: (TemporarySite) throws -> Void = { _ in },
        _ body: (RunningServer, TemporarySite) async throws -> Void
    ) async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("_site/index.html", "<html><body><h1>Home</h1></body></html>")
        try site.write("_site/posts/index.html", "<html><body>Posts</body></html>")
        try site.write("_site/fragment.html", "<p>no body tag</p>")
        try site.write("_site/404.html", "<html><body>Custom missing page</body></html>")
        try prepare(site)
        let configuration = PreviewConfiguration(
            host: host, port: 0, baseURL: baseURL, liveReload: liveReload, sourceRoot: site.source
        )
        let server = try await RunningServer.start(configuration, builder: FakeSiteBuilder(source: site.source, output: site.output))
        do {
            try await body(server, site)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test(arguments: [
        ("style.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
        ("d.svg", "image/svg+xml"), ("i.png", "image/png"), ("i.jpg", "image/jpeg"), ("i.webp", "image/webp"),
        ("f.woff2", "font/woff2"), ("feed.xml", "application/xml"), ("data.json", "application/json"),
        ("robots.txt", "text/plain; charset=utf-8"), ("page.html", "text/html; charset=utf-8"),
        ("blob.bin", "application/octet-stream"),
    ])
    func filesGetTheirContentType(name: String, type: String) async throws {
        try await withServer(prepare: { try $0.write("_site/assets/" + name, "content of \(name)") }) { server, _ in
            let response = try await server.get("/assets/" + name)
            #expect(response.status == 200)
            #expect(response.header("content-type") == type)
            if !name.hasSuffix(".html") { #expect(response.text == "content of \(name)") }
        }
    }

    @Test func pathsWithoutExtensionServeTheirHTMLFileAsJekyllServeDoes() async throws {
        try await withServer(prepare: { try $0.write("_site/2024/01/15/hello.html", "<html><body>Hello</body></html>") }) { server, _ in
            let page = try await server.get("/2024/01/15/hello")
            #expect(page.status == 200)
            #expect(page.text.contains("Hello"))
            #expect(try await server.get("/2024/01/15/hello/").status == 404)
            #expect(try await server.get("/2024/01/15/nothing").status == 404)
            #expect(try await server.get("/fragment").text.contains("no body tag"))
        }
    }

    @Test func foldersServeTheirIndexAndRedirectWithoutSlash() async throws {
        try await withServer { server, _ in
            let root = try await server.get("/")
            #expect(root.status == 200)
            #expect(root.text.contains("<h1>Home</h1>"))
            let folder = try await server.get("/posts/")
            #expect(folder.status == 200)
            #expect(folder.text.contains("Posts"))
            let redirect = try await server.get("/posts?page=2")
            #expect(redirect.status == 301)
            #expect(redirect.header("location") == "/posts/?page=2")
        }
    }

    @Test func missingPagesGetTheSitesOwn404WithStatus404() async throws {
        try await withServer { server, _ in
            let response = try await server.get("/nope.html")
            #expect(response.status == 404)
            #expect(response.text.contains("Custom missing page"))
            #expect(response.text.contains("data-strata-livereload"))
        }
    }

    @Test func missingPagesWithout404PageGetAnEscapedDefault() async throws {
        try await withServer(prepare: { try FileManager.default.removeItem(atPath: $0.output + "/404.html") }) { server, _ in
            let response = try await server.get("/%3Cb%3E.html")
            #expect(response.status == 404)
            #expect(response.text.contains("/%3Cb%3E.html"))
            #expect(!response.text.contains("<b>"))
        }
    }

    @Test func headAnswersHeadersWithoutBody() async throws {
        try await withServer(liveReload: false) { server, _ in
            let get = try await server.get("/index.html")
            let head = try await server.head("/index.html")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("content-length") == String(get.body.count))
            #expect(head.header("etag") == get.header("etag"))
        }
    }

    @Test func etagAndLastModifiedRevalidateWith304() async throws {
        try await withServer { server, site in
            let first = try await server.get("/index.html")
            let tag = try #require(first.header("etag"))
            let modified = try #require(first.header("last-modified"))
            #expect(first.header("cache-control") == "no-cache")

            let byTag = try await server.get("/index.html", headers: ["If-None-Match": tag])
            #expect(byTag.status == 304)
            #expect(byTag.body.isEmpty)
            let byWeakList = try await server.get("/index.html", headers: ["If-None-Match": "\"other\", W/\(tag)"])
            #expect(byWeakList.status == 304)
            let byDate = try await server.get("/index.html", headers: ["If-Modified-Since": modified])
            #expect(byDate.status == 304)

            // A changed file gets a new validator and a full answer.
            try site.write("_site/index.html", "<html><body><h1>Changed</h1></body></html>")
            try markAsRewrittenLater(site.output + "/index.html")
            let changed = try await server.get("/index.html", headers: ["If-None-Match": tag])
            #expect(changed.status == 200)
            #expect(changed.header("etag") != tag)
            #expect(changed.text.contains("Changed"))
        }
    }

    @Test func aRewrittenFileIsNeverServedFromAStaleCopy() async throws {
        try await withServer { server, site in
            #expect(try await server.get("/style.css").status == 404)
            try site.write("_site/style.css", "body { color: red }")
            #expect(try await server.get("/style.css").text == "body { color: red }")
            // Same size, same inode: only the modification time tells the versions apart.
            try site.write("_site/style.css", "body { color: tan }")
            try markAsRewrittenLater(site.output + "/style.css")
            #expect(try await server.get("/style.css").text == "body { color: tan }")
            // A new file renamed over the old one (a new inode), as builders swap outputs in.
            try site.write("_site/style.css.new", "body { color: red }")
            #expect(rename(site.output + "/style.css.new", site.output + "/style.css") == 0)
            #expect(try await server.get("/style.css").text == "body { color: red }")
        }
    }

    @Test func onlyGetAndHeadAreAllowed() async throws {
        try await withServer { server, _ in
            let response = try await RawHTTP.fetch("POST", "/index.html", port: server.port)
            #expect(response.status == 405)
            #expect(response.header("allow") == "GET, HEAD")
        }
    }

    @Test func liveReloadScriptIsInjectedBeforeBodyOrAppended() async throws {
        try await withServer { server, _ in
            let page = try await server.get("/index.html").text
            let script = try #require(page.range(of: "<script data-strata-livereload>"))
            let bodyEnd = try #require(page.range(of: "</body>"))
            #expect(script.lowerBound < bodyEnd.lowerBound)
            #expect(page.contains("new EventSource(base + \"/__strata/events\")"))
            let fragment = try await server.get("/fragment.html").text
            #expect(fragment.hasPrefix("<p>no body tag</p><script data-strata-livereload>"))
            // Other types are served byte for byte.
            let events = try await server.openEvents()
            #expect(events.receivedText.contains("text/event-stream"))
        }
    }

    @Test func noLiveReloadMeansNoScriptAndNoEventStream() async throws {
        try await withServer(liveReload: false) { server, _ in
            let page = try await server.get("/index.html")
            #expect(page.text == "<html><body><h1>Home</h1></body></html>")
            #expect(try await server.get("/__strata/events").status == 404)
        }
    }

    @Test func baseURLPrefixIsServedLikeJekyll() async throws {
        try await withServer(baseURL: "/blog/") { server, _ in
            #expect(server.address.url.hasSuffix("/blog/"))
            let home = try await server.get("/blog/")
            #expect(home.status == 200)
            #expect(home.text.contains("var base = \"/blog\";"))
            let bare = try await server.get("/blog")
            #expect(bare.status == 301)
            #expect(bare.header("location") == "/blog/")
            let root = try await server.get("/")
            #expect(root.status == 302)
            #expect(root.header("location") == "/blog/")
            #expect(try await server.get("/index.html").status == 404)
            #expect(try await server.get("/blog/posts").header("location") == "/blog/posts/")
            let events = try await server.openEvents(path: "/blog/__strata/events")
            #expect(events.receivedText.contains("200"))
        }
    }

    @Test func ipv6LoopbackIsServed() async throws {
        guard ipv6LoopbackWorks() else { return }
        try await withServer(host: "::1") { server, _ in
            #expect(server.address.url.hasPrefix("http://[::1]:"))
            let page = try await server.get("/")
            #expect(page.status == 200)
            _ = try await server.openEvents()
        }
    }
}

/// Some containers have no IPv6 loopback; the IPv6 test only runs where it exists.
func ipv6LoopbackWorks() -> Bool {
    let descriptor = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
        }
    }
}

/// Gives a just-rewritten file a modification time clearly after its earlier version's,
/// instead of sleeping until the file system's timestamp granularity has passed.
private func markAsRewrittenLater(_ path: String) throws {
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 2)], ofItemAtPath: path)
}
