import Testing
@testable import Preview

@Suite struct RequestPathTests {
    @Test func plainPathsAreSplitIntoDecodedSegments() throws {
        let path = try RequestPath(target: "/posts/hello%20world.html?x=1#top")
        #expect(path.segments == ["posts", "hello world.html"])
        #expect(path.query == "x=1")
        #expect(path.rawPath == "/posts/hello%20world.html")
        #expect(!path.hasTrailingSlash)
    }

    @Test func dotAndEmptySegmentsAreDropped() throws {
        let path = try RequestPath(target: "//a/./b//")
        #expect(path.segments == ["a", "b"])
        #expect(path.hasTrailingSlash)
    }

    @Test(arguments: [
        ("/../etc/passwd", RequestPath.Refusal.parentSegment),
        ("/a/%2e%2e/%2E%2e/secret", .parentSegment),
        ("/a/..%2fsecret", .parentSegment),
        ("/a/%2e%2e%2f%2e%2e%2fsecret", .parentSegment),
        ("/..\\secret", .backslash),
        ("/a/..%5csecret", .backslash),
        ("/a/%5C", .backslash),
        ("/index.html%00.txt", .nulByte),
        ("/%c0%ae%c0%ae/secret", .invalidUTF8),
        ("/%e0%80%ae%e0%80%ae/secret", .invalidUTF8),
        ("/%ff", .invalidUTF8),
        ("/%2", .badPercentEncoding),
        ("/%zz", .badPercentEncoding),
        ("relative/path", .notAbsolute),
        ("http://example.com/", .notAbsolute),
    ])
    func traversalAndMalformedTargetsAreRefused(target: String, refusal: RequestPath.Refusal) {
        #expect(throws: refusal) { try RequestPath(target: target) }
    }

    @Test func doubleEncodingIsDecodedOnlyOnce() throws {
        // `%252e` is the literal name "%2e": harmless, and never decoded a second time.
        let path = try RequestPath(target: "/%252e%252e/secret")
        #expect(path.segments == ["%2e%2e", "secret"])
    }

    @Test func baseURLIsStrippedSegmentWise() throws {
        let inside = try RequestPath(target: "/blog/posts/a.html")
        #expect(inside.strippingBase("/blog")?.rest == ["posts", "a.html"])
        #expect(inside.strippingBase("")?.rest == ["blog", "posts", "a.html"])
        #expect(try RequestPath(target: "/blogger/a.html").strippingBase("/blog") == nil)
        let exact = try RequestPath(target: "/blog")
        #expect(exact.strippingBase("/blog")?.exact == true)
    }

    @Test func baseURLSpellingsAreNormalised() {
        #expect(PreviewConfiguration.normalizedBaseURL("blog/") == "/blog")
        #expect(PreviewConfiguration.normalizedBaseURL("/docs/v1/") == "/docs/v1")
        #expect(PreviewConfiguration.normalizedBaseURL("/") == "")
        #expect(PreviewConfiguration.normalizedBaseURL("") == "")
    }
}
