#if os(Linux)
import Glibc

/// Why inotify could not be used; the watcher then polls.
struct InotifyUnavailable: Error, CustomStringConvertible {
    var description: String
}

/// Linux change events through inotify: one watch per folder, folders that appear later
/// are watched as they appear, renames (editors' atomic saves) count as changes, and a
/// queue overflow asks for a full rebuild.
final class InotifySource: ChangeSource {
    // Values from <sys/inotify.h>; the composite macros are not imported into Swift.
    private static let attrib: UInt32 = 0x0000_0004
    private static let closeWrite: UInt32 = 0x0000_0008
    private static let movedFrom: UInt32 = 0x0000_0040
    private static let movedTo: UInt32 = 0x0000_0080
    private static let create: UInt32 = 0x0000_0100
    private static let delete: UInt32 = 0x0000_0200
    private static let deleteSelf: UInt32 = 0x0000_0400
    private static let moveSelf: UInt32 = 0x0000_0800
    private static let queueOverflow: UInt32 = 0x0000_4000
    private static let ignored: UInt32 = 0x0000_8000
    private static let onlyFolder: UInt32 = 0x0100_0000
    private static let dontFollow: UInt32 = 0x0200_0000
    private static let isFolder: UInt32 = 0x4000_0000
    private static let watchMask: UInt32 = attrib | closeWrite | movedFrom | movedTo | create | delete
        | deleteSelf | moveSelf | onlyFolder | dontFollow
    private static let headerSize = MemoryLayout<inotify_event>.size

    private let descriptor: Int32
    private let roots: [String]
    private let filter: WatchFilter
    /// Lets tests meet the watch limit without changing the machine's sysctl.
    private let watchLimit: Int?
    private var folderByWatch: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var failure: String?

    init(folders: [String], filter: WatchFilter, watchLimit: Int? = nil) throws(InotifyUnavailable) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard descriptor >= 0 else {
            let reason = errno == EMFILE
                ? "the limit of inotify instances was reached; raise it with "
                    + "`sudo sysctl fs.inotify.max_user_instances=1024`."
                : "inotify is unavailable (\(String(cString: strerror(errno))))."
            throw InotifyUnavailable(description: "warning: " + reason)
        }
        self.descriptor = descriptor
        self.roots = folders
        self.filter = filter
        self.watchLimit = watchLimit
        do {
            for folder in folders { _ = try watchTree(folder) }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    func wait(timeout: Duration) -> ChangeBatch {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&request, 1, max(0, milliseconds)) > 0 else { return ChangeBatch() }
        var batch = ChangeBatch()
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            parse(count: count, into: &batch)
        }
        return batch
    }

    func close() {
        Glibc.close(descriptor)
    }

    private func parse(count: Int, into batch: inout ChangeBatch) {
        var offset = 0
        while offset + InotifySource.headerSize <= count {
            let (watch, mask, nameLength) = buffer.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameStart = offset + InotifySource.headerSize
            offset = nameStart + nameLength
            guard offset <= count else { break }
            let nameBytes = buffer[nameStart..<(nameStart + nameLength)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            handle(watch: watch, mask: mask, name: name, into: &batch)
        }
    }

    private func handle(watch: Int32, mask: UInt32, name: String, into batch: inout ChangeBatch) {
        if mask & InotifySource.queueOverflow != 0 {
            // Events were dropped: pick up folders created meanwhile and rebuild everything.
            batch.needsFullRebuild = true
            do {
                for root in roots { _ = try watchTree(root) }
            } catch {
                failure = error.description
            }
            return
        }
        if mask & InotifySource.ignored != 0 {
            folderByWatch[watch] = nil
            return
        }
        guard let folder = folderByWatch[watch], !name.isEmpty, !filter.ignores(name: name) else { return }
        let path = folder + "/" + name
        guard !filter.ignores(path: path) else { return }
        let event: ChangeBatch.Event = mask & (InotifySource.create | InotifySource.movedTo) != 0 ? .appeared
            : mask & (InotifySource.delete | InotifySource.movedFrom) != 0 ? .vanished : .changed
        batch.record(event, path)
        if mask & InotifySource.isFolder != 0, mask & (InotifySource.create | InotifySource.movedTo) != 0 {
            // Files may land in a new folder before its watch exists: report what is already there.
            do {
                // Written before the watch existed, maybe before this batch: changed, not appeared.
                for file in try watchTree(path) { batch.record(.changed, file) }
            } catch {
                failure = error.description
            }
        }
    }

    /// Watches `folder` and every folder below it; returns the files found.
    private func watchTree(_ folder: String) throws(InotifyUnavailable) -> [String] {
        if let watchLimit, folderByWatch.count >= watchLimit { throw InotifySource.limitReached() }
        let watch = inotify_add_watch(descriptor, folder, InotifySource.watchMask)
        if watch < 0 {
            if errno == ENOSPC { throw InotifySource.limitReached() }
            // The folder vanished or is unreadable: nothing to watch there.
            return []
        }
        folderByWatch[watch] = folder
        var files: [String] = []
        guard let stream = opendir(folder) else { return files }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || filter.ignores(name: name) { continue }
            let path = folder + "/" + name
            if filter.ignores(path: path) { continue }
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                files += try watchTree(path)
            } else {
                files.append(path)
            }
        }
        return files
    }

    private static func limitReached() -> InotifyUnavailable {
        InotifyUnavailable(description: "warning: the inotify watch limit was reached. Raise it with "
            + "`sudo sysctl fs.inotify.max_user_watches=524288` (add it to /etc/sysctl.conf to keep it).")
    }
}
#endif
