import ArgumentParser
import Diagnostics
import Foundation
import Site

/// Options shared by `build` and `serve`: where the site is, how to read it, how much to say.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder: `content/`, `templates/` and `assets/` (or a Jekyll folder).")
    var source: String = "."

    @Option(name: .long, help: "Where the site is written. Default: `_site` inside the source folder.")
    var destination: String?

    @Option(name: .long, help: ArgumentHelp("Read these configuration files instead of _config.yml; later ones override earlier ones.", valueName: "file[,file…]"))
    var config: String?

    @Option(name: .long, help: "Serve the site under this path, overriding `baseurl` in _config.yml.")
    var baseurl: String?

    @Flag(name: .long, help: "Include posts from `_drafts/`.")
    var drafts = false

    @Flag(name: .long, help: "Include posts dated in the future.")
    var future = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: [.customShort("V"), .long], help: "Print each step and what it read.")
    var verbose = false

    /// A wrong folder is a usage error (exit 2), caught before anything is written: Strata
    /// never creates `_site/` in a folder that holds no site.
    func validate() throws {
        try SiteFolderValidation.validate(source: source)
        for file in configFiles where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("--config: no such file: \(file)")
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other; pick one") }
    }

    /// Jekyll's `--config a.yml,b.yml`, relative to the working folder.
    var configFiles: [String] {
        (config ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var layout: SiteFolders {
        let root = URL(fileURLWithPath: source, isDirectory: true)
        let destinationURL = destination.map { URL(fileURLWithPath: $0, isDirectory: true) }
        return SiteFolders.detect(root: root, destination: destinationURL)
    }

    var overrides: SiteConfiguration.Overrides {
        SiteConfiguration.Overrides(
            baseurl: baseurl, drafts: drafts, future: future,
            configFiles: configFiles.map { URL(fileURLWithPath: $0) },
            environment: SiteOptions.environment()
        )
    }

    /// `jekyll.environment`: STRATA_ENV, else JEKYLL_ENV (so Jekyll sites' CI recipes work
    /// unchanged), else `development`.
    static func environment(_ variables: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["STRATA_ENV", "JEKYLL_ENV"] {
            if let value = variables[name], !value.isEmpty { return value }
        }
        return "development"
    }

    var terminal: Terminal {
        Terminal(verbosity: quiet ? .quiet : (verbose ? .verbose : .normal))
    }
}

/// `strata build`: renders the site into its destination folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into _site/ (the previous _site/ stays untouched if the build fails)."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Render and write everything, ignoring what .strata-cache/ recorded about the last build.")
    var noCache = false

    func run() throws {
        let terminal = site.terminal
        let layout = site.layout
        let overrides = site.overrides
        terminal.detail("source: \(layout.root.path)")
        terminal.detail("destination: \(layout.destination.path)")
        terminal.detail("configuration: \(overrides.configFiles.isEmpty ? layout.display(layout.content.appendingPathComponent("_config.yml")) : site.configFiles.joined(separator: ", "))")
        terminal.detail("environment: \(overrides.environment)")
        var builder = SiteBuilder(layout: layout, overrides: overrides)
        let progress = ProgressLine(terminal: terminal)
        if progress.enabled { builder.progress = progress.show }
        let cleanup = InterruptCleanup(destination: builder.layout.destination)
        defer { cleanup.remove() }
        do {
            let built: (result: SiteBuildReport, outcome: CachedSiteBuild.Outcome)
            do {
                defer { progress.clear() }
                built = try CachedSiteBuild(builder: builder, useCache: !noCache).build()
            }
            let (result, outcome) = built
            terminal.warn(result.warnings)
            for (step, seconds) in result.timings {
                terminal.detail("  " + step.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: " %8.1f ms", seconds * 1000))
            }
            switch outcome {
            case .unchanged:
                terminal.info(result.summary + "; nothing changed since the last build, nothing written")
            case .rendered(let written, let kept):
                terminal.info(kept == 0 ? result.summary : result.summary + "; \(written) file\(written == 1 ? "" : "s") written, \(kept) unchanged")
            case .updated(let rendered, let written, let kept):
                terminal.info(result.summary + "; \(rendered) output\(rendered == 1 ? "" : "s") rendered again, \(written) file\(written == 1 ? "" : "s") written, \(kept) unchanged")
            }
        } catch {
            terminal.report(error)
            throw ExitCode(1)
        }
    }
}
