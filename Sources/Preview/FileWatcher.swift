import Foundation

/// Where raw change events come from; driven by the watcher's own thread only.
protocol ChangeSource: AnyObject {
    /// Waits at most `timeout` and returns the changes seen meanwhile (often none).
    func wait(timeout: Duration) -> ChangeBatch
    func close()
    /// Set once the source can no longer see every change (the watcher then polls).
    var failure: String? { get }
}

/// How the watcher learns about changes.
public enum WatchMode: String, Sendable {
    case inotify, polling
}

/// Watches the source folders on a thread of its own and delivers debounced, coalesced
/// batches: a batch goes out once no event has arrived for `debounce` (a few milliseconds
/// for a lone save after a quiet spell); `Debouncer` holds those timing rules.
final class FileWatcher: Sendable {
    /// How changes are found now (inotify can give way to polling while running).
    var mode: WatchMode { currentMode.withLock { $0 } }
    private let source: SourceBox
    private let debounce: Duration
    private let lifecycle = Locked((started: false, stopped: false))
    private let finished = DispatchSemaphore(value: 0)

    private let currentMode: Locked<WatchMode>
    private let fallback: @Sendable () -> ChangeSource
    private let report: @Sendable (String) -> Void

    /// The source is only touched by the watcher thread after `init`.
    private final class SourceBox: @unchecked Sendable {
        var source: ChangeSource
        init(_ source: ChangeSource) { self.source = source }
    }

    /// Chooses inotify on Linux unless `poll` is set, and falls back to polling (with a
    /// message through `report`) when inotify cannot be used.
    init(
        folders: [String], filter: WatchFilter, poll: Bool, pollInterval: Duration, debounce: Duration,
        inotifyWatchLimit: Int? = nil, report: @escaping @Sendable (String) -> Void
    ) {
        self.debounce = debounce
        self.report = report
        let fallback: @Sendable () -> ChangeSource = {
            PollingSource(folders: folders, filter: filter, interval: pollInterval)
        }
        self.fallback = fallback
        #if os(Linux)
        if !poll {
            do {
                let inotify = try InotifySource(folders: folders, filter: filter, watchLimit: inotifyWatchLimit)
                self.source = SourceBox(inotify)
                self.currentMode = Locked(.inotify)
                return
            } catch {
                report(error.description + " Falling back to polling every "
                    + "\(Int(PollingSource.seconds(pollInterval) * 1000)) ms.")
            }
        }
        #endif
        self.source = SourceBox(fallback())
        self.currentMode = Locked(.polling)
    }

    func start(onChange: @escaping @Sendable (ChangeBatch) -> Void) {
        let fresh = lifecycle.withLock { state in
            defer { state.started = true }
            return !state.started && !state.stopped
        }
        guard fresh else { return }
        let thread = Thread { [self] in
            self.loop(onChange: onChange)
            self.finished.signal()
        }
        thread.name = "strata-watcher"
        thread.start()
    }

    /// Stops the thread and waits (briefly) for it to leave.
    func stop() {
        let wasRunning = lifecycle.withLock { state in
            defer { state.stopped = true }
            return state.started && !state.stopped
        }
        if wasRunning { _ = finished.wait(timeout: .now() + 2) }
    }

    private func loop(onChange: @Sendable (ChangeBatch) -> Void) {
        var debouncer = Debouncer(debounce: debounce, start: ContinuousClock.now)
        while !lifecycle.withLock({ $0.stopped }) {
            var batch = source.source.wait(timeout: debouncer.timeout(at: ContinuousClock.now))
            if let failure = source.source.failure {
                // Some change may have gone unseen: poll from now on and rebuild everything.
                report(failure + " Falling back to polling.")
                source.source.close()
                source.source = fallback()
                currentMode.withLock { $0 = .polling }
                batch.needsFullRebuild = true
            }
            if let due = debouncer.receive(batch, at: ContinuousClock.now) { onChange(due) }
        }
        source.source.close()
    }

}
