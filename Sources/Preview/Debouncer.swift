/// The watcher's timing rules, kept apart from its thread and its clock: every decision
/// takes the current instant as an argument, so tests step time by hand instead of
/// sleeping, and the watcher feeds it `ContinuousClock.now`.
///
/// A batch goes out once no event has arrived for a quiet spell. A single save after a
/// quiet spell only waits `settle` (at most 8 ms), so one edit is not held for the whole
/// `debounce` window; editors' companion events (scratch file, rename, chmod) land within a
/// few milliseconds. Events that follow a delivery within `debounce` are a burst (a
/// checkout, a bulk replace) and wait for `debounce` of quiet. A steady stream of events
/// still goes out after `debounce * 10`, so it cannot postpone the rebuild forever.
struct Debouncer: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// How long the watcher waits for events when nothing is pending.
    static let idleWait = Duration.milliseconds(200)

    let debounce: Duration
    var settle: Duration { min(debounce, .milliseconds(8)) }
    var longestWait: Duration { debounce * 10 }

    /// Changes received and not yet delivered.
    private(set) var pending = ChangeBatch()
    private var quietNeeded: Duration
    private var quietSince: Instant
    private var firstEvent: Instant
    private var lastDelivery: Instant

    /// - Parameter start: the instant the watcher starts; it counts as long after any delivery.
    init(debounce: Duration, start: Instant) {
        self.debounce = debounce
        quietNeeded = debounce
        quietSince = start
        firstEvent = start
        lastDelivery = start - debounce * 2
    }

    /// How long the watcher may block waiting for events at `now` before a batch may be due.
    func timeout(at now: Instant) -> Duration {
        pending.isEmpty ? Debouncer.idleWait : max(.milliseconds(1), quietNeeded - (now - quietSince))
    }

    /// Takes the changes seen up to `now` (often none) and returns the batch due at `now`, if any.
    mutating func receive(_ batch: ChangeBatch, at now: Instant) -> ChangeBatch? {
        if !batch.isEmpty {
            if pending.isEmpty {
                firstEvent = now
                quietNeeded = now - lastDelivery > debounce ? settle : debounce
            }
            pending.merge(batch)
            quietSince = now
        }
        guard !pending.isEmpty, now - quietSince >= quietNeeded || now - firstEvent >= longestWait else { return nil }
        defer { pending = ChangeBatch() }
        lastDelivery = now
        return pending
    }
}
