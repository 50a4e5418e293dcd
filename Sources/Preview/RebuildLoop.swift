#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one build at a time: takes everything the watcher collected since the last
/// build, builds, and tells the state, the terminal and the open pages what happened.
struct RebuildLoop: Sendable {
    let builder: any SiteBuilding
    let queue: ChangeQueue
    let state: SiteState
    let broadcaster: EventBroadcaster
    let sourceRoot: String
    let report: @Sendable (String) -> Void

    func run() async {
        while let batch = await queue.next() {
            let changed = Set(batch.paths.map(relativeToSource))
            let result = await builder.build(changed: changed, fullRebuild: batch.needsFullRebuild)
            apply(result, trigger: changed)
        }
    }

    /// Applies a build's outcome; also used for the first build.
    func apply(_ result: BuildReport, trigger: Set<String>) {
        let events = state.apply(result, now: Int(WallTime.secondsSince1970()))
        report(RebuildLoop.summary(of: result, trigger: trigger, hasGoodBuild: state.current.hasGoodBuild))
        for event in events { broadcaster.publish(event) }
    }

    func relativeToSource(_ path: String) -> String {
        let root = sourceRoot.hasSuffix("/") ? String(sourceRoot.dropLast()) : sourceRoot
        guard path.hasPrefix(root + "/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }

    /// The terminal line for one build; a failure says whether an earlier good site is still served.
    static func summary(of result: BuildReport, trigger: Set<String>, hasGoodBuild: Bool = true) -> String {
        let milliseconds = Double(result.duration.components.seconds) * 1000
            + Double(result.duration.components.attoseconds) / 1e15
        let time = String(Int(milliseconds.rounded())) + " ms"
        if let failure = result.failure {
            return failure.rendered + "\nbuild failed after \(time); "
                + (hasGoodBuild ? "still serving the last good site" : "nothing to serve until the error is fixed")
        }
        var cause = ""
        if let first = trigger.sorted().first {
            cause = trigger.count == 1 ? " after \(first) changed" : " after \(trigger.count) changes"
        }
        let outputs = result.changedOutputs.count
        return "built\(cause): \(outputs) output\(outputs == 1 ? "" : "s") changed in \(time)"
    }
}

/// Wall-clock seconds, for HTTP dates (named apart from Swift's `Clock` protocol, which it is not).
enum WallTime {
    static func secondsSince1970() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
