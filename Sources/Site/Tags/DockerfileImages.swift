import Diagnostics
import Foundation
import LayerModel
import Liquid

/// The image model of every Dockerfile the site's diagrams name, built once per build
/// and shared by all pages and tags (the catalogue is read once, too).
final class DockerfileImages: @unchecked Sendable {
    /// A Dockerfile as parsed and built.
    struct Built: Sendable {
        var dockerfile: Dockerfile
        var result: LayerModel.BuildResult
    }

    let content: URL
    /// The site's catalogue when no folder above a Dockerfile holds one.
    let catalogueFolder: URL
    /// Turns a Dockerfile's path into the path errors show (relative to the site, as for every other file).
    let display: @Sendable (URL) -> String
    private let lock = NSLock()
    /// By catalogue folder ("" for none), each read once per build.
    private var builds: [String: Result<DockerfileBuilds, DockerfileError>] = [:]
    private var built: [String: Result<Built, DockerfileError>] = [:]

    init(content: URL, display: @escaping @Sendable (URL) -> String = { $0.path }) {
        self.content = content.standardizedFileURL
        self.display = display
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
            let built = try builds(for: url).build(dockerfileAt: url.path)
            outcome = .success(Built(dockerfile: built.dockerfile, result: built.result))
        } catch {
            outcome = .failure(error)
        }
        built[url.path] = outcome
        return try outcome.get()
    }

    /// The model's warnings for every Dockerfile drawn so far (a base image the catalogue
    /// lacks, a COPY source missing from the context), once each, located in the Dockerfile
    /// with its line, as `dockerfile` findings of the `check` step.
    /// A site with no catalogue (no `dockerfiles/catalog.txt`, as `strata new site` makes it)
    /// draws every base as opaque on purpose, so its missing bases are not warned about;
    /// its other warnings (a COPY source missing from the context) are.
    var findings: [Finding] {
        lock.lock()
        defer { lock.unlock() }
        let hasCatalogue = builds.values.contains { if case .success(let builds) = $0 { !builds.catalogue.entries.isEmpty } else { false } }
        var seen = Set<BuildWarning>()
        var out: [Finding] = []
        for path in built.keys.sorted() {
            guard case .success(let model)? = built[path] else { continue }
            for warning in model.result.warnings where (hasCatalogue || !warning.isOpaqueBase) && seen.insert(warning).inserted {
                let location = SourceLocation(file: display(URL(fileURLWithPath: warning.file)), line: max(1, warning.line), column: max(1, warning.column))
                out.append(Finding(.dockerfile, at: location, message: warning.message))
            }
        }
        return out
    }

    /// Called with the lock held.
    private func builds(for url: URL) throws(DockerfileError) -> DockerfileBuilds {
        let folder = DockerfileBuilds.catalogueFolder(forDockerfile: url.path, fallback: catalogueFolder.path) ?? ""
        if let known = builds[folder] { return try known.get() }
        let loaded: Result<DockerfileBuilds, DockerfileError>
        do {
            loaded = .success(folder.isEmpty ? DockerfileBuilds() : DockerfileBuilds(catalogue: try Catalogue.load(directory: folder)))
        } catch {
            loaded = .failure(error)
        }
        builds[folder] = loaded
        return try loaded.get()
    }
}

extension DockerfileImages {
    /// The built Dockerfile a Strata tag names, with errors worded for the tag's author.
    func built(forTag path: String, fail: (String) -> LiquidError) throws(LiquidError) -> Built {
        guard let url = resolve(path) else {
            throw fail("`\(path)` is outside the content folder; name a Dockerfile below it, like dockerfiles/app/Dockerfile")
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw fail("no Dockerfile at `\(path)` (looked in \(url.path))")
        }
        do {
            return try build(url)
        } catch {
            // Both places matter: the Dockerfile's line is what to fix, the tag is where it was drawn.
            var located = fail(error.message)
            guard error.line > 0 else { throw located }
            let tag = "\(located.file):\(located.line):\(located.column)"
            located.file = display(URL(fileURLWithPath: error.file))
            located.line = error.line
            located.column = max(1, error.column)
            located.sourceLine = nil
            located.notes.append("drawn by the tag at \(tag)")
            throw located
        }
    }
}

/// A Strata tag: its HTML goes through `EmbeddedHTML`, away from Markdown, and its
/// errors name the tag and where it was written.
enum StrataTag {
    static func make(
        _ name: String, embeds: EmbeddedHTML,
        render: @escaping @Sendable (CustomTagInvocation, (String) -> LiquidError) throws(LiquidError) -> String
    ) -> CustomTag {
        CustomTag(name: name) { invocation, _ throws(LiquidError) in
            let fail = { (message: String) in
                LiquidError(file: invocation.file, line: invocation.line, column: invocation.column, message: "\(name): \(message)")
            }
            return embeds.marker(for: try render(invocation, fail))
        }
    }
}
