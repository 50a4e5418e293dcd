/// What the server currently serves: the last good site and the failure, if the latest
/// build failed.
struct SiteSnapshot: Sendable, Equatable {
    var siteRoot: String?
    var failure: BuildFailure?
    /// Bumped whenever the failure appears or goes, so HTML validators change with it.
    var overlayGeneration = 0
    /// When the overlay last appeared or went (seconds since 1970).
    var overlayChangedAt = 0
    /// Whether any build has succeeded, so that a failure can say whether an older site is still served.
    var hasGoodBuild = false
}

/// The server's shared view of the build results.
final class SiteState: Sendable {
    private let snapshot = Locked(SiteSnapshot())

    var current: SiteSnapshot { snapshot.withLock { $0 } }

    /// Records a build's outcome and returns the events open pages should get.
    func apply(_ report: BuildReport, now: Int) -> [ServerEvent] {
        snapshot.withLock { state in
            var events: [ServerEvent] = []
            if let failure = report.failure {
                // A failed build changes nothing on disk that we serve: keep the last good root.
                if state.siteRoot == nil { state.siteRoot = report.siteRoot }
                if state.failure != failure {
                    state.failure = failure
                    state.overlayGeneration += 1
                    state.overlayChangedAt = now
                }
                events.append(.failure(failure))
            } else {
                state.siteRoot = report.siteRoot
                state.hasGoodBuild = true
                if state.failure != nil {
                    state.failure = nil
                    state.overlayGeneration += 1
                    state.overlayChangedAt = now
                    events.append(.recovered)
                }
                if let reload = ServerEvent.forChangedOutputs(report.changedOutputs) { events.append(reload) }
            }
            return events
        }
    }
}
