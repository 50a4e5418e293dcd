import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Where a running preview server can be reached.
public struct PreviewAddress: Sendable, Equatable {
    public var host: String
    /// The bound port (the real one when the configuration asked for port 0).
    public var port: Int
    /// The site's URL, base URL included.
    public var url: String
}

/// The development server: builds the site, serves it, watches the sources, rebuilds on
/// change and tells open pages to reload or show the error overlay.
///
/// A `Service`: `strata serve` runs it in a `ServiceGroup` and stops it by graceful shutdown,
/// which ends the live-reload streams, lets the build in progress and every open response
/// finish, and closes the socket. Cancelling the task also stops it, without waiting for
/// responses (NIO may then trap on a response writer left unfinished, swift-nio#3481).
public struct PreviewServer: Service, Sendable {
    public let configuration: PreviewConfiguration
    private let builder: any SiteBuilding
    private let output: @Sendable (String) -> Void
    /// Only for tests: pretend inotify allows this many watches.
    var inotifyWatchLimit: Int?
    /// Only for tests: sees each batch as the watcher queues it, so a test can wait for a
    /// change to be queued instead of sleeping.
    var onQueued: (@Sendable (ChangeBatch) -> Void)?

    /// - Parameter output: receives every line meant for the terminal (stderr by default).
    public init(
        configuration: PreviewConfiguration,
        builder: any SiteBuilding,
        output: @escaping @Sendable (String) -> Void = PreviewServer.printToStandardError
    ) {
        self.configuration = configuration
        self.builder = builder
        self.output = output
    }

    @Sendable public static func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `Service`'s entry point: `run(onReady:)` with nobody to tell.
    public func run() async throws {
        try await run(onReady: { _ in })
    }

    /// Builds, serves and watches until graceful shutdown (returns) or cancellation; throws
    /// `PreviewError` when the address cannot be bound. `onReady` runs once the server
    /// accepts connections.
    public func run(onReady: @escaping @Sendable (PreviewAddress) async -> Void) async throws {
        let configuration = self.configuration
        if configuration.port != 0, !PortProbe.isFree(host: configuration.host, port: configuration.port) {
            throw PreviewError.portInUse(
                host: configuration.host, port: configuration.port,
                suggestion: PortProbe.nextFree(host: configuration.host, after: configuration.port)
            )
        }
        for folder in configuration.absoluteWatchedFolders {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw PreviewError.cannotWatch(path: folder, reason: "no such folder")
            }
        }
        if !configuration.bindsLoopbackOnly {
            output("warning: binding \(configuration.host) exposes the site (and its live-reload events) "
                + "to other machines on the network; use --host 127.0.0.1 to keep it local.")
        }

        let state = SiteState()
        let broadcaster = EventBroadcaster()
        let queue = ChangeQueue()
        let loop = RebuildLoop(
            builder: builder, queue: queue, state: state, broadcaster: broadcaster,
            sourceRoot: configuration.sourceRoot, report: output
        )
        let first = await builder.build(changed: [], fullRebuild: true)
        loop.apply(first, trigger: [])

        var ignoredPaths: Set<String> = [first.siteRoot]
        if let real = SiteFileResolver.realPath(first.siteRoot) { ignoredPaths.insert(real) }
        let watcher = FileWatcher(
            folders: configuration.absoluteWatchedFolders,
            filter: WatchFilter(
                ignoredNames: configuration.ignoredNames, ignoredPaths: ignoredPaths,
                ignoredPrefixes: [".strata-"] + WatchFilter.outputPrefixes(first.siteRoot)
            ),
            poll: configuration.poll, pollInterval: configuration.pollInterval, debounce: configuration.debounce,
            inotifyWatchLimit: inotifyWatchLimit, report: output
        )
        let onQueued = self.onQueued
        watcher.start { batch in
            queue.add(batch)
            onQueued?(batch)
        }
        defer {
            watcher.stop()
            queue.close()
            broadcaster.close()
        }

        let responder = PreviewResponder(
            baseURL: configuration.baseURL, liveReload: configuration.liveReload,
            state: state, broadcaster: broadcaster
        )
        var logger = Logger(label: "strata.preview")
        logger.logLevel = .critical
        let output = self.output
        let watchMode = watcher.mode
        let app = Application(
            responder: responder,
            // A connection that sends no complete request head (or sits idle between requests) for
            // `idleTimeout` is closed, so half-sent requests cannot hold every connection slot. Streaming
            // responses (the live-reload events) are not idle and stay open.
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout)))),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "strata"
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let address = PreviewAddress(host: configuration.host, port: port, url: configuration.siteURL(port: port))
                output("serving \(address.url) (watching with \(watchMode.rawValue)"
                    + (configuration.liveReload ? ", live reload on" : "") + "); press Ctrl-C to stop")
                if configuration.openBrowser { BrowserOpener.open(address.url, report: output) }
                await onReady(address)
            },
            logger: logger
        )

        // Open event streams would otherwise keep their responses, and so the server, alive;
        // closing the queue lets the loop finish the build in progress and end.
        let endStreams: @Sendable () -> Void = {
            broadcaster.close()
            queue.close()
        }
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        // Stopped or failed, the server leaves nothing to rebuild for.
                        defer { queue.close() }
                        do {
                            // Sees this task's graceful shutdown: stops accepting, finishes open responses.
                            try await app.run()
                        } catch {
                            throw PreviewServer.explain(error, configuration: configuration)
                        }
                    }
                    group.addTask { await loop.run() }
                    // Both end on shutdown; a bind failure ends the server, whose `defer` ends the loop.
                    try await group.waitForAll()
                }
            } onCancel: {
                endStreams()
            }
        } onGracefulShutdown: {
            endStreams()
        }
    }

    private static func explain(_ error: any Error, configuration: PreviewConfiguration) -> any Error {
        let text = String(describing: error)
        if text.contains("Address already in use") {
            return PreviewError.portInUse(
                host: configuration.host, port: configuration.port,
                suggestion: PortProbe.nextFree(host: configuration.host, after: configuration.port)
            )
        }
        return PreviewError.cannotBind(host: configuration.host, port: configuration.port, reason: text)
    }
}
