import Diagnostics
import Foundation

/// The one writer of outputs, for `build`, `serve` and `diagram`. A first write (or any
/// `build`) puts a whole new folder in place atomically (`SiteWriter`); later writes
/// rewrite, each by rename, only the outputs whose bytes changed, so a server reading
/// the folder never sees half a file, and watchers downstream see no needless change.
/// A source that cannot be read fails the write; nothing is written empty in its place.
public struct OutputWriter: Sendable {
    public let destination: URL
    /// `keep_files:` (see `SiteWriter`).
    var keepFiles: [String]
    /// The bytes this writer last wrote, by output path: compared instead of reading back.
    private var written: [String: Data] = [:]
    /// Every output of the last complete write, to remove those the next one lacks.
    private var outputs: Set<String> = []

    public init(destination: URL) {
        self.init(destination: destination, keepFiles: [])
    }

    init(destination: URL, keepFiles: [String]) {
        self.destination = destination
        self.keepFiles = keepFiles
    }

    /// Makes the destination hold exactly `files` (and kept files), swapped in whole.
    /// Returns every output path.
    @discardableResult
    public mutating func replaceAll(_ files: [OutputFile]) throws(Diagnostic) -> [String] {
        try SiteWriter(destination: destination, keepFiles: keepFiles).write(files)
        remember(files, complete: true)
        return files.map(\.path)
    }

    /// Rewrites each of `files` whose bytes differ from the destination's; when
    /// `complete`, `files` is the whole site and outputs of the last complete write that
    /// it lacks are removed. Returns the paths written or removed.
    public mutating func update(_ files: [OutputFile], complete: Bool) throws(Diagnostic) -> [String] {
        var changed: [String] = []
        do {
            for file in files {
                let target = try FileWriting.target(file.path, in: destination.path)
                let data: Data
                switch file.contents {
                case .data(let bytes):
                    data = bytes
                case .copy(let source):
                    guard let bytes = FileManager.default.contents(atPath: source.path) else {
                        throw Diagnostic(location: SourceLocation(file: source.path, line: 1), message: "cannot read the file to copy it into \(destination.path)")
                    }
                    data = bytes
                }
                let previous = written[file.path] ?? FileManager.default.contents(atPath: target)
                guard previous != data else { continue }
                try FileManager.default.createDirectory(atPath: RelativePath.folder(target), withIntermediateDirectories: true)
                try FileWriting.replace(data, at: target)
                changed.append(file.path)
            }
            if complete {
                for stale in outputs.subtracting(files.map(\.path)) {
                    try? FileManager.default.removeItem(atPath: try FileWriting.target(stale, in: destination.path))
                    changed.append(stale)
                }
            }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic(location: nil, message: "cannot write \(destination.path): \(error.localizedDescription)")
        }
        remember(files, complete: complete)
        return changed
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
