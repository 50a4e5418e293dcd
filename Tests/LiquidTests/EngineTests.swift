import Foundation
@testable import Liquid
import XCTest

/// Behaviour of the engine API: rendering, errors, includes and the parse cache.
final class EngineTests: XCTestCase {
    private func render(_ source: String, _ variables: [String: Value] = [:], configuration: LiquidConfiguration = LiquidConfiguration()) throws -> String {
        let engine = LiquidEngine(configuration: configuration)
        return try engine.render(engine.parse(source: source, path: "t.html"), variables: variables).output
    }

    private func renderError(_ source: String, _ variables: [String: Value] = [:], configuration: LiquidConfiguration = LiquidConfiguration()) -> LiquidError? {
        do {
            _ = try render(source, variables, configuration: configuration)
            return nil
        } catch let e as LiquidError {
            return e
        } catch {
            return nil
        }
    }

    /// One engine renders many pages; `relative_url` answers from what it computed before
    /// only for the same base and input.
    func testRelativeURLsAreKeptPerBaseAndInput() throws {
        let engine = LiquidEngine()
        let template = try engine.parse(source: "{{ u | relative_url }}|{{ u | absolute_url }}", path: "t.html")
        func render(_ base: String, _ url: String) throws -> String {
            try engine.render(template, variables: ["site": ["baseurl": .string(base), "url": "https://x.org"], "u": .string(url)]).output
        }
        XCTAssertEqual(try render("/blog", "/a/../b c/"), "/blog/b%20c/|https://x.org/blog/b%20c/")
        XCTAssertEqual(try render("/blog", "/a/../b c/"), "/blog/b%20c/|https://x.org/blog/b%20c/")
        XCTAssertEqual(try render("", "/a/../b c/"), "/b%20c/|https://x.org/b%20c/")
        XCTAssertEqual(try render("/docs/", "x.css"), "/docs/x.css|https://x.org/docs/x.css")
        XCTAssertEqual(try render("/blog", "x.css"), "/blog/x.css|https://x.org/blog/x.css")
    }

    /// An international host is written in its ASCII (punycode) form, as Jekyll's
    /// Addressable `normalize` writes it (expected values from Ruby's addressable 2.8).
    func testAbsoluteURLWritesInternationalHostsInASCII() throws {
        let engine = LiquidEngine()
        let template = try engine.parse(source: "{{ u | absolute_url }}", path: "t.html")
        func render(_ site: String, _ url: String) throws -> String {
            try engine.render(template, variables: ["site": ["url": .string(site)], "u": .string(url)]).output
        }
        XCTAssertEqual(try render("http://ümlaut.example.org/", ""), "http://xn--mlaut-jva.example.org/")
        XCTAssertEqual(try render("https://user@Bücher.Example:8080", "/ä/x"), "https://user@xn--bcher-kva.example:8080/%C3%A4/x")
        XCTAssertEqual(try render("https://münchen.de", ""), "https://xn--mnchen-3ya.de/")
    }

    func testOutputLookupsAndFilters() throws {
        let data: [String: Value] = ["page": ["title": "Images & containers", "tags": ["a", "b", "c"], "n": 3], "k": "title"]
        XCTAssertEqual(try render("{{ page.title | escape }}", data), "Images &amp; containers")
        XCTAssertEqual(try render("{{ page[k] | upcase }}|{{ page.tags[1] }}|{{ page.tags.size }}|{{ page.tags.last }}", data),
                       "IMAGES & CONTAINERS|b|3|c")
        XCTAssertEqual(try render("{{ page.tags | join: \", \" }}|{{ (1..page.n) | join }}", data), "a, b, c|1 2 3")
        XCTAssertEqual(try render("{{ missing.deep }}|{{ nil | default: \"x\" }}", data), "|x")
    }

    func testWhitespaceControl() throws {
        XCTAssertEqual(try render("a  {%- if true -%}  b  {%- endif -%}  c"), "abc")
        XCTAssertEqual(try render("x\n  {{- 1 -}}\n  y"), "x1y")
    }

    func testBlankBlocksDropTheirWhitespace() throws {
        XCTAssertEqual(try render("[{% if true %}  {% assign a = 1 %}\n{% endif %}]"), "[]")
        XCTAssertEqual(try render("[{% if true %} x {% endif %}]"), "[ x ]")
    }

    func testForLoopFeatures() throws {
        let data: [String: Value] = ["xs": [1, 2, 3, 4, 5]]
        XCTAssertEqual(try render("{% for x in xs limit: 2 offset: 1 %}{{ x }}{% endfor %}", data), "23")
        XCTAssertEqual(try render("{% for x in xs reversed %}{{ x }}{% if forloop.last %}!{% endif %}{% endfor %}", data), "54321!")
        XCTAssertEqual(try render("{% for x in xs %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}", data), "12")
        XCTAssertEqual(try render("{% for x in empty_list %}a{% else %}none{% endfor %}", data), "none")
        // As Liquid 5.4: only what responds to `each`, and non-blank text, is looped over.
        XCTAssertEqual(try render("{% for x in false %}a{% else %}E{% endfor %}|{% for x in 3 %}b{% endfor %}|{% for x in 2.5 %}c{% endfor %}|{% for x in 's' %}{{ x }}{% endfor %}", data), "E|||s")
    }

    func testSyntaxErrorIsLocatedWithCaret() {
        let error = renderError("line one\n{% for x in xs %}\n{% endif %}")
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 1)
        XCTAssertEqual(error?.message, "`endif` closes nothing; still open: `for` from line 2")
        XCTAssertEqual(error?.description, "t.html:3:1: error: `endif` closes nothing; still open: `for` from line 2\n{% endif %}\n^")
    }

    func testUnknownTagAndFilterAreErrors() {
        XCTAssertEqual(renderError("{% frobnicate %}")?.message, "unknown tag `frobnicate`")
        XCTAssertEqual(renderError("x {{ 1 | nope }}")?.column, 10)
        // Columns count scalars, whatever their UTF-8 width; text keeps its bytes.
        XCTAssertEqual(renderError("é😕中 {{ 1 | nope }}")?.column, 12)
        XCTAssertEqual(renderError("ü\n\u{1F1EB}\u{1F1F7}€ {{ 1 | nope }}")?.column, 12)
        XCTAssertEqual(try render("é😕中{{ x }}ü\u{301}", ["x": "ß"]), "é😕中ßü\u{301}")
        var strict = LiquidConfiguration()
        strict.strictFilters = true
        // Strict filters report even in a branch that never renders.
        XCTAssertEqual(renderError("{% if false %}{{ 1 | nope }}{% endif %}", configuration: strict)?.message, "unknown filter `nope`")
    }

    func testStrictVariables() {
        var strict = LiquidConfiguration()
        strict.strictVariables = true
        let error = renderError("ok\n  {{ page.nope }}", ["page": ["title": "t"]], configuration: strict)
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 6)
        XCTAssertNil(renderError("{{ page.title }}", ["page": ["title": "t"]], configuration: strict))
    }

    func testLineOffsetShiftsReportedLines() throws {
        let engine = LiquidEngine()
        XCTAssertThrowsError(try engine.parse(source: "\n{% if %}", path: "p.md", lineOffset: 4)) { error in
            XCTAssertEqual((error as? LiquidError)?.line, 6)
        }
    }

    func testIncludesWithParametersAndDependencies() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["note.html": "<p>{{ include.text }}{{ include.n | plus: 1 }}</p>",
                                                            "outer.html": "[{% include note.html text=\"hi\" n=page.n %}]"])
        let engine = LiquidEngine(configuration: config)
        let t = try engine.parse(source: "{% include outer.html %}{% include {{ page.w }} text='x' %}", path: "page.html")
        let r = try engine.render(t, variables: ["page": ["n": 41, "w": "note.html"]])
        XCTAssertEqual(r.output, "[<p>hi42</p>]<p>x1</p>")
        XCTAssertEqual(r.includedPaths, ["outer.html", "note.html"])
    }

    /// jekyll-include-cache 0.2.1: one render per include file and parameter values, for every
    /// page of a render (what the gem gives when a cached include reads `page`); the parameters'
    /// names do not count, only their values; the files read are reported on every hit; and
    /// without an `IncludeCache` the tag is unknown, as without the gem.
    func testCachedIncludesRenderOncePerFileAndParameterValues() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["nav.html": "{% include item.html %}{{ page.n }}{{ include.label }};",
                                                            "item.html": "*"])
        config.includeCache = IncludeCache()
        let engine = LiquidEngine(configuration: config)
        let t = try engine.parse(source: "{% include_cached nav.html %}{% include_cached nav.html label='a' %}{% include_cached nav.html other='a' %}",
                                 path: "page.html")
        let first = try engine.render(t, variables: ["page": ["n": 1]])
        XCTAssertEqual(first.output, "*1;*1a;*1a;")
        let second = try engine.render(t, variables: ["page": ["n": 2]])
        XCTAssertEqual(second.output, "*1;*1a;*1a;", "a later page gets the first render's output")
        XCTAssertEqual(second.includedPaths, ["nav.html", "item.html"])
        config.includeCache?.removeAll()
        XCTAssertEqual(try engine.render(t, variables: ["page": ["n": 3]]).output, "*3;*3a;*3a;", "a new render starts empty")

        config.includeCache = nil
        XCTAssertThrowsError(try LiquidEngine(configuration: config).parse(source: "{% include_cached nav.html %}", path: "page.html")) { error in
            XCTAssertEqual((error as? LiquidError)?.message, "unknown tag `include_cached`")
        }
    }

    func testErrorInsideIncludeBlamesTheIncludeWithChain() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["bad.html": "ok\n{{ 1 | divided_by: 0 }}", "mid.html": "{% include bad.html %}"])
        let engine = LiquidEngine(configuration: config)
        let t = try engine.parse(source: "\n\n{% include mid.html %}", path: "page.html")
        XCTAssertThrowsError(try engine.render(t, variables: [:])) { error in
            let e = error as? LiquidError
            XCTAssertEqual(e?.file, "bad.html")
            XCTAssertEqual(e?.line, 2)
            XCTAssertEqual(e?.notes, ["included from mid.html:1:1", "included from page.html:3:1"])
        }
    }

    func testIncludeCycleIsAnErrorNotAHang() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["a.html": "{% include b.html %}", "b.html": "{% include a.html %}"])
        let engine = LiquidEngine(configuration: config)
        let t = try engine.parse(source: "{% include a.html %}", path: "page.html")
        XCTAssertThrowsError(try engine.render(t, variables: [:])) { error in
            XCTAssertTrue((error as? LiquidError)?.message.hasPrefix("include cycle") ?? false, "\(error)")
        }
    }

    func testEachIncludeIsParsedOncePerEngine() throws {
        var config = LiquidConfiguration()
        config.includeLoader = InMemoryIncludeLoader(files: ["x.html": "x"])
        let engine = LiquidEngine(configuration: config)
        let t = try engine.parse(source: "{% for i in (1..5) %}{% include x.html %}{% endfor %}", path: "page.html")
        XCTAssertEqual(engine.parseCount, 1)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in _ = try? engine.render(t, variables: [:]) }
        XCTAssertEqual(engine.parseCount, 2)
        engine.invalidate(path: "x.html")
        _ = try engine.render(t, variables: [:])
        XCTAssertEqual(engine.parseCount, 3)
    }

    func testCustomTagSeesMarkupLocationAndVariables() throws {
        var config = LiquidConfiguration()
        config.customTags["layers"] = CustomTag(name: "layers") { invocation, context throws(LiquidError) in
            guard let view = context.variable("page.view") else { throw context.error("no view") }
            return "[\(invocation.markup)|\(view.liquidString)|\(invocation.line):\(invocation.column)|\(try context.evaluate("page.view | upcase").liquidString)]"
        }
        XCTAssertEqual(try render("\n {% layers \"img\" %}", ["page": ["view": "stack"]], configuration: config), "\n [\"img\"|stack|2:2|STACK]")
    }

    /// A tag written in Swift runs Liquid's filters and conditions on values it binds, as a
    /// `for` loop binds its variable, and the binding ends with the call.
    func testCustomTagBindsLocalsForFiltersAndConditions() throws {
        var config = LiquidConfiguration()
        config.customTags["each"] = CustomTag(name: "each") { _, context throws(LiquidError) in
            var out = ""
            for item in try context.evaluate("page.items").elements {
                let locals: [(String, Value)] = [("item", item)]
                let shown = try context.holds(#"item and item != empty and item contains "a""#, with: locals)
                out += shown ? try context.evaluate("item | upcase | append: ','", with: locals).liquidString : "-"
            }
            let limit = try context.loopBound(.string(" 7 "))
            return out + "|\(context.variable("item")?.liquidString ?? "unbound")|\(limit)"
        }
        XCTAssertEqual(try render("{% each %}", ["page": ["items": ["ab", "", "cd", "ca"]]], configuration: config), "AB,--CA,|unbound|7")
        config.customTags["bound"] = CustomTag(name: "bound") { _, context throws(LiquidError) in
            String(try context.loopBound(.string("seven")))
        }
        XCTAssertThrowsError(try render("{% bound %}", [:], configuration: config))
    }

    func testJSONKeepsKeyOrder() throws {
        let engine = LiquidEngine()
        let r = try engine.render(source: "{{ o | jsonify }}|{{ o }}", path: "cli", json: #"{"o": {"z": 1, "a": [true, null, 1.5]}}"#)
        XCTAssertEqual(r.output, #"{"z":1,"a":[true,null,1.5]}|{"z"=>1, "a"=>[true, nil, 1.5]}"#)
    }
}

/// Hostile or huge input fails cleanly instead of crashing or exhausting memory.
final class RobustnessTests: XCTestCase {
    private let engine = LiquidEngine()

    func testDeepNestingIsAnError() {
        XCTAssertThrowsError(try engine.parse(source: String(repeating: "{% if true %}", count: 5000), path: "p"))
        XCTAssertThrowsError(try engine.parse(source: "{{ " + String(repeating: "[", count: 5000) + "x" + String(repeating: "]", count: 5000) + " }}", path: "p"))
        XCTAssertThrowsError(try Value(json: String(repeating: "[", count: 5000)))
    }

    func testHugeRangeWithLimitIsCheap() throws {
        let t = try engine.parse(source: "{% for i in (1..4000000000) limit: 3 offset: 2 %}{{ i }}{% endfor %}", path: "p")
        XCTAssertEqual(try engine.render(t, variables: [:]).output, "345")
    }

    func testMalformedInputNeverCrashes() {
        let fragments = ["{{", "}}", "{%", "%}", "{%-", "-%}", "if", "for", "x", "in", "|", ":", ",", "'", "\"", "(", "..", ")", "[", "]",
                         "end", "else", "raw", "endraw", "comment", "include", "=", "-", " ", "\n", "1", "a.b", "{% endif %}", "{% for x in y %}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let source = (0..<Int.random(in: 1...12, using: &generator)).map { _ in fragments.randomElement(using: &generator) ?? "" }.joined()
            if let t = try? engine.parse(source: source, path: "fuzz") {
                _ = try? engine.render(t, variables: ["y": [1, 2], "x": "s"])
            }
        }
    }
}
