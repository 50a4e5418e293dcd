import Diagnostics
import Foundation

/// The steps of a build, in the order they run. A step's name is the only name a build
/// uses for it: in the timings of the summary line and in the `[step]` of every
/// diagnostic raised while it runs (Publish's `PublishingStep` is the model).
public enum BuildStep: String, CaseIterable, Sendable, Codable {
    /// `strata build` with its cache only: the last build's record compared with the site's
    /// files; when nothing changed the build ends here (see `CachedSiteBuild`).
    case checkCache = "cache"
    /// `_config.yml` (and `--config` files), then the `plugins:` list.
    case readConfig = "config"
    /// Posts, pages, collections, layouts, `_data` and static files; then the pages
    /// generators add before rendering (pagination, feed, sitemap, redirects), because
    /// Jekyll's generators run before its renderer and `site.pages` lists them.
    case readContent = "read"
    /// Layouts and includes parsed once, and the `page`/`site` variables they will see.
    case prepareTemplates = "templates"
    /// Liquid then Markdown on each post's text, with its excerpt and table of contents.
    case renderBodies = "bodies"
    /// The `site` object layouts and pages see: posts with their content and excerpts.
    case buildSite = "site"
    /// Each post's body wrapped in its layout chain.
    case applyLayouts = "layouts"
    /// Every other page, body and layouts, once the posts it may list are done: pages,
    /// collection documents, paginated indexes, archives, feeds, redirects.
    case generatePages = "pages"
    /// Every output claimed by exactly one source.
    case collectOutputs = "collect"
    /// Broken links, anchors, images and mis-encoded text, as warnings.
    case checkOutputs = "check"
    /// The outputs written into the destination.
    case write = "write"

    /// What the summary line and diagnostics call the step.
    public var name: String { rawValue }

    /// The step as the `[kind]` of the diagnostics it raises.
    public var kind: Diagnostic.Kind { Diagnostic.Kind(rawValue: rawValue) }
}

/// Runs steps: times each one and tags every diagnostic it raises with its name.
struct StepRunner {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var timings: [(step: String, seconds: Double)] = []

    mutating func run<T>(_ step: BuildStep, _ work: () throws(DiagnosticList) -> T) throws(DiagnosticList) -> T {
        defer { lap(step) }
        do {
            return try work()
        } catch {
            throw error.inStep(step)
        }
    }

    /// A step that fails with one diagnostic.
    mutating func run<T>(_ step: BuildStep, single work: () throws(Diagnostic) -> T) throws(DiagnosticList) -> T {
        try run(step) { () throws(DiagnosticList) -> T in
            do throws(Diagnostic) {
                return try work()
            } catch {
                throw DiagnosticList([error])
            }
        }
    }

    mutating func lap(_ step: BuildStep) {
        let now = DispatchTime.now().uptimeNanoseconds
        timings.append((step.name, Double(now - last) / 1e9))
        last = now
    }
}

extension DiagnosticList {
    /// Every diagnostic named after the step that raised it.
    func inStep(_ step: BuildStep) -> DiagnosticList {
        DiagnosticList(diagnostics.map { $0.inStep(step) })
    }
}

extension Diagnostic {
    func inStep(_ step: BuildStep) -> Diagnostic {
        var copy = self
        copy.kind = step.kind
        return copy
    }
}
