import Diagnostics
import Foundation

extension SiteWriter {
    /// Held while an update in place moves its files into the destination, and by
    /// `abandonStaging` (the Ctrl-C handler), so an interrupted build leaves the whole previous
    /// site or the whole new one. A lock for the process's signal handling, not build state.
    static let committing = NSLock()

    /// What an update in place does to the destination.
    struct Changes {
        /// Outputs to write (new, or with other bytes than the destination's file).
        var write: [OutputFile]
        /// Destination files (relative paths) that the new site does not have.
        var remove: [String]
    }

    /// The changes that turn the destination, whose files are `present`, into the site of
    /// `files`, keeping the files in `unchanged` and the `keep_files` the new site lacks, as
    /// `write(_:)` would. Nil when an output must become a folder or a folder a file: the
    /// caller then writes a whole new site.
    func changes(to files: [OutputFile], present: Set<String>, unchanged: Set<String>) -> Changes? {
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
        return Changes(write: files.filter { !unchanged.contains($0.path) }, remove: remove.sorted())
    }

    /// Applies `changes` to the live destination: the new files are written into the staging
    /// folder first (swept like any staging folder if the build dies), then renamed into place
    /// and the old ones removed, under `committing`. Costs what changed, where writing a new
    /// site and removing the old one costs every file (deleting is slow on disks mounted
    /// with online discard: a millisecond a file here).
    func update(_ changes: Changes) throws(Diagnostic) {
        let staging = Self.stagingFolder(for: destination)
        let root = destination.path
        sweepLeftovers()
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            var made: Set<String> = [root]
            var targets: [String] = []
            for (index, file) in changes.write.enumerated() {
                let target = try FileWriting.target(file.path, in: root)
                try FileWriting.makeFolder(RelativePath.folder(target), made: &made)
                targets.append(target)
                let temporary = staging.path + "/\(index)"
                switch file.contents {
                case .data(let data): try FileWriting.write(data, to: temporary)
                case .copy(let source): try FileWriting.copy(source.path, to: temporary)
                }
            }
            SiteWriter.committing.lock()
            defer { SiteWriter.committing.unlock() }
            for (index, target) in targets.enumerated() where rename(staging.path + "/\(index)", target) != 0 {
                throw FileWriting.Failure(path: target, code: errno)
            }
            for path in changes.remove {
                _ = unlink(root + "/" + path)
                // Folders left empty go too, as a new site would not have them.
                var folder = RelativePath.folder(path)
                while !folder.isEmpty, rmdir(root + "/" + folder) == 0 { folder = RelativePath.folder(folder) }
            }
        } catch {
            FileWriting.removeTree(staging.path)
            throw Diagnostic(location: nil, message: "cannot update \(root): \(error.localizedDescription)", step: "write")
        }
        FileWriting.removeTree(staging.path)
    }
}
