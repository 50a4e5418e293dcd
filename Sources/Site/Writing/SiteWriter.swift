import Diagnostics
import Foundation

/// Writes a whole site next to the destination and swaps it in, so a failed or interrupted build never
/// leaves a half-written `_site/` behind, and `_site/` always exists once it has been built.
///
/// The new site is written into `.<name>.strata-new-<pid>` beside the destination. On Linux the two
/// folders are exchanged in one `renameat2(RENAME_EXCHANGE)`; elsewhere (or on a file system without it)
/// the old site is renamed aside first, with a short window in which `_site/` is missing. Staging folders
/// left by builds that died (killed, power cut) are swept by the next build.
public struct SiteWriter {
    let destination: URL
    /// `keep_files:`: paths (relative to the destination, files or folders) carried over
    /// from the previous site when the build does not write them itself, as Jekyll's
    /// cleaner spares them.
    var keepFiles: [String] = []
    /// Outputs (paths relative to the destination) whose bytes are known to equal the current
    /// destination's file: the new site gets a hard link to it instead of a new copy (the
    /// build cache). Outputs are replaced by rename or exchange, and a replaced file is rewritten
    /// (`FileWriting.rewrite`) only when no other name links to it, so the old and the new site
    /// cannot change each other's files.
    var unchanged: Set<String> = []

    init(destination: URL, keepFiles: [String] = [], unchanged: Set<String> = []) {
        self.destination = destination
        self.keepFiles = keepFiles
        self.unchanged = unchanged
    }

    /// Held while an update in place (`OutputWriter.update`) moves its files into the
    /// destination, and by `abandonStaging` (the Ctrl-C handler), so an interrupted build leaves
    /// the whole previous site or the whole new one. A lock for the process's signal handling,
    /// not build state.
    static let committing = NSLock()

    /// The staging and spool folders `abandonStaging` removed: the process is ending on a signal
    /// (or the server stopped), and such a folder must not appear again after the handler looked
    /// for it, or it would be left behind. Signal state of the process, like `committing`, not
    /// build state; read and written only under that lock.
    nonisolated(unsafe) private static var abandoned: Set<String> = []

    /// Makes a staging folder (and missing parents) unless `abandonStaging` has removed it for
    /// good: then throws, and the build stops while the signal handler exits.
    static func makeStagingFolder(_ folder: URL) throws {
        committing.lock()
        defer { committing.unlock() }
        guard !abandoned.contains(folder.path) else { throw FileWriting.Failure(path: folder.path, code: ECANCELED) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The folder a build by process `pid` stages into, beside `destination`.
    public static func stagingFolder(for destination: URL, pid: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).strata-new-\(pid)")
    }

    private static func retiredFolder(for destination: URL, pid: Int32) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).strata-old-\(pid)")
    }

    /// Removes this process's staging folder: for a signal handler, so that Ctrl-C during a build leaves
    /// nothing behind. The folder is renamed away first, so writers still running fail instead of refilling it.
    public static func abandonStaging(for destination: URL) {
        let staging = stagingFolder(for: destination)
        let doomed = retiredFolder(for: destination, pid: ProcessInfo.processInfo.processIdentifier).path + "-abandoned"
        // An update in place that is moving its files in finishes first (see `OutputWriter.update`);
        // a build that has not made its folders yet makes none after this (`makeStagingFolder`).
        let spool = PageSpool.folder(for: destination).path
        committing.lock()
        abandoned.formUnion([staging.path, spool])
        let renamed = rename(staging.path, doomed) == 0
        // Render workers may still be writing pages: the spool is renamed away, like the staging folder.
        let spoolRenamed = rename(spool, spool + "-abandoned") == 0
        // A swap without `renameat2` leaves the previous site in `-old-` until it is removed.
        let retired = retiredFolder(for: destination, pid: ProcessInfo.processInfo.processIdentifier).path
        let retiredRenamed = rename(retired, doomed + "-old") == 0
        committing.unlock()
        if retiredRenamed {
            FileWriting.removeTree(doomed + "-old")
            FileWriting.removeTree(doomed + "-old")
        }
        if renamed {
            FileWriting.removeTree(doomed)
            FileWriting.removeTree(doomed)
        }
        if spoolRenamed {
            FileWriting.removeTree(spool + "-abandoned")
            FileWriting.removeTree(spool + "-abandoned")
        }
    }

    func write(_ files: [OutputFile]) throws(Diagnostic) {
        let fileManager = FileManager.default
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = Self.stagingFolder(for: destination, pid: pid)
        let retired = Self.retiredFolder(for: destination, pid: pid)
        sweepLeftovers()
        do {
            try Self.makeStagingFolder(staging)
            try writeAll(files, into: staging)
            try carryKeptFiles(into: staging)
        } catch {
            FileWriting.removeTree(staging.path)
            throw Diagnostic(location: nil, message: "cannot write the site into \(staging.path): \(error.localizedDescription)")
        }
        // The swap runs under `committing`, so Ctrl-C's handler (`abandonStaging`) sees the
        // previous site or the new one in place, never the moment between two renames.
        Self.committing.lock()
        if fileManager.fileExists(atPath: destination.path), FileWriting.exchange(staging.path, destination.path) {
            Self.committing.unlock()
            // `staging` now holds the previous site.
            FileWriting.removeTree(staging.path)
            return
        }
        do {
            defer { Self.committing.unlock() }
            if fileManager.fileExists(atPath: destination.path) {
                try fileManager.moveItem(at: destination, to: retired)
            }
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            // Put the previous site back if the swap failed half-way.
            if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                try? fileManager.moveItem(at: retired, to: destination)
            }
            FileWriting.removeTree(staging.path)
            throw Diagnostic(location: nil, message: "cannot replace \(destination.path): \(error.localizedDescription)")
        }
        FileWriting.removeTree(retired.path)
    }

    /// Copies (never moves: a failed swap restores the old site whole) kept paths that the
    /// new site lacks.
    private func carryKeptFiles(into staging: URL) throws {
        let fileManager = FileManager.default
        for kept in keepFiles {
            let relative = kept.split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/")
            guard !relative.isEmpty else { continue }
            let old = destination.appendingPathComponent(relative)
            let new = staging.appendingPathComponent(relative)
            guard fileManager.fileExists(atPath: old.path), !fileManager.fileExists(atPath: new.path) else { continue }
            try fileManager.createDirectory(at: new.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.copyItem(at: old, to: new)
        }
    }

    /// Removes `.<name>.strata-new-<pid>`, `-old-<pid>` and `-pages-<pid>` folders beside the destination
    /// whose process is gone (or is this one, from an earlier build in the same process, but for this
    /// process's `PageSpool`, which its build is still filling and removes itself).
    /// With `keepingOwnStaging`, this process's `-new-` folder stays: an update in place
    /// (`OutputWriter.apply`) keeps the files it replaced there to write the next update into.
    func sweepLeftovers(keepingOwnStaging: Bool = false) {
        let parent = destination.deletingLastPathComponent().path
        let prefix = ".\(destination.lastPathComponent).strata-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let me = ProcessInfo.processInfo.processIdentifier
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let isSpool = rest.hasPrefix("pages-")
            guard rest.hasPrefix("new-") || rest.hasPrefix("old-") || isSpool else { continue }
            let digits = rest.dropFirst(isSpool ? 6 : 4).prefix(while: { $0.isASCII && $0.isNumber })
            guard let pid = Int32(digits), !((isSpool || keepingOwnStaging) && pid == me) else { continue }
            let alive = pid != me && (kill(pid, 0) == 0 || errno == EPERM)
            if !alive { FileWriting.removeTree(parent + "/" + name) }
        }
    }

    private func writeAll(_ files: [OutputFile], into root: URL) throws {
        // Folders first, in order; then the files on every core, since creating files is
        // mostly waiting on the kernel.
        var made: Set<String> = [root.path]
        var checked: [String] = []
        checked.reserveCapacity(files.count)
        for file in files { checked.append(try FileWriting.target(file.path, in: root.path)) }
        let targets = checked
        for target in targets {
            try FileWriting.makeFolder(RelativePath.folder(target), made: &made)
        }
        let failure = FirstFailure()
        let unchanged = self.unchanged
        let previous = destination.path
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            do {
                if unchanged.contains(files[index].path), link(previous + "/" + files[index].path, targets[index]) == 0 { return }
                switch files[index].contents {
                case .data(let data): try FileWriting.write(data, to: targets[index])
                case .copy(let source): try FileWriting.copy(source.path, to: targets[index])
                case .staged(let file):
                    // The previous site's own file (the cache found its bytes unchanged) is never
                    // taken from it: a failed swap must leave that site whole.
                    if file.path.hasPrefix(previous + "/") {
                        try FileWriting.copy(file.path, to: targets[index])
                    } else {
                        try FileWriting.move(file.path, to: targets[index])
                    }
                }
            } catch {
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
    }
}

/// The first error of concurrent workers.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: (any Error)?

    func record(_ error: any Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}

/// Plain POSIX writes: markedly faster than FileManager.createFile on Linux.
enum FileWriting {
    struct Failure: Error, LocalizedError {
        let path: String
        let code: Int32
        var errorDescription: String? { "\(path): \(String(cString: strerror(code)))" }
    }

    /// Refuses an output path that could leave the destination.
    struct OutsideDestination: Error, LocalizedError {
        let path: String
        var errorDescription: String? { "refusing to write `\(path)`: it is not a plain path inside the destination" }
    }

    /// `root/relative`, after checking that `relative` is a `/`-separated path with no empty, `.` or `..`
    /// segment and no NUL, so that it names a file inside `root` whatever produced it. URLs are already
    /// sanitised as Jekyll sanitises them; this is the last check before the disk.
    static func target(_ relative: String, in root: String) throws -> String {
        guard isPlainRelativePath(relative) else { throw OutsideDestination(path: relative) }
        return root + "/" + relative
    }

    /// The check `target` makes, on UTF-8 bytes: splitting into Substrings and comparing
    /// Characters cost more than the rest of writing a page over its old bytes.
    private static func isPlainRelativePath(_ relative: String) -> Bool {
        // The segment so far: its length, and whether it holds dots alone.
        var length = 0
        var onlyDots = true
        func segmentIsPlain() -> Bool { length > 0 && !(onlyDots && length <= 2) }
        for byte in relative.utf8 {
            if byte == 0 { return false }
            if byte == UInt8(ascii: "/") {
                guard segmentIsPlain() else { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return segmentIsPlain()
    }

    /// Swaps two existing paths atomically with Linux's `renameat2(RENAME_EXCHANGE)`, looked up at run time
    /// because Glibc's Swift overlay does not declare it. False when the call is missing or refused (older
    /// kernels, some file systems); the caller then falls back to two renames.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let renameat2 = renameAt2 else { return false }
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// Looked up once: a layout edit under the preview exchanges every output, and `dlsym`
    /// searches every loaded library's symbols.
    private static let renameAt2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    #endif

    /// Writes `data` to a temporary file beside `path` and renames it over `path`, so that a reader (the
    /// preview server) sees the old bytes or the new ones, never a file being written.
    static func replace(_ data: Data, at path: String) throws {
        let folder = RelativePath.folder(path)
        let temporary = folder + "/.strata-tmp-\(ProcessInfo.processInfo.processIdentifier)-" + RelativePath.lastComponent(path)
        do {
            try write(data, to: temporary)
            guard rename(temporary, path) == 0 else { throw Failure(path: path, code: errno) }
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Writes `data` into the file at `path`, reusing its inode when it is a plain file with no
    /// other link: the preview's staging files are the outputs an update replaced (see
    /// `OutputWriter.apply`), and creating a new inode for every output of every update is what
    /// made a layout edit slow (ext4's allocator scans past the inodes just freed). The bytes
    /// are rewritten under an exclusive `flock`: the preview server reads a served file under a
    /// shared one and checks the file is still in place (`SiteFileResolver.contents(of:)`), so
    /// a reader that opened an output just before it was swapped out never sees it rewritten.
    static func rewrite(_ data: Data, at path: String) throws {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        var info = stat()
        if descriptor < 0 || fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG || info.st_nlink > 1 {
            // Another name shares the inode (or it is not a plain file, such as a folder an
            // output replaced): rewriting it would change that name's bytes too, so this one
            // gets a fresh file.
            if descriptor >= 0 { close(descriptor) }
            // `unlink` first: `removeTree` would follow a symlink to a folder.
            if unlink(path) != 0, errno == EISDIR { removeTree(path) }
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure(path: path, code: errno) }
        }
        // Written over the old bytes and cut to length after, not truncated first: truncating
        // frees the file's blocks only for the write to allocate them again (7% of a layout
        // edit's samples at 1,000 posts).
        try data.withUnsafeBytes { buffer in try write(buffer, descriptor: descriptor, path: path) }
        guard ftruncate(descriptor, off_t(data.count)) == 0 else { throw Failure(path: path, code: errno) }
    }

    static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { buffer in try write(buffer, to: path) }
    }

    static func write(_ buffer: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(descriptor) }
        try write(buffer, descriptor: descriptor, path: path)
    }

    private static func write(_ buffer: UnsafeRawBufferPointer, descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, code: errno)
            }
            offset += written
        }
    }

    /// Creates `path` and any missing parents with plain `mkdir`; `made` remembers what
    /// exists, so a site of a thousand dated folders costs a thousand calls, not five
    /// thousand `stat`s through FileManager.
    static func makeFolder(_ path: String, made: inout Set<String>) throws {
        guard !made.contains(path), !path.isEmpty else { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolder(String(path[..<slash]), made: &made)
        }
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw Failure(path: path, code: errno)
        }
        made.insert(path)
    }

    /// Removes a folder and everything in it; best effort, since the previous site it removes
    /// is already out of the way. Plain `readdir` and `unlinkat`: FileManager's enumerator with
    /// attributes cost about 4 ms per file here, seconds for a site of a thousand posts.
    static func removeTree(_ path: String) {
        guard let handle = opendir(path) else {
            _ = unlink(path)
            return
        }
        let descriptor = dirfd(handle)
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder {
                folders.append(name)
            } else {
                _ = unlinkat(descriptor, name, 0)
            }
        }
        closedir(handle)
        for name in folders { removeTree(path + "/" + name) }
        _ = rmdir(path)
    }

    /// Moves a staged file (`OutputFile.Contents.staged`) to `path`: a rename, or a copy when
    /// `source` is on another file system; nothing when it is already there.
    static func move(_ source: String, to path: String) throws {
        guard source != path else { return }
        if rename(source, path) == 0 { return }
        guard errno == EXDEV else { throw Failure(path: source, code: errno) }
        try copy(source, to: path)
    }

    static func copy(_ source: String, to path: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Failure(path: source, code: ENOENT)
        }
        try write(data, to: path)
    }
}
