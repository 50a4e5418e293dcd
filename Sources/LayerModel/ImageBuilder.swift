import Foundation

/// Builds images from Dockerfiles, expanding base images through a catalogue of sample
/// Dockerfiles (`FROM python:3.9-slim` → python's layers on debian's on `scratch`).
public struct ImageBuilder: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .empty) { self.catalogue = catalogue }

    /// Parses and builds the Dockerfile at `path`; its folder is the build context, a
    /// `layers.txt` beside it lists what each instruction touches, and the image is named
    /// after the folder unless `options.name` says otherwise.
    public func build(dockerfileAt path: String, options: BuildOptions = BuildOptions()) throws(DockerfileError) -> BuildResult {
        var session = BuildSession(catalogue: catalogue)
        return try session.build(dockerfileAt: path, options: options)
    }

    /// Builds a parsed Dockerfile with the given context and listing.
    public func build(
        _ dockerfile: Dockerfile, context: BuildContext, listing: LayerListing = .empty, options: BuildOptions = BuildOptions()
    ) throws(DockerfileError) -> BuildResult {
        var session = BuildSession(catalogue: catalogue)
        return try session.build(dockerfile, context: context, listing: listing, options: options)
    }
}

/// Builds `dockerfile` into an image: the final (or target) stage is the image.
public func build(
    _ dockerfile: Dockerfile, context: BuildContext, catalogue: Catalogue = .empty, options: BuildOptions = BuildOptions()
) throws(DockerfileError) -> BuildResult {
    try ImageBuilder(catalogue: catalogue).build(dockerfile, context: context, options: options)
}

/// One build and the base images it expands on the way; remembers which catalogue images
/// are being built so that a cycle (A FROM B FROM A) is reported instead of looping.
struct BuildSession {
    let catalogue: Catalogue
    var building: [String] = []
    var built: [ImageReference: BuildResult] = [:]
    var warnings: [BuildWarning] = []

    init(catalogue: Catalogue) { self.catalogue = catalogue }

    mutating func build(dockerfileAt path: String, options: BuildOptions) throws(DockerfileError) -> BuildResult {
        let dockerfile = try DockerfileParser.parseFile(atPath: path)
        let folder = (path as NSString).deletingLastPathComponent
        let context = try BuildContext.load(directory: folder.isEmpty ? "." : folder)
        let listing = try LayerListing.load(besideDockerfile: path)
        var named = options
        if named.name == nil {
            let absolute = URL(fileURLWithPath: folder.isEmpty ? "." : folder).standardizedFileURL
            named.name = absolute.lastPathComponent.isEmpty ? "image" : absolute.lastPathComponent
        }
        return try build(dockerfile, context: context, listing: listing, options: named)
    }

    mutating func build(
        _ dockerfile: Dockerfile, context: BuildContext, listing: LayerListing, options: BuildOptions
    ) throws(DockerfileError) -> BuildResult {
        let imageName = options.name ?? "image"
        building.append(imageName)
        defer { building.removeLast() }
        var run = StageRunner(
            dockerfile: dockerfile, context: context, listing: listing, options: options, imageName: imageName
        )
        let result = try run.run(session: &self)
        warnings += run.warnings
        return BuildResult(image: result.image, stages: result.stages, warnings: warnings)
    }

    /// The image a catalogue entry builds, built once per session.
    mutating func baseImage(_ entry: Catalogue.Entry, requestedAt location: DockerfileError) throws(DockerfileError) -> Image {
        if let done = built[entry.reference] { return done.image }
        if building.contains(entry.name) {
            let cycle = (building.drop { $0 != entry.name } + [entry.name]).joined(separator: " FROM ")
            throw DockerfileError(
                file: location.file, line: location.line, column: location.column,
                message: "base images form a cycle: \(cycle) (expected a chain that ends at scratch or an image outside the catalogue)"
            )
        }
        let result = try build(dockerfileAt: entry.dockerfilePath, options: BuildOptions(name: entry.name))
        built[entry.reference] = result
        return result.image
    }
}
