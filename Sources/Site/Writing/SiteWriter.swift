import Diagnostics
import Foundation

/// Writes a whole site next to the destination and swaps it in, so a failed build
/// never leaves a half-written `_site/` behind.
struct SiteWriter {
    let destination: URL

    func write(_ files: [OutputFile]) throws(Diagnostic) {
        let fileManager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).strata-new-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = parent.appendingPathComponent(".\(name).strata-old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: retired)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try writeAll(files, into: staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw Diagnostic(location: nil, message: "cannot write the site into \(staging.path): \(error.localizedDescription)", step: "write")
        }
        do {
            if fileManager.fileExists(atPath: destination.path) {
                try fileManager.moveItem(at: destination, to: retired)
            }
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            // Put the previous site back if the swap failed half-way.
            if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                try? fileManager.moveItem(at: retired, to: destination)
            }
            try? fileManager.removeItem(at: staging)
            throw Diagnostic(location: nil, message: "cannot replace \(destination.path): \(error.localizedDescription)", step: "write")
        }
        FileWriting.removeTree(retired.path)
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
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            do {
                switch files[index].contents {
                case .data(let data): try FileWriting.write(data, to: targets[index])
                case .copy(let source): try FileWriting.copy(source.path, to: targets[index])
                }
            } catch {
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
    }
}

/// The first error of concurrent workers.
private final class FirstFailure: @unchecked Sendable {
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
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.contains("\0"),
              segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw OutsideDestination(path: relative)
        }
        return root + "/" + relative
    }

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

    static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
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

    /// Removes a folder and everything in it, files on every core; best effort, since the
    /// previous site it removes is already out of the way.
    static func removeTree(_ path: String) {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return }
        var files: [String] = []
        var folders: [String] = []
        for case let relative as String in walker {
            let full = path + "/" + relative
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                folders.append(full)
            } else {
                files.append(full)
            }
        }
        let doomed = files
        DispatchQueue.concurrentPerform(iterations: doomed.count) { index in
            _ = unlink(doomed[index])
        }
        for folder in folders.reversed() { _ = rmdir(folder) }
        _ = rmdir(path)
    }

    static func copy(_ source: String, to path: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Failure(path: source, code: ENOENT)
        }
        try write(data, to: path)
    }
}
