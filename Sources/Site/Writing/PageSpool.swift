import Diagnostics
import Foundation

/// Where a build puts each page's bytes as soon as its layouts are applied, so that a large
/// site never holds every rendered page in memory until `write` (at 10,000 posts the pages
/// alone were 160 MB). The folder, `.<name>.strata-pages-<pid>` beside the destination, is
/// a staging folder like `SiteWriter`'s: never inside `_site/`, removed by the Ctrl-C handler
/// (`SiteWriter.abandonStaging`) and, when its process died, by the next build's sweep. Its
/// files are numbered, not named for their outputs, so they never collide with a path and a
/// writer moves each into place with one `rename` (`OutputFile.Contents.staged`).
///
/// `kept`: outputs whose destination file is known, by the build cache's fingerprint, to
/// hold given bytes. A page whose bytes have that fingerprint is not written at all; its
/// contents point at the destination's file, which the writers leave alone or hard-link.
/// Shared by the render workers: every method is safe to call from any thread.
final class PageSpool: @unchecked Sendable {
    let folder: URL
    let destination: URL
    private let kept: [String: ContentHash]
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var count = 0
    private var hashes: [String: ContentHash] = [:]

    /// Makes the folder, after sweeping what builds that died left beside `destination`.
    init(destination: URL, kept: [String: ContentHash] = [:]) throws(Diagnostic) {
        self.destination = destination
        self.folder = PageSpool.folder(for: destination)
        self.kept = kept
        SiteWriter(destination: destination).sweepLeftovers()
        FileWriting.removeTree(folder.path)
        do {
            try SiteWriter.makeStagingFolder(folder)
        } catch {
            throw Diagnostic(location: nil, message: "cannot write the site into \(folder.path): \(error.localizedDescription)", kind: BuildStep.write.kind)
        }
    }

    /// The spool folder of process `pid` for `destination`.
    static func folder(for destination: URL, pid: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).strata-pages-\(pid)")
    }

    /// Writes the page at output path `path` (or, when the destination already has its bytes,
    /// nothing) and returns where its bytes are now. `html` is released by the caller.
    func store(_ html: String, at path: String) throws(Diagnostic) -> OutputFile.Contents {
        // Hashed and written from the string's own bytes: a copy of the index page of a large
        // site is megabytes.
        var html = html
        let hash = html.withUTF8 { ContentHash(bytes: UnsafeRawBufferPointer($0)) }
        lock.lock()
        hashes[path] = hash
        count += 1
        let number = count
        lock.unlock()
        if kept[path] == hash {
            return .staged(destination.appendingPathComponent(path))
        }
        let file = folder.appendingPathComponent(String(number))
        do {
            try html.withUTF8 { bytes throws in try FileWriting.write(UnsafeRawBufferPointer(bytes), to: file.path) }
        } catch {
            throw Diagnostic(location: nil, message: "cannot write the site into \(folder.path): \(error.localizedDescription)", kind: BuildStep.write.kind)
        }
        return .staged(file)
    }

    /// The fingerprint of the bytes stored for output `path`, nil when none were.
    func fingerprint(of path: String) -> ContentHash? {
        lock.lock()
        defer { lock.unlock() }
        return hashes[path]
    }

    /// Removes the folder and what the writers did not move out of it.
    func remove() {
        FileWriting.removeTree(folder.path)
    }
}
