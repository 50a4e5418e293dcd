import Foundation
import XCTest
@testable import LayerModel

/// Compares Strata's parser with what BuildKit's parser said about every fixture
/// (recorded by scripts/dockerfile-expectations.py, no Python needed here).
final class OfficialParserConformanceTests: XCTestCase {
    private enum Expectation: Decodable {
        case instructions([DockerfileJSON.Entry])
        case error(String)

        private struct ErrorObject: Decodable { let error: String }

        init(from decoder: any Decoder) throws {
            if let object = try? ErrorObject(from: decoder) {
                self = .error(object.error)
            } else {
                self = .instructions(try [DockerfileJSON.Entry](from: decoder))
            }
        }
    }

    func testEveryFixtureMatchesTheOfficialParser() throws {
        let cases = try FixtureFiles.files(in: "parser/cases", withSuffix: ".Dockerfile")
        XCTAssertGreaterThanOrEqual(cases.count, 80, "the comparison needs at least 80 Dockerfiles")
        let expectedFolder = try FixtureFiles.directory("parser/expected")
        var accepted = 0, rejected = 0
        for file in cases {
            let name = String(file.lastPathComponent.dropLast(".Dockerfile".count))
            let expectationURL = expectedFolder.appendingPathComponent(name + ".json")
            let data = try Data(contentsOf: expectationURL)
            let expectation = try JSONDecoder().decode(Expectation.self, from: data)
            let bytes = try [UInt8](Data(contentsOf: file))
            switch expectation {
            case .instructions(let expected):
                accepted += 1
                do {
                    let actual = DockerfileJSON.entries(try DockerfileParser.parse(bytes: bytes, path: name))
                    compare(actual, expected, name)
                } catch {
                    XCTFail("\(name): the official parser accepts this file, Strata says \(error)")
                }
            case .error(let message):
                rejected += 1
                do {
                    let parsed = try DockerfileParser.parse(bytes: bytes, path: name)
                    XCTFail("\(name): the official parser rejects this file (\(message)), Strata parsed \(parsed.instructions.count) instructions")
                } catch {
                    XCTAssertGreaterThanOrEqual(error.line, 1, "\(name): error without a line: \(error)")
                    XCTAssertGreaterThanOrEqual(error.column, 1, "\(name): error without a column: \(error)")
                    XCTAssertTrue(error.message.contains(message), "\(name): expected a message containing '\(message)', got '\(error.message)'")
                }
            }
        }
        XCTAssertGreaterThan(accepted, 0)
        XCTAssertGreaterThan(rejected, 0)
    }

    private func compare(_ actual: [DockerfileJSON.Entry], _ expected: [DockerfileJSON.Entry], _ name: String) {
        XCTAssertEqual(actual.count, expected.count, "\(name): instruction count")
        // Swift's String == treats canonically equivalent text as equal; BuildKit compares
        // bytes, so the entries are compared as encoded UTF-8 as well.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (index, (mine, theirs)) in zip(actual, expected).enumerated() {
            let sameBytes = (try? encoder.encode(mine)) == (try? encoder.encode(theirs))
            if mine != theirs || !sameBytes {
                XCTFail("\(name): instruction \(index + 1) differs\n  strata:   \(mine)\n  buildkit: \(theirs)")
            }
        }
    }
}
