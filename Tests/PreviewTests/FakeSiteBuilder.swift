import Diagnostics
import Foundation
import Logging
import ServiceLifecycle
import StrataTestSupport
import Testing
@testable import Preview

/// A stand-in for Site: turns `src/NAME.txt` into `_site/NAME.html` inside a layout read
/// from `src/layout.html`, copies `.css` files, and fails like a template engine when a
/// source contains `{% broken`. It only rewrites outputs whose bytes change, and records
/// every call so tests can check what the server asked for.
final class FakeSiteBuilder: SiteBuilding {
    let source: String
    let output: String
    private let calls = Locked<[(changed: Set<String>, full: Bool)]>([])
    /// Simulated build time, to test what happens to changes that arrive meanwhile.
    let delay: Duration

    init(source: String, output: String, delay: Duration = .zero) {
        self.source = source
        self.output = output
        self.delay = delay
    }

    /// While set, builds wait before doing anything: a build "in progress" for as long as a test needs.
    let held = Locked(false)

    var recordedCalls: [(changed: Set<String>, full: Bool)] { calls.withLock { $0 } }

    func build(changed: Set<String>, fullRebuild: Bool) async -> BuildReport {
        calls.withLock { $0.append((changed, fullRebuild)) }
        let started = ContinuousClock.now
        if delay > .zero { try? await Task.sleep(for: delay) }
        while held.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
        let files = FileManager.default
        try? files.createDirectory(atPath: output, withIntermediateDirectories: true)
        let layout = (try? String(contentsOfFile: source + "/layout.html", encoding: .utf8))
            ?? "<html><body>{{ content }}</body></html>"
        let names = ((try? files.contentsOfDirectory(atPath: source)) ?? []).sorted()
        var outputs: [String: String] = [:]
        for name in names {
            let path = source + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if let failure = FakeSiteBuilder.failure(in: text, file: "src/" + name) ?? FakeSiteBuilder.failure(in: layout, file: "src/layout.html") {
                return BuildReport(siteRoot: output, changedOutputs: [], failure: failure, duration: ContinuousClock.now - started)
            }
            if name.hasSuffix(".txt") {
                let page = layout.replacingOccurrences(of: "{{ content }}", with: text)
                outputs[String(name.dropLast(4)) + ".html"] = page
            } else if name.hasSuffix(".css") {
                outputs[name] = text
            }
        }
        var written: [String] = []
        for (name, content) in outputs.sorted(by: { $0.key < $1.key }) {
            let target = output + "/" + name
            if (try? String(contentsOfFile: target, encoding: .utf8)) == content { continue }
            try? content.write(toFile: target, atomically: true, encoding: .utf8)
            written.append(name)
        }
        return BuildReport(siteRoot: output, changedOutputs: written, duration: ContinuousClock.now - started)
    }

    private static func failure(in text: String, file: String) -> BuildFailure? {
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            guard let range = line.range(of: "{% broken") else { continue }
            let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
            // As the real builder does: a Diagnostic, rendered once for terminal and overlay alike.
            return BuildFailure(Diagnostic(
                location: SourceLocation(file: file, line: index + 1, column: column),
                message: "unknown tag 'broken' <script>alert(1)</script>",
                source: text
            ))
        }
        return nil
    }
}

/// A temporary site folder: `src/` for sources, `_site/` for outputs, removed at the end.
struct TemporarySite {
    let root: String
    var source: String { root + "/src" }
    var output: String { root + "/_site" }

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/strata-preview-" + UUID().uuidString
        root = SiteFileResolver.realPath(FileManager.default.temporaryDirectory.path).map { $0 + "/" + (base as NSString).lastPathComponent } ?? base
        try FileManager.default.createDirectory(atPath: root + "/src", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/_site", withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// Runs a preview server in the test process on an ephemeral port, in a `ServiceGroup` as
/// `strata serve` does, so `stop()` shuts it down gracefully.
final class RunningServer: @unchecked Sendable {
    let address: PreviewAddress
    private let task: Task<Void, any Error>
    private let group: ServiceGroup
    private let lines: Locked<[String]>
    private let queuedBatches: Locked<[ChangeBatch]>

    var port: Int { address.port }
    /// Every path the watcher has queued for the rebuild loop so far, relative to `source`.
    func queuedPaths(relativeTo source: String) -> Set<String> {
        queuedBatches.withLock { batches in
            Set(batches.flatMap(\.paths).map { $0.hasPrefix(source + "/") ? String($0.dropFirst(source.count + 1)) : $0 })
        }
    }
    var terminal: [String] { lines.withLock { $0 } }

    static func start(
        _ configuration: PreviewConfiguration, builder: any SiteBuilding, watchLimit: Int? = nil
    ) async throws -> RunningServer {
        let lines = Locked<[String]>([])
        let (ready, readyContinuation) = AsyncStream<PreviewAddress>.makeStream()
        var server = PreviewServer(configuration: configuration, builder: builder, output: { line in
            lines.withLock { $0.append(line) }
        })
        server.inotifyWatchLimit = watchLimit
        let queued = Locked<[ChangeBatch]>([])
        server.onQueued = { batch in queued.withLock { $0.append(batch) } }
        let service = ReportingService(server: server) { address in readyContinuation.yield(address) }
        var logger = Logger(label: "strata.preview.tests")
        logger.logLevel = .critical
        let group = ServiceGroup(services: [service], logger: logger)
        let task = Task {
            defer { readyContinuation.finish() }
            try await group.run()
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(15))
            readyContinuation.finish()
        }
        defer { timeout.cancel() }
        var iterator = ready.makeAsyncIterator()
        guard let address = await iterator.next() else {
            task.cancel()
            if case let .failure(error) = await task.result { throw error }
            throw ClientError(description: "server did not start within 15 s")
        }
        return RunningServer(address: address, task: task, group: group, lines: lines, queued: queued)
    }

    private init(
        address: PreviewAddress, task: Task<Void, any Error>, group: ServiceGroup,
        lines: Locked<[String]>, queued: Locked<[ChangeBatch]>
    ) {
        self.address = address
        self.task = task
        self.group = group
        self.lines = lines
        self.queuedBatches = queued
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await RawHTTP.fetch("GET", target, port: port, host: connectHost, headers: headers)
    }

    func head(_ target: String, headers: [String: String] = [:]) async throws -> RawResponse {
        try await RawHTTP.fetch("HEAD", target, port: port, host: connectHost, headers: headers)
    }

    var connectHost: String { address.host == "::1" ? "::1" : "127.0.0.1" }

    /// Opens the live-reload stream and waits for the server's greeting.
    func openEvents(path: String = "/__strata/events") async throws -> RawConnection {
        let host = connectHost
        let port = self.port
        return try await offThePool {
            let connection = try RawConnection(host: host, port: port)
            try connection.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            _ = try connection.readUntil("retry:", within: 5)
            return connection
        }
    }

    /// Shuts the server down gracefully, as Ctrl-C does under `strata serve`, and waits at most
    /// 10 s for it to finish; a server that throws while stopping is an issue.
    func stop() async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let stopped = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let resumed = Locked(false)
            let finish: @Sendable (Bool) -> Void = { value in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            Task {
                if case let .failure(error) = await task.result {
                    Issue.record("the server threw while shutting down: \(error)")
                }
                finish(true)
            }
            Task { try? await Task.sleep(for: .seconds(10)); finish(false) }
        }
        if !stopped { Issue.record("the server did not stop within 10 s of graceful shutdown") }
    }
}

/// `PreviewServer` as a service that tells the test where it listens.
private struct ReportingService: Service {
    let server: PreviewServer
    let onReady: @Sendable (PreviewAddress) async -> Void

    func run() async throws {
        try await server.run(onReady: onReady)
    }
}

/// Starts a server, runs `body`, and stops the server whether or not `body` threw.
func withRunningServer(
    _ configuration: PreviewConfiguration, builder: any SiteBuilding, watchLimit: Int? = nil,
    _ body: (RunningServer) async throws -> Void
) async throws {
    let server = try await RunningServer.start(configuration, builder: builder, watchLimit: watchLimit)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
