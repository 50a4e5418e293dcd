import Foundation

/// What the preview server needs from a site builder; `Site` conforms to it, tests use fakes.
public protocol SiteBuilding: Sendable {
    /// Builds the site (fully when `fullRebuild` is set, incrementally for the `changed`
    /// source paths otherwise) and reports what happened. `changed` holds paths relative to
    /// the configuration's `sourceRoot` (absolute for files outside it).
    func build(changed: Set<String>, fullRebuild: Bool) async -> BuildReport
}

/// The outcome of one build as the preview server sees it.
public struct BuildReport: Sendable, Equatable {
    /// The `_site` folder to serve (absolute).
    public var siteRoot: String
    /// Output paths relative to `siteRoot` that were written or removed by this build.
    public var changedOutputs: [String]
    /// Set when the build failed; the server then keeps serving the last good site.
    public var failure: BuildFailure?
    /// Wall-clock time the build took.
    public var duration: Duration

    public init(siteRoot: String, changedOutputs: [String], failure: BuildFailure? = nil, duration: Duration = .zero) {
        self.siteRoot = siteRoot
        self.changedOutputs = changedOutputs
        self.failure = failure
        self.duration = duration
    }
}

/// A failed build, with enough of the source to show it in the browser overlay.
public struct BuildFailure: Sendable, Equatable, Codable {
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// Number of the first line in `excerpt`.
    public var excerptFirstLine: Int
    /// Source lines around `line`.
    public var excerpt: [String]
    /// The compiler-style text also printed in the terminal.
    public var rendered: String

    public init(
        message: String,
        file: String? = nil,
        line: Int? = nil,
        column: Int? = nil,
        excerptFirstLine: Int = 1,
        excerpt: [String] = [],
        rendered: String? = nil
    ) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.excerptFirstLine = excerptFirstLine
        self.excerpt = excerpt
        self.rendered = rendered ?? BuildFailure.defaultRendering(message: message, file: file, line: line, column: column)
    }

    /// `file:line:column`, or as much of it as is known.
    public var location: String? {
        guard let file else { return nil }
        guard let line else { return file }
        return "\(file):\(line):\(column ?? 1)"
    }

    private static func defaultRendering(message: String, file: String?, line: Int?, column: Int?) -> String {
        let failure = BuildFailure(message: message, file: file, line: line, column: column, rendered: "")
        if let location = failure.location { return "\(location): error: \(message)" }
        return "error: \(message)"
    }
}
