import Foundation

/// Dockerfile + catalogue → image: the one way Strata builds the image a Dockerfile
/// describes, for the `{% layers %}` and `{% explainer %}` tags, `strata diagram` and
/// `strata dockerfile`, so that they find the same catalogue and name images alike.
public struct DockerfileBuilds: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue = .empty) {
        self.catalogue = catalogue
    }

    /// The one rule for finding the catalogue of base-image samples: `explicit` when
    /// given; else the nearest folder above the Dockerfile holding `catalog.txt`; else
    /// `fallback` when it holds one. Nil: no catalogue, and base images stay opaque.
    public static func catalogueFolder(forDockerfile path: String, explicit: String? = nil, fallback: String = "content/dockerfiles") -> String? {
        explicit ?? Catalogue.locate(forDockerfile: path, fallback: fallback)
    }

    /// The builds for `path`, with the catalogue `catalogueFolder` finds. An explicit
    /// folder must hold a readable `catalog.txt` (`DockerfileError` otherwise).
    public static func load(forDockerfile path: String, explicit: String? = nil, fallback: String = "content/dockerfiles") throws(DockerfileError) -> DockerfileBuilds {
        guard let folder = catalogueFolder(forDockerfile: path, explicit: explicit, fallback: fallback) else { return DockerfileBuilds() }
        return DockerfileBuilds(catalogue: try Catalogue.load(directory: folder))
    }

    /// The catalogue's reference for a Dockerfile that is one of its samples
    /// (`python:3.9-slim`, not the folder's `python-3.9-slim`).
    public func sampleName(forDockerfile path: String) -> String? {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        return catalogue.entries.first { URL(fileURLWithPath: $0.dockerfilePath).standardizedFileURL.path == standardized }?.name
    }

    /// Parses and builds the Dockerfile at `path`. The image is named `options.name`, else
    /// the catalogue's reference when the Dockerfile is a sample, else after its folder.
    public func build(dockerfileAt path: String, options: BuildOptions = BuildOptions()) throws(DockerfileError) -> (dockerfile: Dockerfile, result: BuildResult) {
        let dockerfile = try DockerfileParser.parseFile(atPath: path)
        var options = options
        if options.name == nil { options.name = sampleName(forDockerfile: path) }
        return (dockerfile, try ImageBuilder(catalogue: catalogue).build(dockerfileAt: path, options: options))
    }
}
