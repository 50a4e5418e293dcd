import Testing
@testable import Preview

/// The watcher's timing rules, stepped by hand: each instant is an offset from a fixed start,
/// so the outcome never depends on how busy the machine is.
@Suite struct DebouncerTests {
    private let start = ContinuousClock.now
    private func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }
    private func change(_ name: String) -> ChangeBatch { ChangeBatch(paths: ["/site/" + name]) }

    @Test func nothingPendingWaitsIdly() {
        var debouncer = Debouncer(debounce: .milliseconds(600), start: start)
        #expect(debouncer.timeout(at: at(0)) == .milliseconds(200))
        #expect(debouncer.receive(ChangeBatch(), at: at(5_000)) == nil)
        #expect(debouncer.pending.isEmpty)
    }

    @Test func aLoneSaveGoesOutAfterTheSettleTimeNotTheWholeWindow() {
        var debouncer = Debouncer(debounce: .milliseconds(600), start: start)
        #expect(debouncer.receive(change("first.md"), at: at(1_000)) == nil)
        #expect(debouncer.timeout(at: at(1_000)) == .milliseconds(8))
        // An editor's companion event a few milliseconds later joins the same batch.
        #expect(debouncer.receive(ChangeBatch(paths: ["/site/first.md", "/site/.first.md.swp"]), at: at(1_003)) == nil)
        #expect(debouncer.timeout(at: at(1_005)) == .milliseconds(6))
        #expect(debouncer.receive(ChangeBatch(), at: at(1_010)) == nil)
        #expect(debouncer.receive(ChangeBatch(), at: at(1_011)) == ChangeBatch(paths: ["/site/first.md", "/site/.first.md.swp"]))
        #expect(debouncer.pending.isEmpty)
    }

    @Test func aSaveRightAfterStartingIsAlsoALoneSave() {
        var debouncer = Debouncer(debounce: .milliseconds(50), start: start)
        #expect(debouncer.receive(change("first.md"), at: at(1)) == nil)
        #expect(debouncer.receive(ChangeBatch(), at: at(9)) == change("first.md"))
    }

    @Test func aBurstThatFollowsADeliveryIsCoalescedUntilTheWindowIsQuiet() {
        var debouncer = Debouncer(debounce: .milliseconds(600), start: start)
        _ = debouncer.receive(change("first.md"), at: at(1_000))
        #expect(debouncer.receive(ChangeBatch(), at: at(1_008)) == change("first.md"))
        // Five writes 30 ms apart, the first soon after that delivery.
        for index in 0..<5 {
            let now = at(1_038 + index * 30)
            #expect(debouncer.receive(change("post\(index).md"), at: now) == nil)
            #expect(debouncer.timeout(at: now) == .milliseconds(600))
        }
        let last = 1_038 + 4 * 30
        #expect(debouncer.receive(ChangeBatch(), at: at(last + 599)) == nil)
        let burst = debouncer.receive(ChangeBatch(), at: at(last + 600))
        #expect(burst == ChangeBatch(paths: Set((0..<5).map { "/site/post\($0).md" })))
    }

    @Test func aSteadyStreamGoesOutAfterTenWindows() {
        var debouncer = Debouncer(debounce: .milliseconds(50), start: start)
        _ = debouncer.receive(change("first.md"), at: at(1_000))
        #expect(debouncer.receive(ChangeBatch(), at: at(1_008)) != nil)
        // An event every 10 ms never leaves 50 ms of quiet; the batch still goes out 500 ms
        // after its first event.
        var delivered: [Int] = []
        for tick in 1...60 {
            let now = 1_008 + tick * 10
            if let batch = debouncer.receive(change("stream\(tick).md"), at: at(now)) {
                #expect(batch.paths.count == tick)
                delivered.append(now)
                break
            }
        }
        #expect(delivered == [1_018 + 500])
    }

    @Test func aLostEventStillMakesABatchThatAsksForAFullRebuild() {
        var debouncer = Debouncer(debounce: .milliseconds(50), start: start)
        #expect(debouncer.receive(ChangeBatch(needsFullRebuild: true), at: at(1_000)) == nil)
        #expect(debouncer.receive(ChangeBatch(), at: at(1_008)) == ChangeBatch(needsFullRebuild: true))
    }
}
