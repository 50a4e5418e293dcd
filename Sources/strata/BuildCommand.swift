import ArgumentParser
import Diagnostics
import Foundation
import Site

/// Options shared by `build` and `serve`: where the site is and how to read it.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder: `content/`, `templates/` and `assets/` (or a Jekyll folder). Default: the working folder.")
    var source: String = "."

    @Option(name: .long, help: "Where the site is written. Default: `_site` inside the source folder.")
    var destination: String?

    @Option(name: .long, help: "Serve the site under this path, overriding `baseurl` in _config.yml.")
    var baseurl: String?

    @Flag(name: .long, help: "Include posts from `_drafts/`.")
    var drafts = false

    @Flag(name: .long, help: "Include posts dated in the future.")
    var future = false

    var layout: SiteLayout {
        let root = URL(fileURLWithPath: source, isDirectory: true)
        let destinationURL = destination.map { URL(fileURLWithPath: $0, isDirectory: true) }
        return SiteLayout.detect(root: root, destination: destinationURL)
    }

    var overrides: SiteConfiguration.Overrides {
        SiteConfiguration.Overrides(baseurl: baseurl, drafts: drafts, future: future)
    }
}

/// `strata build`: renders the site into its destination folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into _site/ (the previous _site/ stays untouched if the build fails)."
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        let builder = SiteBuilder(layout: site.layout, overrides: site.overrides)
        let cleanup = InterruptCleanup(destination: builder.layout.destination)
        defer { cleanup.remove() }
        do {
            let result = try builder.build()
            for warning in result.warnings { Terminal.printError(warning.rendered) }
            print(result.summary)
        } catch {
            Terminal.report(error)
            throw ExitCode(1)
        }
    }
}

/// Writing diagnostics to standard error.
enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ list: DiagnosticList) {
        printError(list.description)
        let count = list.diagnostics.filter { $0.severity == .error }.count
        printError("Build failed with \(count) error\(count == 1 ? "" : "s").")
    }
}
