import Diagnostics
import Foundation

/// Writes a whole site next to the destination and swaps it in, so a failed build
/// never leaves a half-written `_site/` behind.
struct SiteWriter {
    let destination: URL
    /// `keep_files:`: paths (relative to the destination, files or folders) carried over
    /// from the previous site when the build does not write them itself, as Jekyll's
    /// cleaner spares them.
    var keepFiles: [String] = []

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
            try carryKeptFiles(into: staging)
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

    private func writeAll(_ files: [OutputFile], into root: URL) throws {
        // Folders first, in order; then the files on every core, since creating files is
        // mostly waiting on the kernel.
        var made: Set<String> = [root.path]
        let targets = files.map { root.appendingPathComponent($0.path).path }
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
