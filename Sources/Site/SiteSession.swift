import Diagnostics
import Foundation
import Liquid

/// A site kept in memory between edits, for the preview server. The first build renders
/// everything; later builds re-render only what an edit can change and rewrite only the
/// outputs whose bytes changed.
public final class SiteSession: @unchecked Sendable {
    /// What one build did.
    public struct Outcome: Sendable {
        /// Output paths (relative to the destination) written or removed.
        public var changedOutputs: [String]
        /// How many posts and pages went through Liquid and Markdown.
        public var renderedDocuments: Int
        /// Whether everything was re-read and re-rendered.
        public var fullRender: Bool
        /// Set when the build failed; the previous site is then left as it was.
        public var failure: DiagnosticList?
        public var seconds: Double
    }

    public let builder: SiteBuilder
    private let lock = NSLock()
    private var state: RenderState?
    /// The bytes of every rendered page as last written, by output path.
    private var written: [String: Data] = [:]
    private var staticOutputs: Set<String> = []

    public init(builder: SiteBuilder) {
        self.builder = builder
    }

    public var destination: URL { builder.layout.destination }

    /// `changed` holds paths relative to the site root, or absolute ones.
    public func build(changed: Set<String>, fullRebuild: Bool) -> Outcome {
        lock.lock()
        defer { lock.unlock() }
        let start = DispatchTime.now().uptimeNanoseconds
        var outcome: Outcome
        do throws(DiagnosticList) {
            if state == nil || fullRebuild {
                outcome = try renderEverything()
            } else if changed.isEmpty {
                outcome = Outcome(changedOutputs: [], renderedDocuments: 0, fullRender: false, failure: nil, seconds: 0)
            } else if let fast = try renderEdits(changed.map(absolute)) {
                outcome = fast
            } else {
                outcome = try renderEverything()
            }
        } catch {
            // The fast path's errors get their source lines too, as `build` prints them.
            outcome = Outcome(changedOutputs: [], renderedDocuments: 0, fullRender: false,
                              failure: error.withExcerpts(readingFrom: builder.layout.root.path), seconds: 0)
        }
        outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return outcome
    }

    var currentState: RenderState? { state }

    /// Keeps a state produced by the fast path and the bytes it wrote.
    func commit(_ next: RenderState) {
        state = next
    }

    /// Writes changed outputs of the fast path and remembers their bytes.
    func writeChanged(_ files: [OutputFile]) throws(DiagnosticList) -> [String] {
        var changed: [String] = []
        do {
            for file in files {
                let target = URL(fileURLWithPath: try FileWriting.target(file.path, in: destination.path))
                switch file.contents {
                case .data(let data):
                    guard written[file.path] != data else { continue }
                    try write(data, to: target)
                    written[file.path] = data
                case .copy(let source):
                    let data = FileManager.default.contents(atPath: source.path) ?? Data()
                    guard FileManager.default.contents(atPath: target.path) != data else { continue }
                    try write(data, to: target)
                }
                changed.append(file.path)
            }
        } catch {
            throw DiagnosticList([Diagnostic(location: nil, message: "cannot write \(destination.path): \(error.localizedDescription)")])
        }
        return changed
    }

    private func absolute(_ path: String) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : builder.layout.root.appendingPathComponent(path)).standardizedFileURL
    }

    // MARK: - Full render

    private func renderEverything() throws(DiagnosticList) -> Outcome {
        // The first build swaps a whole new folder in, as `strata build` does; later
        // ones rewrite only what changed, so the server never serves a missing file.
        let fresh = try builder.build(writing: state == nil)
        let changed: [String]
        if state == nil {
            changed = fresh.files.map(\.path)
        } else {
            do {
                changed = try writeDifferences(fresh.files)
            } catch {
                throw error.inStep(.write)
            }
        }
        written = [:]
        staticOutputs = []
        for file in fresh.files {
            switch file.contents {
            case .data(let data): written[file.path] = data
            case .copy: staticOutputs.insert(file.path)
            }
        }
        state = fresh
        return Outcome(changedOutputs: changed.sorted(), renderedDocuments: fresh.posts.count + fresh.pages.count, fullRender: true, failure: nil, seconds: 0)
    }

    /// Writes the outputs whose bytes differ and removes the ones that went away.
    private func writeDifferences(_ files: [OutputFile]) throws(DiagnosticList) -> [String] {
        var changed: [String] = []
        var present = Set<String>()
        do {
            for file in files {
                present.insert(file.path)
                let target = URL(fileURLWithPath: try FileWriting.target(file.path, in: destination.path))
                switch file.contents {
                case .data(let data):
                    guard written[file.path] != data else { continue }
                    try write(data, to: target)
                case .copy(let source):
                    let data = FileManager.default.contents(atPath: source.path) ?? Data()
                    guard FileManager.default.contents(atPath: target.path) != data else { continue }
                    try write(data, to: target)
                }
                changed.append(file.path)
            }
            for stale in Set(written.keys).union(staticOutputs).subtracting(present) {
                try? FileManager.default.removeItem(at: destination.appendingPathComponent(stale))
                changed.append(stale)
            }
        } catch {
            throw DiagnosticList([Diagnostic(location: nil, message: "cannot write \(destination.path): \(error.localizedDescription)")])
        }
        return changed
    }

    /// Rewrites one output of the live site by rename, so the preview server never serves half a page.
    private func write(_ data: Data, to target: URL) throws {
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileWriting.replace(data, at: target.path)
    }
}
