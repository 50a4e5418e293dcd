import Diagnostics

/// One problem `strata check` found: what kind, where (file-absolute, 1-based line and
/// character column), a one-line explanation and, when there is one, the fix.
public struct Finding: Sendable, Hashable, Codable {
    /// The kinds of problem, named as `--format json` and the text output name them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case mojibake
        case invalidUTF8 = "invalid-utf8"
        case controlCharacter = "control-character"
        case brokenLink = "broken-link"
        case missingAnchor = "missing-anchor"
        case missingImage = "missing-image"
        case missingAsset = "missing-asset"
        case imageAlt = "image-alt"
        case headingLevel = "heading-level"
        case duplicateURL = "duplicate-url"
        case frontMatterTypo = "front-matter-typo"
        /// What the image model warns about in a Dockerfile a diagram draws, as `docker build`
        /// would: a base image the catalogue lacks, a COPY source missing from the context.
        case dockerfile
        /// A filter Liquid does not have, whose input is shown unchanged (as Jekyll shows it
        /// without `strict_filters`).
        case unknownFilter = "unknown-filter"
        /// Markup Liquid's strict parser rejects and its lax one reads, under Jekyll's default
        /// `error_mode: warn`.
        case laxMarkup = "lax-markup"
        /// Whatever stops the build (a `post_url` or `link` to nothing, bad YAML…); the
        /// finding names the step that failed in `step`.
        case buildError = "build-error"

        /// The kind as the `[kind]` of the finding's diagnostic.
        public var diagnosticKind: Diagnostic.Kind { Diagnostic.Kind(rawValue: rawValue) }
    }

    public var kind: Kind
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// What to do about it, when Strata knows: "write `→`", "did you mean `categories`?".
    public var fix: String?
    /// True when `strata check --fix` rewrites it by itself.
    public var isFixable: Bool
    /// For a site that did not build: the build step that failed (`bodies`, `collect`…), which
    /// the finding prints as its `[kind]`, as `strata build` prints the same error.
    public var step: BuildStep?

    public init(_ kind: Kind, at location: SourceLocation, message: String, fix: String? = nil, isFixable: Bool = false, step: BuildStep? = nil) {
        self.kind = kind
        self.step = step
        self.file = location.file
        self.line = location.line
        self.column = location.column
        self.message = message
        self.fix = fix
        self.isFixable = isFixable
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// As a warning (an error when the site did not build), with the offending line when `source`
    /// (the whole file) is given; named by the step that failed, else by its kind.
    public func diagnostic(source: String? = nil) -> Diagnostic {
        Diagnostic(kind == .buildError || step != nil ? .error : .warning, location: location, message: message,
                   notes: fix.map { ["fix: \($0)"] } ?? [], source: source,
                   kind: step?.kind ?? kind.diagnosticKind)
    }
}
