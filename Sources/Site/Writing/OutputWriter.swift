import Diagnostics
import Foundation

/// The one writer of outputs, for `build`, `serve` and `diagram`. A first write (or any
/// `build`) puts a whole new folder in place atomically (`SiteWriter`); later writes
/// (`update`) stage only the outputs whose bytes changed, then rename them into place and
/// remove the outputs that went, all under one lock, so a server reading the folder never
/// sees half a file, an interrupted write leaves the whole previous set or the whole new
/// one, and watchers downstream see no needless change.
/// A source that cannot be read fails the write; nothing is written empty in its place.
public struct OutputWriter: Sendable {
    public let destination: URL
    /// `keep_files:` (see `SiteWriter`).
    var keepFiles: [String]
    /// Whether the destination is a whole site (`_site/`): updates then stage beside it, in the
    /// folder `SiteWriter` stages into and the Ctrl-C handler sweeps. Otherwise (`diagram`
    /// writing into any folder, whose parent may not be writable) they stage inside it.
    private let isSite: Bool
    /// Whether updates keep the files they replace, to write the next update into (see
    /// `apply`): for the preview's session, which updates the same outputs over and over.
    /// The staging folder then outlives an update; the server's stop, the Ctrl-C handler or
    /// the next build's sweep removes it.
    private let reusesReplacedFiles: Bool
    /// The bytes this writer last wrote, by output path: compared instead of reading back.
    private var written: [String: Data] = [:]
    /// Every output of the last complete write, to remove those the next one lacks.
    private var outputs: Set<String> = []

    /// A writer of single outputs into any folder (`diagram`).
    public init(destination: URL) {
        self.destination = destination
        self.keepFiles = []
        self.isSite = false
        self.reusesReplacedFiles = false
    }

    /// A writer of a whole site into `destination` (`build`, `serve`); `reusingReplacedFiles`
    /// for a writer that updates the same site many times (`SiteSession`).
    init(site destination: URL, keepFiles: [String] = [], reusingReplacedFiles: Bool = false) {
        self.destination = destination
        self.keepFiles = keepFiles
        self.isSite = true
        self.reusesReplacedFiles = reusingReplacedFiles
    }

    /// Makes the destination hold exactly `files` (and kept files), swapped in whole.
    /// Outputs in `unchanged` are known to have the destination's bytes: they are hard-linked
    /// from it rather than written again. Returns every output path.
    @discardableResult
    public mutating func replaceAll(_ files: [OutputFile]) throws(Diagnostic) -> [String] {
        try replaceAll(files, unchanged: [])
    }

    @discardableResult
    mutating func replaceAll(_ files: [OutputFile], unchanged: Set<String>) throws(Diagnostic) -> [String] {
        try SiteWriter(destination: destination, keepFiles: keepFiles, unchanged: unchanged).write(files)
        remember(files, complete: true)
        return files.map(\.path)
    }

    /// Rewrites each of `files` whose bytes differ from the destination's; when
    /// `complete`, `files` is the whole site and outputs of the last complete write that
    /// it lacks are removed. Returns the paths written or removed.
    public mutating func update(_ files: [OutputFile], complete: Bool) throws(Diagnostic) -> [String] {
        var changes = Changes(write: [], remove: [])
        for file in files {
            let data = try bytes(of: file)
            let previous: Data?
            if let remembered = written[file.path] {
                previous = remembered
            } else {
                do { previous = FileManager.default.contents(atPath: try FileWriting.target(file.path, in: destination.path)) } catch {
                    throw Diagnostic(location: nil, message: "cannot write \(destination.path): \(error.localizedDescription)", kind: BuildStep.write.kind)
                }
            }
            guard previous != data else { continue }
            changes.write.append(OutputFile(path: file.path, contents: .data(data)))
        }
        if complete { changes.remove = outputs.subtracting(files.map(\.path)).sorted() }
        try apply(changes)
        remember(files, complete: complete)
        return changes.write.map(\.path) + changes.remove
    }

    /// The build cache's write: makes the destination, whose files are `present` (relative
    /// paths), hold exactly `files` and the kept files, as `replaceAll` would. Outputs in
    /// `unchanged` are known (by fingerprint) to have the destination's bytes and are not
    /// touched; the rest are written without comparing, and files the site lacks are removed.
    /// When an output must become a folder or a folder a file, writes a whole new site instead.
    /// Returns how many outputs were written.
    mutating func update(_ files: [OutputFile], present: Set<String>, unchanged: Set<String>) throws(Diagnostic) -> Int {
        guard let remove = removals(to: files, present: present) else {
            try replaceAll(files, unchanged: unchanged)
            return files.count - unchanged.count
        }
        let changes = Changes(write: files.filter { !unchanged.contains($0.path) }, remove: remove)
        try apply(changes)
        remember(files, complete: true)
        return changes.write.count
    }

    /// What an update does to the destination.
    private struct Changes {
        /// Outputs to write (new, or with other bytes than the destination's file).
        var write: [OutputFile]
        /// Destination files (relative paths) to remove.
        var remove: [String]
    }

    /// The destination files (of `present`) that the site of `files` does not have, but for
    /// the `keep_files` it lacks. Nil when an output must become a folder or a folder a file.
    private func removals(to files: [OutputFile], present: Set<String>) -> [String]? {
        let outputs = Set(files.map(\.path))
        var folders = Set<String>()
        for path in outputs {
            var folder = RelativePath.folder(path)
            while !folder.isEmpty, folders.insert(folder).inserted {
                if present.contains(folder) { return nil }
                folder = RelativePath.folder(folder)
            }
        }
        for path in present {
            var folder = RelativePath.folder(path)
            while !folder.isEmpty {
                if outputs.contains(folder) { return nil }
                folder = RelativePath.folder(folder)
            }
        }
        let kept = keepFiles.map { $0.split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/") }
            .filter { !$0.isEmpty && !outputs.contains($0) && !folders.contains($0) }
        var remove: [String] = []
        for path in present where !outputs.contains(path) {
            if folders.contains(path) { return nil }
            if kept.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) { continue }
            remove.append(path)
        }
        return remove.sorted()
    }

    /// An output's bytes; a copied source that cannot be read is an error at that source.
    private func bytes(of file: OutputFile) throws(Diagnostic) -> Data {
        switch file.contents {
        case .data(let bytes):
            return bytes
        case .copy(let source), .staged(let source):
            guard let bytes = FileManager.default.contents(atPath: source.path) else {
                throw Diagnostic(location: SourceLocation(file: source.path, line: 1), message: "cannot read the file to copy it into \(destination.path)")
            }
            return bytes
        }
    }

    /// Applies `changes` to the live destination: the new files are written into a staging
    /// folder first (swept like any staging folder if the build dies), then moved into place
    /// and the old ones removed, under `SiteWriter.committing`. Costs what changed, where
    /// writing a new site and removing the old one costs every file (deleting is slow on disks
    /// mounted with online discard: a millisecond a file here).
    ///
    /// When reusing replaced files, an output that exists is swapped with its staged file in one
    /// `renameat2(RENAME_EXCHANGE)`, and the staging folder is kept with the replaced files in
    /// it: the next update writes its bytes into them (`FileWriting.rewrite`) instead of making
    /// new files. A layout edit at 1,000 posts spent more than half its time in ext4 allocating
    /// the 1,000 new inodes (and freeing the 1,000 old ones) that rename-over-old needs.
    private func apply(_ changes: Changes) throws(Diagnostic) {
        guard !changes.write.isEmpty || !changes.remove.isEmpty else { return }
        let root = destination.path
        let staging: URL
        if isSite {
            staging = SiteWriter.stagingFolder(for: destination)
            SiteWriter(destination: destination).sweepLeftovers(keepingOwnStaging: reusesReplacedFiles)
        } else {
            staging = destination.appendingPathComponent(".strata-new-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        }
        do {
            try SiteWriter.makeStagingFolder(staging)
            let stagingPrefix = staging.path + "/"
            var targets: [String] = []
            var sources: [String] = []
            targets.reserveCapacity(changes.write.count)
            sources.reserveCapacity(changes.write.count)
            for (index, file) in changes.write.enumerated() {
                targets.append(try FileWriting.target(file.path, in: root))
                // A page the build already staged (`PageSpool`) is renamed in from there.
                if case .staged(let spooled) = file.contents, !spooled.path.hasPrefix(root + "/") {
                    sources.append(spooled.path)
                } else {
                    sources.append(stagingPrefix + "\(index)")
                }
            }
            // On every core: writing a file is mostly the kernel's time (open, write, close).
            let failure = FirstFailure()
            let reuses = reusesReplacedFiles
            let staged = sources
            DispatchQueue.concurrentPerform(iterations: changes.write.count) { index in
                guard staged[index].hasPrefix(stagingPrefix) else { return }
                do {
                    let data = try bytes(of: changes.write[index])
                    if reuses {
                        try FileWriting.rewrite(data, at: staged[index])
                    } else {
                        try FileWriting.write(data, to: staged[index])
                    }
                } catch {
                    failure.record(error)
                }
            }
            if let error = failure.error { throw error }
            SiteWriter.committing.lock()
            defer { SiteWriter.committing.unlock() }
            var made: Set<String> = [root]
            for (index, target) in targets.enumerated() {
                // Only a staging file may take the replaced one's place: a spooled page's
                // folder is removed after the build.
                let spare = reuses && sources[index].hasPrefix(stagingPrefix)
                if spare, FileWriting.exchange(sources[index], target) { continue }
                if rename(sources[index], target) == 0 { continue }
                // A new output's folder is made only when it is missing: an update of existing
                // outputs (every post's, after a layout edit) then costs no `mkdir` per file.
                guard errno == ENOENT else { throw FileWriting.Failure(path: target, code: errno) }
                try FileWriting.makeFolder(RelativePath.folder(target), made: &made)
                guard rename(sources[index], target) == 0 else { throw FileWriting.Failure(path: target, code: errno) }
            }
            for path in changes.remove {
                _ = unlink(root + "/" + path)
                // Folders left empty go too, as a new site would not have them.
                var folder = RelativePath.folder(path)
                while !folder.isEmpty, rmdir(root + "/" + folder) == 0 { folder = RelativePath.folder(folder) }
            }
        } catch let diagnostic as Diagnostic {
            FileWriting.removeTree(staging.path)
            throw diagnostic
        } catch {
            FileWriting.removeTree(staging.path)
            throw Diagnostic(location: nil, message: "cannot update \(root): \(error.localizedDescription)", kind: BuildStep.write.kind)
        }
        if !reusesReplacedFiles { FileWriting.removeTree(staging.path) }
    }

    /// For a writer that reuses replaced files: makes the staging files the next update writes
    /// into (see `apply`), one per page of `files` with that page's bytes, as an update would
    /// have left them. Called after the first write of a preview session, so that its first
    /// edit costs what later ones do: without them, a layout edit at 1,000 posts first made
    /// 1,000 new files (ext4 allocating an inode and blocks for each), two to three times a
    /// later edit's time. Best effort: a spare that cannot be made is made by the update that
    /// needs it, which reports the failure then.
    func stageSpares(for files: [OutputFile]) {
        guard reusesReplacedFiles, isSite else { return }
        let pages = files.compactMap { file -> Data? in
            if case .data(let data) = file.contents { return data } else { return nil }
        }
        let staging = SiteWriter.stagingFolder(for: destination).path
        guard !pages.isEmpty, (try? SiteWriter.makeStagingFolder(URL(fileURLWithPath: staging, isDirectory: true))) != nil else { return }
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            let path = staging + "/\(index)"
            do {
                try FileWriting.write(pages[index], to: path)
            } catch {
                _ = unlink(path)
            }
        }
    }

    /// Keeps written pages' bytes (not static files': they may be large, and are read
    /// from disk to compare).
    private mutating func remember(_ files: [OutputFile], complete: Bool) {
        if complete {
            written = [:]
            outputs = []
        }
        for file in files {
            outputs.insert(file.path)
            if case .data(let data) = file.contents { written[file.path] = data } else { written[file.path] = nil }
        }
    }
}
