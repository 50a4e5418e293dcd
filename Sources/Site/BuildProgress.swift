import Foundation

/// How far a long step of a build has come, for a progress line on a terminal.
public struct BuildProgress: Sendable, Equatable {
    /// The step's name, as in the summary line (`posts`, `layouts`).
    public var step: String
    public var done: Int
    public var total: Int
    /// Seconds since the step started.
    public var seconds: Double

    /// Items per second so far; 0 at the start.
    public var rate: Double { seconds > 0 ? Double(done) / seconds : 0 }
}

/// Counts finished items of one step from any thread, and reports at most ten times a
/// second (and once at the end) so that printing never slows the work down.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private let step: String
    private let total: Int
    private let report: @Sendable (BuildProgress) -> Void
    private let start = DispatchTime.now().uptimeNanoseconds
    private var done = 0
    private var lastReport: UInt64 = 0

    static let interval: UInt64 = 100_000_000

    /// Nil when nobody listens: the work then pays nothing.
    init?(step: String, total: Int, report: (@Sendable (BuildProgress) -> Void)?) {
        guard let report else { return nil }
        self.step = step
        self.total = total
        self.report = report
    }

    func advance() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = DispatchTime.now().uptimeNanoseconds
        guard done == total || now - lastReport >= ProgressCounter.interval else { return }
        lastReport = now
        report(BuildProgress(step: step, done: done, total: total, seconds: Double(now - start) / 1e9))
    }
}
