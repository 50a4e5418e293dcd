import Diagnostics
import Testing
@testable import Preview

@Suite struct HTMLTests {
    private func injected(_ page: String) -> String {
        String(decoding: HTMLInjection.inject("<X>", into: Array(page.utf8)), as: UTF8.self)
    }

    @Test func snippetGoesBeforeTheLastClosingBody() {
        #expect(injected("<html><body>a</body></html>") == "<html><body>a<X></body></html>")
        #expect(injected("<p></body></p></BODY >") == "<p></body></p><X></BODY >")
    }

    @Test func snippetIsAppendedWhenThereIsNoBodyTag() {
        #expect(injected("<p>fragment</p>") == "<p>fragment</p><X>")
        #expect(injected("<p></bodyguard></p>") == "<p></bodyguard></p><X>")
        #expect(injected("") == "<X>")
    }

    @Test func overlayEscapesEveryPieceOfUserText() {
        let diagnostic = Diagnostic(
            location: SourceLocation(file: "_layouts/<evil>.html", line: 2, column: 5),
            message: "unexpected <script>alert('x')</script> & more",
            source: "<h1>\n  {% if \"a\" %}\n"
        )
        let html = ErrorOverlay.html(for: BuildFailure(diagnostic))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<evil>"))
        #expect(html.contains("unexpected &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(html.contains("_layouts/&lt;evil&gt;.html:2:5"))
        #expect(html.contains("2 |   {% if &quot;a&quot; %}"))
    }

    @Test func overlayShowsExactlyWhatTheTerminalPrints() {
        // One renderer: the overlay's text is the diagnostic's terminal rendering, caret and notes included.
        let diagnostic = Diagnostic(
            location: SourceLocation(file: "a.html", line: 10, column: 3),
            message: "m", notes: ["used by 2 pages: a.md, b.md"],
            source: "1\n2\n3\n4\n5\n6\n7\n8\nnine\n\tten\neleven\n", kind: Diagnostic.Kind(rawValue: "bodies")
        )
        let html = ErrorOverlay.html(for: BuildFailure(diagnostic))
        #expect(html.contains(HTMLEscaping.escape(diagnostic.rendered)))
        #expect(diagnostic.rendered.contains("  9 | nine\n 10 | \tten\n    | \t ^\n 11 | eleven"))
        let event = ServerEvent.failure(BuildFailure(diagnostic)).wireText
        #expect(event.contains("used by 2 pages: a.md, b.md"))
    }

    @Test func javaScriptStringsCannotCloseTheScriptElement() {
        let literal = JavaScriptLiteral.string("</script><b>\"\\\n")
        #expect(literal == "\"\\u003c/script\\u003e\\u003cb\\u003e\\\"\\\\\\n\"")
    }

    @Test func liveReloadScriptUsesTheBaseURLForItsEvents() {
        let script = LiveReloadScript.html(baseURL: "/my</script>blog")
        #expect(script.contains("var base = \"/my\\u003c/script\\u003eblog\";"))
        #expect(script.components(separatedBy: "</script>").count == 2)
    }

    @Test func failureEventCarriesTheOverlayTextAsOneLineOfJSON() {
        let failure = BuildFailure(message: "bad\nthing", file: "a.md", line: 1, column: 2, excerpt: ["x"])
        let text = ServerEvent.failure(failure).wireText
        #expect(text.hasPrefix("event: failure\ndata: {"))
        #expect(text.hasSuffix("}\n\n"))
        #expect(text.components(separatedBy: "\n").count == 4)
        #expect(text.contains("\"location\":\"a.md:1:2\""))
    }

    @Test func cssOnlyChangesAreMarkedForStylesheetSwaps() {
        #expect(ServerEvent.forChangedOutputs(["css/site.css", "a.CSS"]) == .reload(paths: ["css/site.css", "a.CSS"], cssOnly: true))
        #expect(ServerEvent.forChangedOutputs(["css/site.css", "index.html"]) == .reload(paths: ["css/site.css", "index.html"], cssOnly: false))
        #expect(ServerEvent.forChangedOutputs([]) == nil)
    }

    @Test func httpDatesRoundTrip() {
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
    }

    @Test func diagnosticsBecomeOverlayFailures() {
        // Built from the project's Diagnostic so Site can hand its errors over unchanged.
        let failure = BuildFailure(DiagnosticsBridge.sample)
        #expect(failure.location == "_posts/a.md:3:7")
        #expect(failure.excerptFirstLine == 1)
        #expect(failure.excerpt.count == 5)
        #expect(failure.rendered.hasPrefix("_posts/a.md:3:7: error: unknown filter"))
    }
}
