import Foundation

/// Settings of the development server, filled in by the `strata serve` command.
public struct PreviewConfiguration: Sendable {
    /// Address to bind; anything but loopback exposes the site to the network.
    public var host: String
    /// Port to bind; 0 picks a free one (tests use that).
    public var port: Int
    /// Path prefix the site lives under, like Jekyll's `baseurl` ("" or "/blog").
    public var baseURL: String
    /// Injects the live-reload script and serves `/__strata/events`.
    public var liveReload: Bool
    /// Polls the file system instead of using inotify (bind mounts deliver no events).
    public var poll: Bool
    /// How often the polling watcher scans.
    public var pollInterval: Duration
    /// Quiet time after the last file event before a rebuild starts.
    public var debounce: Duration
    /// The site's source folder; changed paths are reported relative to it.
    public var sourceRoot: String
    /// Folders (absolute, or relative to `sourceRoot`) whose changes trigger rebuilds.
    public var watchedFolders: [String]
    /// File and folder names never watched: outputs, caches, VCS data.
    public var ignoredNames: Set<String>
    /// Opens the site in the default browser once the server is up.
    public var openBrowser: Bool
    /// Seconds a connection may go without a complete request head, or sit idle between requests,
    /// before the server closes it.
    public var idleTimeout = 20

    public init(
        host: String = "127.0.0.1",
        port: Int = 4000,
        baseURL: String = "",
        liveReload: Bool = true,
        poll: Bool = false,
        pollInterval: Duration = .milliseconds(250),
        debounce: Duration = .milliseconds(50),
        sourceRoot: String,
        watchedFolders: [String]? = nil,
        ignoredNames: Set<String> = ["_site", ".git", ".build", ".strata-cache", "node_modules", ".DS_Store"],
        openBrowser: Bool = false
    ) {
        self.host = host
        self.port = port
        self.baseURL = PreviewConfiguration.normalizedBaseURL(baseURL)
        self.liveReload = liveReload
        self.poll = poll
        self.pollInterval = pollInterval
        self.debounce = debounce
        self.sourceRoot = sourceRoot
        self.watchedFolders = watchedFolders ?? [sourceRoot]
        self.ignoredNames = ignoredNames
        self.openBrowser = openBrowser
    }

    /// `blog/`, `/blog/` and `/blog` all mean `/blog`; `/` and "" mean no prefix.
    public static func normalizedBaseURL(_ raw: String) -> String {
        let parts = raw.split(separator: "/", omittingEmptySubsequences: true)
        return parts.isEmpty ? "" : "/" + parts.joined(separator: "/")
    }

    /// True when `host` is a loopback address, so nothing outside this machine can connect.
    public var bindsLoopbackOnly: Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }

    /// The site's address as a browser would use it (IPv6 literals in brackets).
    public func siteURL(port actualPort: Int) -> String {
        var shownHost = host
        if shownHost.contains(":") && !shownHost.hasPrefix("[") { shownHost = "[\(shownHost)]" }
        if shownHost == "0.0.0.0" { shownHost = "127.0.0.1" }
        if shownHost == "[::]" { shownHost = "[::1]" }
        return "http://\(shownHost):\(actualPort)\(baseURL)/"
    }

    /// Watched folders as absolute paths.
    var absoluteWatchedFolders: [String] {
        watchedFolders.map { folder in
            folder.hasPrefix("/") ? folder : (sourceRoot as NSString).appendingPathComponent(folder)
        }
    }
}
