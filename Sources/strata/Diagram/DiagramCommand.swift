import ArgumentParser
import Diagrams
import Foundation
import LayerModel
import Site

/// `strata diagram FILE… [--view …] [--catalog DIR] [-o OUT] [--watch]`: writes SVG
/// diagrams of the images the Dockerfiles build.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Write SVG diagrams (stack, container, chain, process, shared) of Dockerfiles' images."
    )

    @Argument(help: "The Dockerfiles to draw.")
    var files: [String]

    @Option(name: .long, help: "stack, container, chain, process or shared; repeat for several (default: all).")
    var view: [String] = []

    @Option(name: .long, help: "The catalogue of base-image Dockerfiles (default: the nearest folder above the first Dockerfile holding catalog.txt, else content/dockerfiles).")
    var catalog: String?

    @Option(name: [.short, .long], help: "The SVG file for one input and one view; otherwise a folder.")
    var output: String?

    @Option(name: .customLong("with"), help: "A second Dockerfile to compare with in the shared view (default: the base image).")
    var other: String?

    @Option(name: .long, help: "Write a file in the container: /path or /path:size (repeatable).")
    var write: [String] = []

    @Option(name: .long, help: "Modify (copy up) an image file in the container (repeatable).")
    var modify: [String] = []

    @Option(name: .long, help: "Delete a file in the container, leaving a whiteout (repeatable).")
    var delete: [String] = []

    @Option(name: .long, help: "The image's name in the pictures (default: a catalogue sample's reference, else the Dockerfile's folder).")
    var name: String?

    @Option(name: .long, help: "wide (for a text column, the default) or narrow (for a phone: 300 units wide, no label under 12).")
    var layout: String?

    @Flag(name: .long, help: "Rewrite the diagrams whenever a Dockerfile or catalogue file changes.")
    var watch = false

    func run() throws {
        do {
            let views = try view.map { (name: String) throws(DiagramError) -> DiagramView in try DiagramView(parsing: name) }
            let jobs = try DiagramBatch.plan(inputs: files, views: views, output: output)
            let options = try containerOptions()
            let catalogue = try loadCatalogue()
            if watch {
                try watchLoop(jobs: jobs, options: options, catalogue: catalogue)
            } else {
                try renderAndWrite(jobs: jobs, options: options, catalogue: catalogue)
            }
        } catch let error as ExitCode {
            throw error
        } catch let error as DockerfileError {
            CommandDiagnostics.print(CommandDiagnostics.diagnostic(error))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Unbuffered, so progress shows up at once even when stdout is a pipe or a file.
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func containerOptions() throws(DiagramError) -> DiagramOptions {
        var attributes: [String: String] = [:]
        if !write.isEmpty { attributes["write"] = write.joined(separator: ",") }
        if !modify.isEmpty { attributes["modify"] = modify.joined(separator: ",") }
        if !delete.isEmpty { attributes["delete"] = delete.joined(separator: ",") }
        if let layout { attributes["layout"] = layout }
        return try DiagramOptions(attributes: attributes)
    }

    /// The catalogue folder, by the rule the site's tags follow (`DockerfileBuilds`).
    private var catalogueFolder: String? {
        files.first.flatMap { DockerfileBuilds.catalogueFolder(forDockerfile: $0, explicit: catalog) }
    }

    /// No catalogue is not an error (bases then stay opaque); a named one must be readable.
    private func loadCatalogue() throws -> DockerfileBuilds {
        guard let folder = catalogueFolder else { return DockerfileBuilds() }
        return DockerfileBuilds(catalogue: try Catalogue.load(directory: folder))
    }

    private func build(_ path: String, catalogue: DockerfileBuilds, isInput: Bool = true) throws -> BuiltInput {
        let built = try catalogue.build(dockerfileAt: path, options: BuildOptions(name: isInput ? name : nil))
        for warning in built.result.warnings {
            CommandDiagnostics.print(CommandDiagnostics.diagnostic(warning))
        }
        return BuiltInput(image: built.result.image, dockerfile: built.dockerfile)
    }

    private func renderAndWrite(jobs: [DiagramJob], options: DiagramOptions, catalogue: DockerfileBuilds) throws {
        let second = try other.map { try build($0, catalogue: catalogue, isInput: false) }
        let results = try DiagramBatch.render(jobs, other: second, options: options) { path in
            try build(path, catalogue: catalogue)
        }
        var written = 0
        for (job, svg) in results {
            // The site's writer: unchanged files are left alone, so watchers downstream do not rebuild for nothing.
            let url = URL(fileURLWithPath: job.output).standardizedFileURL
            var writer = OutputWriter(destination: url.deletingLastPathComponent())
            guard try !writer.update([OutputFile(path: url.lastPathComponent, contents: .data(Data(svg.utf8)))], complete: false).isEmpty else { continue }
            say("wrote \(job.output)")
            written += 1
        }
        if written == 0 { say("up to date: \(results.count) diagram\(results.count == 1 ? "" : "s") unchanged") }
    }

    /// Polls modification times twice a second; a failed build is reported and waited out.
    private func watchLoop(jobs: [DiagramJob], options: DiagramOptions, catalogue initial: DockerfileBuilds) throws {
        let watched = (catalogueFolder.map { [$0] } ?? []) + files + (other.map { [$0] } ?? [])
        var snapshot = FileSnapshot.take(of: watched)
        var catalogue = initial
        func attempt() {
            do {
                catalogue = (try? loadCatalogue()) ?? catalogue
                try renderAndWrite(jobs: jobs, options: options, catalogue: catalogue)
            } catch {
                FileHandle.standardError.write(Data("\(error is DockerfileError ? "" : "error: ")\(error)\n".utf8))
            }
        }
        attempt()
        say("watching \(watched.joined(separator: ", ")) (Ctrl-C to stop)")
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let next = FileSnapshot.take(of: watched)
            let changed = next.changes(since: snapshot)
            guard !changed.isEmpty else { continue }
            snapshot = next
            say("changed: \(changed.joined(separator: ", "))")
            attempt()
        }
    }
}
