import ArgumentParser
import Diagnostics
import Foundation
import Logging
import Preview
import ServiceLifecycle
import Site

/// `strata serve`: builds the site, serves it, and rebuilds and reloads on every save.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site and preview it, rebuilding and reloading the browser on every save."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The address to listen on. Anything but loopback exposes the site to the network.")
    var host: String = "127.0.0.1"

    // `.unconditional` so that `--port -1` reaches the range check instead of being read as a flag.
    @Option(name: .long, parsing: .unconditional, help: "The port to listen on (1–65535).")
    var port: Int = 4000

    @Flag(name: .customLong("no-livereload"), help: "Do not inject the live-reload script.")
    var noLiveReload = false

    @Flag(name: .long, help: "Poll for changes instead of using inotify (for bind mounts in containers and VMs).")
    var poll = false

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    func validate() throws {
        // Checked here: NIO would otherwise truncate 99999 to some other port and serve there.
        guard (1...65535).contains(port) else {
            throw ValidationError("--port must be between 1 and 65535, not \(port)")
        }
    }

    /// The site's address while it is served in development, as `jekyll serve` 4.3 sets
    /// `site.url` (`127.0.0.1` written as `localhost`).
    static func developmentURL(host: String, port: Int) -> String {
        "http://\(host == "127.0.0.1" ? "localhost" : host):\(port)"
    }

    func run() async throws {
        let layout = site.layout
        let terminal = site.terminal
        var overrides = site.overrides
        if overrides.environment == "development" { overrides.url = Self.developmentURL(host: host, port: port) }
        let baseurl: String
        let watched: [String]
        do {
            let config = try SiteConfiguration.load(layout: layout, overrides: overrides)
            terminal.warn(config.warnings)
            baseurl = config.baseurl
            watched = layout.watchedFolders(theme: config.theme)
        } catch {
            Terminal.printError(terminal.paint(error.rendered))
            throw ExitCode(1)
        }
        let builder = SiteBuilder(layout: layout, overrides: overrides)
        let configuration = PreviewConfiguration(
            host: host, port: port, baseURL: baseurl, liveReload: !noLiveReload, poll: poll,
            sourceRoot: layout.root.path,
            watchedFolders: watched,
            openBrowser: open
        )
        // The server's lines (rebuilds, errors) follow --quiet and get the terminal's colours.
        let output: @Sendable (String) -> Void = { line in
            guard terminal.verbosity != .quiet || line.contains("error:") else { return }
            PreviewServer.printToStandardError(terminal.paint(line))
        }
        // A full render's warnings (broken links, mis-encoded text…) as `strata build` prints
        // them; the config's were printed above, once.
        let sessionBuilder = SessionBuilder(session: SiteSession(builder: builder)) { warnings in
            terminal.warn(warnings.filter { $0.kind != BuildStep.readConfig.kind })
        }
        let server = PreviewServer(configuration: configuration, builder: sessionBuilder, output: output)
        // Ctrl-C or SIGTERM shuts the server down gracefully: live-reload streams end, open
        // responses and the build in progress finish, the socket closes, and `run()` returns.
        var quiet = Logger(label: "strata.serve")
        quiet.logLevel = .critical
        var lifecycle = ServiceGroupConfiguration(
            services: [server], gracefulShutdownSignals: [.sigint, .sigterm], logger: quiet
        )
        // A response that never finishes would otherwise hold `serve` open; after this the group cancels it.
        lifecycle.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: lifecycle)
        let stop = StopSignals()
        defer { stop.cancel() }
        // The session keeps the files its updates replaced beside the site (`OutputWriter`).
        defer { SiteWriter.abandonStaging(for: builder.layout.destination) }
        do {
            try await group.run()
        } catch where stop.requested {
            // Cancelled after the grace period: the server has still closed its socket and
            // finished the build in progress.
        } catch let error as PreviewError {
            Terminal.printError(terminal.paint(error.description))
            throw ExitCode(1)
        }
        terminal.info("stopped")
    }
}


/// Connects the preview server to the incremental site session.
struct SessionBuilder: SiteBuilding {
    let session: SiteSession
    /// Told each build's warnings that the build before it did not already give
    /// (`SiteSession.Outcome.warnings`), so an edit shows what it broke, not every
    /// known warning again.
    var warn: @Sendable ([Diagnostic]) -> Void = { _ in }
    private let seen = SeenWarnings()

    init(session: SiteSession, warn: @escaping @Sendable ([Diagnostic]) -> Void = { _ in }) {
        self.session = session
        self.warn = warn
    }

    func build(changed: Set<String>, fullRebuild: Bool) async -> BuildReport {
        let outcome = session.build(changed: changed, fullRebuild: fullRebuild)
        // Only a full render checks the whole site; a fast-path rebuild has no list to compare.
        if outcome.fullRender {
            let fresh = seen.replace(with: outcome.warnings)
            if !fresh.isEmpty { warn(fresh) }
        } else if !outcome.warnings.isEmpty {
            warn(outcome.warnings)
        }
        var failure: BuildFailure?
        if let list = outcome.failure, let first = list.diagnostics.first {
            failure = BuildFailure(first)
            failure?.rendered = list.description
        }
        return BuildReport(
            siteRoot: session.destination.path, changedOutputs: outcome.changedOutputs,
            failure: failure, duration: .nanoseconds(Int64(outcome.seconds * 1e9))
        )
    }
}

/// The warnings the last full render gave, by file, message and how many of the same went
/// before it in the file: an edit that moves a broken link to another line is not a new
/// warning, a second mistake with the same message in that file is; one fixed and made
/// again is new again.
private final class SeenWarnings: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Set<String> = []

    /// Keeps `warnings` as the last render's and returns those it did not have before, in order.
    func replace(with warnings: [Diagnostic]) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        let keys = warnings.map { warning -> String in
            let base = (warning.location?.file ?? "") + "\u{0}" + warning.message
            defer { counts[base, default: 0] += 1 }
            return base + "\u{0}\(counts[base, default: 0])"
        }
        return lock.withLock {
            let fresh = zip(warnings, keys).filter { !last.contains($0.1) }.map(\.0)
            last = Set(keys)
            return fresh
        }
    }
}
