/// Collects change batches from the watcher thread and hands them, merged, to the single
/// rebuild loop: whatever arrives while a build runs becomes the next build's input.
final class ChangeQueue: Sendable {
    private struct State {
        var pending = ChangeBatch()
        var waiter: CheckedContinuation<ChangeBatch?, Never>?
        var closed = false
    }

    private let state = Locked(State())

    func add(_ batch: ChangeBatch) {
        guard !batch.isEmpty else { return }
        let resumed: (CheckedContinuation<ChangeBatch?, Never>, ChangeBatch)? = state.withLock { state in
            guard !state.closed else { return nil }
            state.pending.merge(batch)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            defer { state.pending = ChangeBatch() }
            return (waiter, state.pending)
        }
        if let (waiter, batch) = resumed { waiter.resume(returning: batch) }
    }

    /// Everything pending since the last call, waiting for the first change if there is
    /// none; nil once the queue is closed or the calling task is cancelled.
    func next() async -> ChangeBatch? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ChangeBatch?, Never>) in
                let immediate: ChangeBatch?? = state.withLock { state in
                    if !state.pending.isEmpty {
                        defer { state.pending = ChangeBatch() }
                        return .some(state.pending)
                    }
                    if state.closed { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            close()
        }
    }

    /// Whether a `next()` call is parked waiting for a change (tests wait for this instead of sleeping).
    var isWaiting: Bool { state.withLock { $0.waiter != nil } }

    func close() {
        let waiter = state.withLock { state in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }
}
