/// The files a build can COPY or ADD: paths relative to the context root with rough sizes.
public struct BuildContext: Hashable, Sendable {
    /// One file of the context.
    public struct File: Hashable, Sendable {
        /// Relative, slash-separated (`app.py`, `static/site.css`).
        public let path: String
        public let size: Int
        public init(path: String, size: Int) {
            self.path = path
            self.size = size
        }
    }

    public let files: [File]

    public init(files: [File]) { self.files = files.sorted { $0.path < $1.path } }

    /// An empty context (COPY of anything then records the destination only).
    public static let empty = BuildContext(files: [])
}

/// Knobs for one build.
public struct BuildOptions: Hashable, Sendable {
    /// The image's name; defaults to the Dockerfile's folder name.
    public var name: String?
    /// `--build-arg KEY=value` overrides.
    public var buildArgs: [String: String]
    /// The stage to stop at (`--target`); the last stage when nil.
    public var target: String?

    public init(name: String? = nil, buildArgs: [String: String] = [:], target: String? = nil) {
        self.name = name
        self.buildArgs = buildArgs
        self.target = target
    }
}

/// What a build produced: the final image, every stage's image and any warnings.
public struct BuildResult: Hashable, Sendable {
    /// The image of the final (or target) stage.
    public let image: Image
    /// Every stage that was built, in Dockerfile order.
    public let stages: [BuiltStage]
    /// Things that did not stop the build, e.g. a base image missing from the catalogue.
    public let warnings: [BuildWarning]
}

/// One `FROM` section of a Dockerfile and the image it built.
public struct BuiltStage: Hashable, Sendable {
    /// The `AS name`, if any.
    public let name: String?
    /// 0-based position in the Dockerfile.
    public let index: Int
    public let image: Image
}

/// A problem that did not stop the build, located in a Dockerfile.
public struct BuildWarning: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    /// True for "not in the catalogue": a site without a catalogue draws every base opaque
    /// on purpose, so only a site that has one is warned about it.
    public var isOpaqueBase = false

    public var description: String { "\(file):\(max(line, 1)):\(max(column, 1)): warning: \(message)" }
}
