import Foundation
import XCTest
@testable import Site

/// The progress a build reports for a terminal's progress line.
final class BuildProgressTests: XCTestCase {
    private final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [BuildProgress] = []
        func add(_ progress: BuildProgress) { lock.lock(); items.append(progress); lock.unlock() }
        var all: [BuildProgress] { lock.lock(); defer { lock.unlock() }; return items }
    }

    func testEachLongStepReportsItsLastItem() throws {
        let fixtures = try SiteFixture.fixturesURL().appendingPathComponent("sites/basic")
        let root = try SiteFixture.temporaryFolder(self).appendingPathComponent("site")
        try FileManager.default.copyItem(at: fixtures, to: root)
        let reports = Reports()
        var builder = SiteBuilder(layout: SiteFolders.detect(root: root), now: { SiteFixture.fixedNow })
        builder.progress = { reports.add($0) }
        let result = try builder.build()
        let last = Dictionary(reports.all.map { ($0.step, $0) }, uniquingKeysWith: { _, later in later })
        // Progress is named by the pipeline's steps, as the summary line's timings are.
        XCTAssertEqual(last[BuildStep.renderBodies.name]?.done, result.posts)
        XCTAssertEqual(last[BuildStep.renderBodies.name]?.total, result.posts)
        XCTAssertEqual(last[BuildStep.applyLayouts.name]?.done, result.posts)
        XCTAssertEqual(last[BuildStep.checkOutputs.name]?.done, result.posts + result.pages)
        XCTAssertEqual(last[BuildStep.readContent.name]?.done, last[BuildStep.readContent.name]?.total)
        XCTAssertGreaterThanOrEqual(last[BuildStep.readContent.name]?.total ?? 0, result.posts, "every post file is read, published or not")
        XCTAssertTrue(reports.all.allSatisfy { $0.done <= $0.total && $0.seconds >= 0 })
    }

    /// Reports come at most every 100 ms, and always for the last item.
    func testACounterReportsTheLastItemWhateverTheInterval() {
        let reports = Reports()
        let counter = ProgressCounter(step: "posts", total: 1000, report: { reports.add($0) })
        for _ in 0..<1000 { counter?.advance() }
        XCTAssertEqual(reports.all.last, reports.all.last.map { BuildProgress(step: "posts", done: 1000, total: 1000, seconds: $0.seconds) })
        XCTAssertLessThan(reports.all.count, 1000)
        XCTAssertNil(ProgressCounter(step: "posts", total: 1, report: nil), "nobody listening: no counter")
    }

    func testTheRateIsItemsPerSecond() {
        XCTAssertEqual(BuildProgress(step: "posts", done: 300, total: 1000, seconds: 2).rate, 150)
        XCTAssertEqual(BuildProgress(step: "posts", done: 0, total: 1000, seconds: 0).rate, 0)
    }
}
