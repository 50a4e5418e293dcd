#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds changes by comparing snapshots of the watched trees: works everywhere, including
/// bind mounts in containers and VMs that deliver no inotify events.
final class PollingSource: ChangeSource {
    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
        var inode: UInt64
        var isFolder: Bool
    }

    private let folders: [String]
    private let filter: WatchFilter
    private let interval: Duration
    private var snapshot: [String: Stamp]
    private var nextScan: ContinuousClock.Instant

    init(folders: [String], filter: WatchFilter, interval: Duration) {
        self.folders = folders
        self.filter = filter
        self.interval = interval
        self.snapshot = [:]
        self.nextScan = .now
        self.snapshot = scan()
        self.nextScan = .now + interval
    }

    func wait(timeout: Duration) -> ChangeBatch {
        let now = ContinuousClock.now
        if nextScan > now {
            let pause = min(timeout, nextScan - now)
            guard pause > .zero else { return ChangeBatch() }
            Thread.sleep(forTimeInterval: PollingSource.seconds(pause))
            if ContinuousClock.now < nextScan { return ChangeBatch() }
        }
        nextScan = .now + interval
        let fresh = scan()
        var batch = ChangeBatch()
        for (path, stamp) in fresh where snapshot[path] != stamp { batch.record(snapshot[path] == nil ? .appeared : .changed, path) }
        for path in snapshot.keys where fresh[path] == nil { batch.record(.vanished, path) }
        snapshot = fresh
        return batch
    }

    func close() {}

    var failure: String? { nil }

    private func scan() -> [String: Stamp] {
        var found: [String: Stamp] = [:]
        for folder in folders { walk(folder, into: &found) }
        return found
    }

    private func walk(_ folder: String, into found: inout [String: Stamp]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !filter.ignores(name: name) {
            let path = folder + "/" + name
            if filter.ignores(path: path) { continue }
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            #if canImport(Darwin)
            let modified = info.st_mtimespec
            #else
            let modified = info.st_mtim
            #endif
            found[path] = Stamp(
                seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec),
                size: isFolder ? 0 : Int(info.st_size), inode: UInt64(info.st_ino), isFolder: isFolder
            )
            if isFolder { walk(path, into: &found) }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
