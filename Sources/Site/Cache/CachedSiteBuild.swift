import Diagnostics
import Foundation
import Highlight

/// `strata build` with a cache between runs (like Jekyll's `--incremental`, but never stale).
///
/// `.strata-cache/manifest` records the stamp (size, times, inode) of every file under the
/// site's root, what decides the output besides them (Strata's binary, the command line, the
/// destination), and every file the build left in the destination with a fingerprint of its
/// bytes. The next build:
///
/// - when no input changed, the destination is exactly as left, and no post became due,
///   renders and writes nothing;
/// - when only the text of existing posts changed, renders those posts and what can show them
///   from `.strata-cache/render` (`RenderRecord`: every post's rendered body and the dependency
///   graph of the last render) and writes the outputs whose bytes changed (`renderEdits`);
/// - otherwise, or whenever the record cannot prove a subset is enough, renders the whole site
///   (always right, whatever changed), and writes only the files whose bytes changed and removes
///   the ones that went, in place (`OutputWriter.update`); without a record of the destination
///   it writes a whole new site (`OutputWriter.replaceAll`).
///
/// The output is byte for byte what a build without the cache writes; `--no-cache` (`useCache`
/// false) ignores the record but leaves a new one.
public struct CachedSiteBuild: Sendable {
    /// What the build did.
    public enum Outcome: Sendable, Equatable {
        /// Nothing changed since the last build: nothing was rendered or written.
        case unchanged
        /// Everything was rendered: `written` files were written, `kept` left as the previous
        /// site had them (their bytes had not changed).
        case rendered(written: Int, kept: Int)
        /// Only edited posts changed: `rendered` outputs (those posts' pages and what shows
        /// them) were rendered again, `written` of them written, `kept` files left as they were.
        case updated(rendered: Int, written: Int, kept: Int)
    }

    public var builder: SiteBuilder
    public var useCache: Bool

    public init(builder: SiteBuilder, useCache: Bool = true) {
        self.builder = builder
        self.useCache = useCache
    }

    /// The folder the cache lives in: `.strata-cache/` at the site's root.
    public var cacheFolder: URL { builder.layout.root.appendingPathComponent(".strata-cache", isDirectory: true) }
    var manifestPath: String { cacheFolder.appendingPathComponent("manifest").path }

    /// Rouge's answers of earlier builds (`HighlightRecord`).
    var highlightRecordPath: String { cacheFolder.appendingPathComponent("highlight").path }

    public func build() throws(DiagnosticList) -> (result: SiteBuildReport, outcome: Outcome) {
        let library = Highlighter.shared.library
        let highlighting = useCache ? library.flatMap { HighlightRecord.load(from: highlightRecordPath, into: $0) } : nil
        // Pages of the last build may hold code Rouge would colour otherwise now (it was
        // missing then, or was upgraded since): then none of them is kept without rendering.
        let built = try build(highlightingStands: library == nil || highlighting != nil)
        // Only a build that finished leaves a record: a failed one leaves nothing beside the site.
        if let library { HighlightRecord.save(to: highlightRecordPath, from: library, loaded: highlighting) }
        return built
    }

    private func build(highlightingStands: Bool) throws(DiagnosticList) -> (result: SiteBuildReport, outcome: Outcome) {
        var steps = StepRunner()
        let destination = builder.layout.destination.path
        let environment = environmentKey()
        let inputs = snapshotInputs()
        let previous = useCache ? FileManager.default.contents(atPath: manifestPath).flatMap(BuildManifest.decode) : nil
        let present = previous == nil ? [:] : FileTree.stamps(under: destination)
        if let previous, highlightingStands, previous.environment == environment, builder.now() < previous.nextPublication ?? .distantFuture,
           Self.outputsIntact(previous.outputs, present), let changed = changedInputs(previous.inputs, inputs) {
            if changed.isEmpty {
                steps.lap(.checkCache)
                let result = SiteBuildReport(posts: previous.posts, pages: previous.pages, staticFiles: previous.staticFiles,
                                         timings: steps.timings, warnings: previous.warnings, dependencies: [:])
                return (result, .unchanged)
            }
            var fastSteps = steps
            if let updated = renderEdits(changed: changed, previous: previous, inputs: inputs, steps: &fastSteps) {
                return updated
            }
        }
        steps.lap(.checkCache)

        // Pages are staged as they are finished; one whose bytes the destination's intact file
        // already has is not written at all.
        var kept: [String: ContentHash] = [:]
        if let previous {
            for (path, old) in previous.outputs {
                if let now = present[path], old.stamp.matches(now, at: "") { kept[path] = old.fingerprint }
            }
        }
        let state = try builder.renderState(spooling: kept)
        defer { state.spool?.remove() }
        var report = state.report
        report.timings = steps.timings + report.timings
        steps = StepRunner()
        let fingerprints = self.fingerprints(of: state.files, inputs: inputs, spool: state.spool)
        var unchanged = Set<String>()
        if let previous {
            for (index, file) in state.files.enumerated() {
                guard let old = previous.outputs[file.path], old.fingerprint == fingerprints[index],
                      let now = present[file.path], old.stamp.matches(now, at: "") else { continue }
                unchanged.insert(file.path)
            }
        }
        // A build that stops half-way must not leave a record of the site it replaced.
        unlink(manifestPath)
        var writer = OutputWriter(site: builder.layout.destination, keepFiles: state.config.keepFiles)
        let written: Int
        do {
            // The record is of the destination the last build wrote; a destination that is
            // gone (deleted by hand, or another `--destination`) has nothing to update.
            var isFolder: ObjCBool = false
            if previous != nil, FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder), isFolder.boolValue {
                written = try writer.update(state.files, present: Set(present.keys), unchanged: unchanged)
            } else {
                written = try writer.replaceAll(state.files, unchanged: unchanged).count - unchanged.count
            }
        } catch {
            throw DiagnosticList([error])
        }
        let render = writeRecord(of: state)
        steps.lap(.write)
        report.timings += steps.timings

        var fingerprinted: [String: ContentHash] = [:]
        for (index, file) in state.files.enumerated() { fingerprinted[file.path] = fingerprints[index] }
        var outputs: [String: BuildManifest.Output] = [:]
        for (path, stamp) in FileTree.stamps(under: destination) {
            // Files kept by `keep_files` are not the build's: their stamp is their fingerprint.
            let fingerprint = fingerprinted[path] ?? ContentHash("kept \(stamp.size) \(stamp.modified) \(stamp.inode)")
            outputs[path] = BuildManifest.Output(stamp: stamp, fingerprint: fingerprint)
        }
        let manifest = BuildManifest(
            environment: environment, nextPublication: state.content.nextPublication, posts: report.posts, pages: report.pages,
            staticFiles: report.staticFiles, warnings: report.warnings, render: render, inputs: inputs, outputs: outputs
        )
        record(manifest)
        return (report, .rendered(written: written, kept: state.files.count - written))
    }

    /// Every file under the root but the destination, the cache, version control and the
    /// staging folders of builds, plus `--config` files, stamped before anything is read; a file
    /// changed in the last two seconds also gets its bytes hashed now (see `FileStamp`).
    func snapshotInputs() -> [String: FileStamp] {
        let destination = builder.layout.destination.standardizedFileURL.path
        let staging = "." + builder.layout.destination.lastPathComponent + ".strata-"
        let cache = cacheFolder.path
        let root = builder.layout.root.standardizedFileURL.path
        let now = FileStamp.nowNanoseconds()
        var stamps = FileTree.stamps(under: root) { full, name in
            full == destination || full == cache || name == ".git" || name.hasPrefix(staging)
        }
        for file in builder.overrides.configFiles {
            stamps["--config " + file.standardizedFileURL.path] = FileStamp.of(file.path)
                ?? FileStamp(size: -1, modified: 0, changed: 0, inode: 0, hash: nil)
        }
        for (path, stamp) in stamps where stamp.isRacy(at: now) {
            let full = path.hasPrefix("--config ") ? String(path.dropFirst("--config ".count)) : root + "/" + path
            stamps[path]?.hash = ContentHash.ofFile(full) ?? ContentHash("unreadable")
        }
        return stamps
    }

    /// What decides the output besides the site's files.
    func environmentKey() -> ContentHash {
        var parts = [BuildManifest.formatLine]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), let stamp = FileStamp.of(executable) {
            parts.append("strata \(executable) \(stamp.size) \(stamp.modified)")
        } else {
            parts.append("strata \(CommandLine.arguments.first ?? "?") \(Date().timeIntervalSince1970)")
        }
        let overrides = builder.overrides
        parts.append("baseurl \(overrides.baseurl ?? "-") drafts \(overrides.drafts) future \(overrides.future) environment \(overrides.environment)")
        parts.append("config " + overrides.configFiles.map(\.standardizedFileURL.path).joined(separator: "\u{0}"))
        parts.append("root \(builder.layout.root.standardizedFileURL.path) destination \(builder.layout.destination.standardizedFileURL.path)")
        parts.append("TZ \(ProcessInfo.processInfo.environment["TZ"] ?? "-")")
        let configFiles = overrides.configFiles.isEmpty ? [builder.layout.content.appendingPathComponent("_config.yml")] : overrides.configFiles
        if let revision = LastModifiedAtPlugin.historyKey(configFiles: configFiles, source: builder.layout.content) { parts.append(revision) }
        return ContentHash(parts.joined(separator: "\n"))
    }

    /// The fingerprint of each output: its bytes' hash, or for a copied file its source's stamp.
    func fingerprints(of files: [OutputFile], inputs: [String: FileStamp], spool: PageSpool? = nil) -> [ContentHash] {
        let root = builder.layout.root.standardizedFileURL.path + "/"
        let slots = UnsafeMutableBufferPointer<ContentHash>.allocate(capacity: files.count)
        defer { slots.deallocate() }
        let base = slots.baseAddress!
        // Each worker writes its own slots only.
        nonisolated(unsafe) let output = base
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let hash: ContentHash
            switch files[index].contents {
            case .data(let data):
                hash = ContentHash(data)
            case .staged(let file):
                // Hashed when staged; read back only if the spool did not stage it.
                hash = spool?.fingerprint(of: files[index].path)
                    ?? FileManager.default.contents(atPath: file.path).map { ContentHash($0) } ?? ContentHash("staged \(file.path) missing")
            case .copy(let source):
                let path = source.standardizedFileURL.path
                let relative = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
                if let stamp = inputs[relative] ?? FileStamp.of(path) {
                    hash = ContentHash("copy \(relative) \(stamp.size) \(stamp.modified) \(stamp.changed) \(stamp.inode) \(stamp.hash?.description ?? "-")")
                } else {
                    hash = ContentHash("copy \(relative) missing")
                }
            }
            (output + index).initialize(to: hash)
        }
        return Array(slots)
    }

    func inputsMatch(_ recorded: [String: FileStamp], _ current: [String: FileStamp]) -> Bool {
        changedInputs(recorded, current)?.isEmpty == true
    }

    /// The inputs (paths as the manifest keys them) whose bytes may differ from the recorded
    /// ones; nil when a file was created, deleted or renamed.
    func changedInputs(_ recorded: [String: FileStamp], _ current: [String: FileStamp]) -> [String]? {
        guard recorded.count == current.count else { return nil }
        let root = builder.layout.root.standardizedFileURL.path + "/"
        var changed: [String] = []
        for (path, stamp) in recorded {
            guard let now = current[path] else { return nil }
            // A hash recorded for a racy file is checked against the hash taken now.
            if stamp.hash != nil || now.hash != nil {
                guard stamp.size == now.size, stamp.modified == now.modified, stamp.changed == now.changed,
                      stamp.inode == now.inode, stamp.hash == now.hash || now.hash == nil else { changed.append(path); continue }
                if now.hash == nil, let hash = stamp.hash {
                    let full = path.hasPrefix("--config ") ? String(path.dropFirst("--config ".count)) : root + path
                    if ContentHash.ofFile(full) != hash { changed.append(path) }
                }
            } else if stamp != now {
                changed.append(path)
            }
        }
        return changed.sorted()
    }

    static func outputsIntact(_ recorded: [String: BuildManifest.Output], _ present: [String: FileStamp]) -> Bool {
        guard recorded.count == present.count else { return false }
        for (path, output) in recorded {
            guard let now = present[path], output.stamp.matches(now, at: "") else { return false }
        }
        return true
    }

    func record(_ manifest: BuildManifest) {
        guard let data = manifest.encoded() else { return }
        try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        try? FileWriting.replace(data, at: manifestPath)
    }
}
