import Foundation
import Liquid
import XCTest

/// Hostile numbers and runaway templates end in a located error or in Ruby Liquid 5.4's answer; never a trap,
/// an 85 GB allocation or a minute-long loop. The inputs are the ones that crashed or hung Strata (issue 16).
final class ResourceLimitTests: XCTestCase {
    private func render(_ source: String, limits: ResourceLimits = ResourceLimits()) throws -> String {
        var config = LiquidConfiguration()
        config.limits = limits
        let engine = LiquidEngine(configuration: config)
        return try engine.render(engine.parse(source: source, path: "t.liquid"), variables: [:]).output
    }

    private func assertLocatedError(_ source: String, line: Int = 1, column: Int, containing text: String,
                                    limits: ResourceLimits = ResourceLimits(), file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try render(source, limits: limits), source, file: file, line: lineNumber) { error in
            guard let error = error as? LiquidError else { return XCTFail("not a LiquidError: \(error)", file: file, line: lineNumber) }
            XCTAssertEqual(error.line, line, source, file: file, line: lineNumber)
            XCTAssertEqual(error.column, column, source, file: file, line: lineNumber)
            XCTAssertTrue(error.message.contains(text), "\(source): \(error.message)", file: file, line: lineNumber)
        }
    }

    // MARK: the eight inputs that trapped

    func testHugeRangesInLoopsStopBeforeTheFirstIteration() {
        assertLocatedError("{%for i in(0..9223372036854775807)%}{%endfor%}", column: 1, containing: "loop_iteration_limit")
        assertLocatedError("{%for i in(-9223372036854775808..9223372036854775807)%}{%endfor%}", column: 1, containing: "loop_iteration_limit")
        // Liquid 5.4 needs a space after `in` in `tablerow` (its syntax is a regular expression).
        assertLocatedError("x\n {%tablerow i in (0..9223372036854775807)%}{%endtablerow%}", line: 2, column: 2, containing: "loop_iteration_limit")
    }

    func testOverflowingLimitAndOffsetAreClampedAsRubySlicesThem() throws {
        XCTAssertEqual(try render("{%for i in(1..3) limit:9223372036854775807 offset:1%}{{i}}{%endfor%}"), "23")
        XCTAssertEqual(try render("{%for i in(1..3) offset:9223372036854775807 limit:5%}{{i}}{%else%}none{%endfor%}"), "none")
        XCTAssertEqual(try render("{%for i in(1..10) offset:-9223372036854775808 limit:2%}{{i}}{%endfor%}"), "")
        XCTAssertEqual(try render("{%for i in(1..10) limit:-9223372036854775808%}{{i}}{%else%}none{%endfor%}"), "none")
        XCTAssertEqual(try render("{%tablerow i in (1..3) limit:9223372036854775807 offset:1%}{{i}}{%endtablerow%}"),
                       "<tr class=\"row1\">\n<td class=\"col1\">2</td><td class=\"col2\">3</td></tr>\n")
        XCTAssertEqual(try render("{%tablerow i in (0..9223372036854775807) limit:2%}{{i}}{%endtablerow%}"),
                       "<tr class=\"row1\">\n<td class=\"col1\">0</td><td class=\"col2\">1</td></tr>\n")
    }

    func testRangeBoundsBeyond64BitsAreLocatedErrors() {
        assertLocatedError("{{(0..9223372036854775808)}}", column: 3, containing: "64-bit")
        assertLocatedError("{{ (1..99999999999999999999999) }}", column: 4, containing: "64-bit")
        assertLocatedError("{{(-9223372036854775808..9223372036854775807)|size}}", column: 47, containing: "more integers")
    }

    func testFiltersRefuseToMaterialiseHugeRanges() {
        assertLocatedError("{{(1..2147483648)|join}}", column: 19, containing: "2147483648 items")
        assertLocatedError("{{ (1..5) | join: \",\" }}", column: 13, containing: "loop limit of 4",
                           limits: ResourceLimits(loopIterations: 4))
    }

    // Expectations checked with Debian's ruby-liquid 5.4 (strict `render!`).
    func testExtremeRoundAndTruncateArgumentsGiveRubysAnswers() throws {
        assertLocatedError("{{1|round:-9223372036854775808}}", column: 5, containing: "out of range")
        assertLocatedError("{{1.25|round:9223372036854775807}}", column: 8, containing: "out of range")
        XCTAssertEqual(try render("{{1|round:-2147483648}}{{1.5|round:-2147483648}}"), "00")
        XCTAssertEqual(try render("{{1.25|round:2147483647}}|{{1234|round:-2}}"), "1.25|1200")
        XCTAssertEqual(try render("{{1|truncate:-9223372036854775808}}"), "...")
        XCTAssertEqual(try render("{{\"abc\"|truncate:9223372036854775807,\"xyz\"}}"), "abc")
    }

    // MARK: hangs

    func testRoundWithAHugeNegativePrecisionIsImmediate() {
        // Took 35 s before the precision was checked as Ruby checks it.
        assertLocatedError("{{1|round:-2147483649}}", column: 5, containing: "out of range")
    }

    func testAHundredMillionIterationsStopAtOnceInsteadOfGrowingToGigabytes() {
        assertLocatedError("{% for i in (1..100000000) %}{{ i }}{% endfor %}", column: 1, containing: "100000000 times")
    }

    func testNestedLoopsShareOneIterationBudget() throws {
        let limits = ResourceLimits(loopIterations: 50)
        XCTAssertEqual(try render("{%for i in (1..5)%}{%for j in (1..5)%}.{%endfor%}{%endfor%}", limits: limits).count, 25)
        assertLocatedError("{%for i in (1..10)%}\n{%for j in (1..10)%}.{%endfor%}{%endfor%}", line: 2, column: 1,
                           containing: "iterations", limits: limits)
    }

    func testABreakSpendsOnlyTheIterationsThatRan() throws {
        let limits = ResourceLimits(loopIterations: 10)
        XCTAssertEqual(try render("{%for i in (1..10)%}{{i}}{%if i == 2%}{%break%}{%endif%}{%endfor%}", limits: limits), "12")
    }

    func testOutputThatDoublesPastTheRenderLengthLimitStops() {
        let source = "{% capture a %}x{% endcapture %}{% for i in (1..40) %}{% capture a %}{{a}}{{a}}{% endcapture %}{% endfor %}"
        assertLocatedError(source, column: 77, containing: "render_length_limit", limits: ResourceLimits(renderLength: 1 << 20))
    }

    func testLimitsAreReadFromTheSiteConfig() {
        var config = LiquidConfiguration()
        config.apply(siteConfig: ["liquid": ["render_length_limit": 100, "loop_iteration_limit": 7, "include_depth_limit": 3]])
        XCTAssertEqual(config.limits, ResourceLimits(renderLength: 100, loopIterations: 7, includeDepth: 3))
    }

    func testDeepBlockNestingIsALocatedError() {
        let source = String(repeating: "{% if true %}", count: 10_000) + String(repeating: "{% endif %}", count: 10_000)
        assertLocatedError(source, column: 1301, containing: "nested more than 100")
    }

    // Found by fuzzing: Foundation's range(of:) read a NUL in the pattern as its end.
    func testReplacePatternsWithNULMatchOnlyWhatTheySay() throws {
        XCTAssertEqual(try render("{{ 'x' | replace: 'x\u{0}\u{0}', 'y' }}"), "x")
        XCTAssertEqual(try render("{{ 'ax\u{0}b' | replace: 'x\u{0}', 'Q' }}|{{ 'x\u{0}x\u{0}' | replace_last: 'x\u{0}', 'L' }}"), "aQb|x\u{0}L")
        XCTAssertEqual(try render("{{ 'abab' | replace_last: 'ab', '_' }}|{{ 'abab' | remove_last: 'b' }}"), "ab_|aba")
    }
}
