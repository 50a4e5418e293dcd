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
        /// The build's warnings (config, content and the check step's findings), as
        /// `strata build` prints them; only a full render checks the outputs, so the fast
        /// path has none.
        public var warnings: [Diagnostic] = []
    }

    public let builder: SiteBuilder
    private let lock = NSLock()
    private var state: RenderState?
    private var writer: OutputWriter

    public init(builder: SiteBuilder) {
        self.builder = builder
        writer = OutputWriter(site: builder.layout.destination, reusingReplacedFiles: true)
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

    /// Step `write` of the fast path: the outputs whose bytes changed.
    func writeChanged(_ files: [OutputFile]) throws(DiagnosticList) -> [String] {
        do {
            return try writer.update(files, complete: false)
        } catch {
            throw DiagnosticList([error])
        }
    }

    private func absolute(_ path: String) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : builder.layout.root.appendingPathComponent(path)).standardizedFileURL
    }

    // MARK: - Full render

    private func renderEverything() throws(DiagnosticList) -> Outcome {
        // The first build swaps a whole new folder in, as `strata build` does; later
        // ones rewrite only what changed, so the server never serves a missing file.
        var changed: [String] = []
        let first = state == nil
        let fresh = try builder.build { (fresh: RenderState) throws(Diagnostic) in
            self.writer.keepFiles = fresh.config.keepFiles
            changed = first ? try self.writer.replaceAll(fresh.files) : try self.writer.update(fresh.files, complete: true)
            if first { self.writer.stageSpares(for: fresh.files) }
        }
        state = fresh
        return Outcome(changedOutputs: changed.sorted(), renderedDocuments: fresh.posts.count + fresh.pages.count, fullRender: true, failure: nil, seconds: 0,
                       warnings: fresh.report.warnings)
    }
}
