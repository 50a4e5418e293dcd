import Diagnostics
import Foundation
import LayerModel

/// The image model of every Dockerfile the site's diagrams name, built once per build
/// and shared by all pages and tags (the catalogue is read once, too).
final class DiagramModels: @unchecked Sendable {
    /// A Dockerfile as parsed and built.
    struct Built: Sendable {
        var dockerfile: Dockerfile
        var result: LayerModel.BuildResult
    }

    let content: URL
    let catalogueFolder: URL
    private let lock = NSLock()
    private var catalogue: Result<Catalogue, DockerfileError>?
    private var built: [String: Result<Built, DockerfileError>] = [:]

    init(content: URL) {
        self.content = content.standardizedFileURL
        catalogueFolder = self.content.appendingPathComponent("dockerfiles")
    }

    /// The file a tag names, relative to the content folder; nil when it leaves the folder.
    func resolve(_ relative: String) -> URL? {
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else { return nil }
        let url = content.appendingPathComponent(relative).standardizedFileURL
        let real = url.resolvingSymlinksInPath().path
        let base = content.resolvingSymlinksInPath().path
        return real.hasPrefix(base + "/") ? url : nil
    }

    func build(_ url: URL) throws(DockerfileError) -> Built {
        lock.lock()
        defer { lock.unlock() }
        if let cached = built[url.path] { return try cached.get() }
        let outcome: Result<Built, DockerfileError>
        do {
            let catalogue = try loadCatalogue()
            let dockerfile = try DockerfileParser.parseFile(atPath: url.path)
            let result = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: url.path, options: BuildOptions())
            outcome = .success(Built(dockerfile: dockerfile, result: result))
        } catch {
            outcome = .failure(error)
        }
        built[url.path] = outcome
        return try outcome.get()
    }

    /// Called with the lock held.
    private func loadCatalogue() throws(DockerfileError) -> Catalogue {
        if let catalogue { return try catalogue.get() }
        let loaded: Result<Catalogue, DockerfileError>
        // Without an index every base image stays opaque, which is not an error.
        if FileManager.default.fileExists(atPath: catalogueFolder.appendingPathComponent("catalog.txt").path) {
            do { loaded = .success(try Catalogue.load(directory: catalogueFolder.path)) } catch { loaded = .failure(error) }
        } else {
            loaded = .success(.empty)
        }
        catalogue = loaded
        return try loaded.get()
    }
}
