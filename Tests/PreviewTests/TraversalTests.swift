import Foundation
import Testing
@testable import Preview

/// Nothing outside `_site` may be read, whatever the request says.
@Suite(.serialized) struct TraversalTests {
    static let secret = "TOP-SECRET-CONTENT"

    @Test func escapeAttemptsNeverReachFilesOutsideTheSite() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("secret.txt", TraversalTests.secret)
        try site.write("outside/secret.txt", TraversalTests.secret)
        try site.write("_site/index.html", "<html><body>home</body></html>")
        try site.write("_site/inner/ok.txt", "inside")
        let files = FileManager.default
        try files.createSymbolicLink(atPath: site.output + "/link-out.txt", withDestinationPath: site.root + "/secret.txt")
        try files.createSymbolicLink(atPath: site.output + "/dir-out", withDestinationPath: site.root + "/outside")
        try files.createSymbolicLink(atPath: site.output + "/link-in.txt", withDestinationPath: site.output + "/inner/ok.txt")

        try await withRunningServer(
            PreviewConfiguration(port: 0, sourceRoot: site.source),
            builder: FakeSiteBuilder(source: site.source, output: site.output)
        ) { server in

        let attempts = [
            "/../secret.txt", "/inner/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
            "/inner/%2e%2e%2f%2e%2e%2fsecret.txt", "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt",
            "/..%5csecret.txt", "/..\\secret.txt", "/inner\\..\\..\\secret.txt", "/%00", "/index.html%00",
            "/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
            "/link-out.txt", "/dir-out/secret.txt", "/dir-out/", "/dir-out",
            "/./../secret.txt", "//../secret.txt", "/%2e%2e", "/..", "/.%2e/secret.txt",
        ]
        for target in attempts {
            let response = try await RawHTTP.fetch("GET", target, port: server.port)
            #expect([400, 404].contains(response.status), "\(target) answered \(response.status)")
            #expect(!response.text.contains(TraversalTests.secret), "\(target) leaked the secret")
        }
        // Links that stay inside the site keep working.
        #expect(try await server.get("/link-in.txt").text == "inside")
        }
    }
}
