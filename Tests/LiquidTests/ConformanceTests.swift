import Foundation
import Liquid
import XCTest

/// Renders every committed conformance case and compares byte for byte with the output of the real Liquid/Jekyll
/// (recorded by scripts/liquid-conformance.rb, so no Ruby is needed here).
final class ConformanceTests: XCTestCase {
    private struct Failure { let group: String; let index: Int; let template: String; let expected: String; let actual: String }

    func testAgainstRecordedRubyOutput() throws {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/conformance", withExtension: nil))
        let groups = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }.sorted()
        XCTAssertFalse(groups.isEmpty)
        var total = 0, passed = 0, documented = 0
        var failures: [Failure] = []
        for file in groups {
            let group = try Value(json: String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
            let expectedFile = folder.appendingPathComponent(file.replacingOccurrences(of: ".json", with: ".expected.json"))
            guard case .array(let expected) = try Value(json: String(contentsOf: expectedFile, encoding: .utf8)),
                  case .object(let g) = group, case .array(let cases)? = g["cases"], case .object(let shared)? = g["data"] else {
                XCTFail("\(file): malformed case or expectation file"); continue
            }
            XCTAssertEqual(cases.count, expected.count, "\(file): expectations are stale; re-run scripts/liquid-conformance.rb")
            for (index, (c, e)) in zip(cases, expected).enumerated() {
                guard case .object(let testCase) = c, case .object(let expectation) = e, case .string(let template)? = testCase["t"] else { continue }
                total += 1
                XCTAssertEqual(expectation["t"], .string(template), "\(file)#\(index): expectation is for another template")
                if testCase["differs"] != nil { documented += 1; continue }
                var config = LiquidConfiguration()
                if case .object(let options)? = g["options"] {
                    if case .bool(true)? = options["strict_variables"] { config.strictVariables = true }
                    if case .string(let zone)? = options["timezone"], let tz = TimeZone(identifier: zone) { config.timeZone = tz }
                    if case .string(let mode)? = options["error_mode"], let m = LiquidErrorMode(rawValue: mode) { config.errorMode = m }
                }
                let laxParses = UnknownFilterLog()
                config.laxParses = laxParses
                let actual = render(template, mode: g["mode"]?.liquidString ?? "liquid", shared: shared, testCase: testCase, config: config)
                // Under `warn`, Liquid's count of warnings (one per markup read leniently) must match too.
                let warned = laxParses.take().count
                var wanted: String
                if case .string(let out)? = expectation["output"] { wanted = "output: " + out } else { wanted = "error" }
                var got: String
                switch actual {
                case .success(let out): got = "output: " + out
                case .failure: got = "error"
                }
                if case .int(let count)? = expectation["warnings"] {
                    wanted += " (\(count) warnings)"
                    got += " (\(warned) warnings)"
                }
                if wanted == got { passed += 1 } else {
                    let detail: String
                    if case .failure(let err) = actual { detail = "error: \(err.message)" } else { detail = got }
                    failures.append(Failure(group: file, index: index, template: template,
                                            expected: wanted + (expectation["error"].map { " (\($0.liquidString))" } ?? ""), actual: detail))
                }
            }
        }
        print("Liquid conformance: \(passed)/\(total - documented) passed, \(documented) documented differences")
        for f in failures.prefix(40) {
            print("✗ \(f.group)#\(f.index) \(f.template.debugDescription)\n    expected \(f.expected.debugDescription)\n    actual   \(f.actual.debugDescription)")
        }
        XCTAssertGreaterThanOrEqual(total, 300)
        XCTAssertTrue(failures.isEmpty, "\(failures.count) conformance cases differ from Ruby Liquid/Jekyll (see the log)")
    }

    private func render(_ template: String, mode: String, shared: ValueObject, testCase: ValueObject, config base: LiquidConfiguration) -> Result<String, LiquidError> {
        var data = shared
        if case .object(let extra)? = testCase["data"] { for (k, v) in extra.pairs { data[k] = v } }
        var config = base
        // Jekyll cases read `_includes`; Liquid cases with includes use Liquid's own `include 'name'`.
        if mode == "jekyll" || testCase["includes"] != nil {
            var files: [String: String] = [:]
            if case .object(let includes)? = testCase["includes"] { for (k, v) in includes.pairs { files[k] = v.liquidString } }
            config.includeLoader = InMemoryIncludeLoader(files: files)
        }
        let engine = LiquidEngine(configuration: config)
        do {
            return .success(try engine.render(engine.parse(source: template, path: "case.html"), variables: data).output)
        } catch {
            return .failure(error)
        }
    }
}
