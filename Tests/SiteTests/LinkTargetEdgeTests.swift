import Foundation
import XCTest
@testable import Site

/// The link check's byte shortcuts, held to the Foundation calls they stand in for.
final class LinkTargetEdgeTests: XCTestCase {
    func testEdgeWhitespaceAnswersAsTheTrimWould() {
        var samples = ["", "a", "/a/b.html", " /a", "/a\t", "\u{A0}x", "x\u{3000}", "é", "\u{2003}", "\n/a\r", "\u{0B}a\u{0C}"]
        for first in 0..<128 { for last in [0x20, 0x09, 0x41, 0x0A, first] {
            samples.append(String(UnicodeScalar(UInt8(first))) + "mid" + String(UnicodeScalar(UInt8(last))))
        } }
        for sample in samples {
            let changes = sample.trimmingCharacters(in: .whitespaces) != sample
            // The shortcut may send a text to the trim that it leaves alone, never the reverse.
            if changes { XCTAssertTrue(LinkTargets.mayHaveEdgeWhitespace(sample), sample.debugDescription) }
            if sample.utf8.allSatisfy({ $0 < 0x80 }) { XCTAssertEqual(LinkTargets.mayHaveEdgeWhitespace(sample), changes, sample.debugDescription) }
        }
    }

    func testOutputPathDecodesOnlyWhatHasPercents() {
        for url in ["/", "/a/b/", "/a/b.html", "/a/./b/../c", "/caf%C3%A9/", "/100%/", "/a%2Fb", "/é/x"] {
            let reference = { () -> String in
                let decoded = url.removingPercentEncoding ?? url
                var kept: [Substring] = []
                for segment in decoded.split(separator: "/") {
                    if segment == "." { continue }
                    if segment == ".." { if !kept.isEmpty { kept.removeLast() }; continue }
                    kept.append(segment)
                }
                var path = kept.joined(separator: "/")
                if path.isEmpty || decoded.hasSuffix("/") || decoded.hasSuffix("/.") || decoded.hasSuffix("/..") { path += path.isEmpty ? "index" : "/index" }
                return path.hasSuffix(".html") ? path : path + ".html"
            }()
            XCTAssertEqual(URLPath.outputPath(for: url), reference, url)
        }
    }
}
