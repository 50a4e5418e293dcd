import Foundation
import Liquid
import XCTest

/// The Jekyll hooks (markdownify, link, post_url), configuration, values from Foundation and concurrency.
final class HooksTests: XCTestCase {
    private func engine(_ configure: (inout LiquidConfiguration) -> Void = { _ in }) -> LiquidEngine {
        var config = LiquidConfiguration()
        configure(&config)
        return LiquidEngine(configuration: config)
    }

    private let site: Value = ["baseurl": "/blog", "url": "https://x.org"]

    func testMarkdownifyCallsTheHook() throws {
        let e = engine { $0.markdownify = { "<p>\($0.uppercased())</p>" } }
        XCTAssertEqual(try e.render(e.parse(source: "{{ 'hi' | markdownify }}", path: "p"), variables: [:]).output, "<p>HI</p>")
        let bare = engine()
        XCTAssertThrowsError(try bare.render(bare.parse(source: "{{ 'hi' | markdownify }}", path: "p"), variables: [:]))
    }

    func testLinkAndPostURLResolveAndApplyBaseurl() throws {
        let e = engine {
            $0.linkResolver = { $0 == "_pages/about.md" ? "/about/" : nil }
            $0.postURLResolver = { $0 == "2024-01-02-hello" ? "/2024/01/02/hello.html" : nil }
        }
        let t = try e.parse(source: "{% assign dir = '_pages' %}{% link {{ dir }}/about.md %}|{% post_url 2024-01-02-hello %}", path: "p")
        XCTAssertEqual(try e.render(t, variables: ["site": site]).output, "/blog/about/|/blog/2024/01/02/hello.html")
        XCTAssertThrowsError(try e.render(e.parse(source: "ok\n{% post_url 2099-01-01-nope %}", path: "p.md"), variables: [:])) { error in
            let err = error as? LiquidError
            XCTAssertEqual(err?.line, 2)
            XCTAssertEqual(err?.message, "could not find post `2099-01-01-nope` for `post_url`")
        }
    }

    func testCustomTagErrorsAreLocatedAtTheTag() throws {
        let e = engine {
            $0.customTags["layers"] = CustomTag(name: "layers") { _, context throws(LiquidError) in throw context.error("no such model") }
        }
        XCTAssertThrowsError(try e.render(e.parse(source: "a\n\t{% layers \"x.yml\" %}", path: "p.md", lineOffset: 3), variables: [:])) { error in
            let err = error as? LiquidError
            XCTAssertEqual(err?.line, 5)
            XCTAssertEqual(err?.column, 2)
            XCTAssertEqual(err?.description, "p.md:5:2: error: no such model\n\t{% layers \"x.yml\" %}\n\t^")
        }
    }

    func testSiteConfigTurnsOnStrictModes() throws {
        var config = LiquidConfiguration()
        config.apply(siteConfig: ["liquid": ["strict_variables": true, "strict_filters": true], "timezone": "Europe/Berlin"])
        XCTAssertTrue(config.strictVariables)
        XCTAssertTrue(config.strictFilters)
        XCTAssertEqual(config.timeZone.identifier, "Europe/Berlin")
        let e = LiquidEngine(configuration: config)
        XCTAssertEqual(try e.render(e.parse(source: "{{ '2024-07-01 12:00:00' | date: '%H:%M %Z %z' }}", path: "p"), variables: [:]).output,
                       "12:00 CEST +0200")
        XCTAssertThrowsError(try e.parse(source: "{% if false %}{{ x | frobnicate }}{% endif %}", path: "p"))
    }

    func testValuesFromFoundation() throws {
        let json = #"{"b": true, "i": 3, "d": 2.5, "s": "x", "n": null, "a": [false, 1], "o": {"k": "v"}}"#
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let value = Value(any: object)
        XCTAssertEqual(value, ["a": [false, 1], "b": true, "d": 2.5, "i": 3, "n": .null, "o": ["k": "v"], "s": "x"])
        let date = Value(any: Date(timeIntervalSince1970: 86_400))
        let e = engine()
        XCTAssertEqual(try e.render(e.parse(source: "{{ d | date: '%F %T %Z' }}|{{ d }}|{{ d | date_to_xmlschema }}", path: "p"), variables: ["d": date]).output,
                       "1970-01-02 00:00:00 UTC|1970-01-02 00:00:00 UTC|1970-01-02T00:00:00+00:00")
    }

    func testConcurrentRendersAgreeWithSerialOnes() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["row.html": "<li>{{ include.n | times: 2 }}{% increment c %}</li>"])
        let e = LiquidEngine(configuration: config)
        let t = try e.parse(source: "{% for i in (1..n) %}{% include row.html n=i %}{% cycle 'a', 'b' %}{% endfor %}", path: "p")
        let expected = try (0..<64).map { try e.render(t, variables: ["n": .int($0 % 9)]).output }
        let results = Results(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            results.set(i, (try? e.render(t, variables: ["n": .int(i % 9)]).output) ?? "failed")
        }
        XCTAssertEqual(results.values, expected)
        XCTAssertEqual(e.parseCount, 2)
    }
}

/// A lock-guarded results array for the concurrency test.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ i: Int, _ v: String) { lock.withLock { storage[i] = v } }
    var values: [String] { lock.withLock { storage } }
}

/// Jekyll's highlight block until real syntax colouring exists.
final class HighlightTests: XCTestCase {
    func testHighlightRendersLiquidThenEscapes() throws {
        let e = LiquidEngine()
        let t = try e.parse(source: "{% highlight dockerfile linenos %}\n\nFROM {{ base }}\nRUN echo \"<&>\"\n{% endhighlight %}", path: "p")
        XCTAssertEqual(try e.render(t, variables: ["base": "debian:12"]).output,
                       "<figure class=\"highlight\"><pre><code class=\"language-dockerfile\" data-lang=\"dockerfile\">FROM debian:12\nRUN echo \"&lt;&amp;&gt;\"</code></pre></figure>")
        XCTAssertThrowsError(try e.parse(source: "{% highlight %}x{% endhighlight %}", path: "p"))
        XCTAssertThrowsError(try e.parse(source: "{% highlight c %}x", path: "p"))
    }
}
