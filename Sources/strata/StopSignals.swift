import Foundation

/// The second Ctrl-C (SIGINT) or SIGTERM exits `serve` at once, for a server that does not
/// stop; the first is `ServiceGroup`'s, which shuts the server down gracefully (finishing the
/// build in progress, so no staging folder is left) and is only counted here.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]
    private let count: SignalCount

    init() {
        let signals = [SIGINT, SIGTERM]
        let count = SignalCount()
        self.count = count
        sources = signals.map { number in
            // Ignored by the process so that only the dispatch source sees it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.increment() > 1 { exit(128 + number) }
            }
            source.resume()
            return source
        }
    }

    /// Whether a signal has asked the server to stop.
    var requested: Bool { count.value > 0 }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

/// A counter shared with signal handlers.
private final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Adds one and returns the new value.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        current += 1
        return current
    }
}
