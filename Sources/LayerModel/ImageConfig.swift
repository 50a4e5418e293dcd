/// The runtime configuration of an image, as in the OCI image config.
public struct ImageConfig: Hashable, Sendable, Codable {
    /// `KEY=value` entries in the order they were set; a later ENV replaces an earlier key in place.
    public var env: [String]
    public var cmd: [String]?
    public var entrypoint: [String]?
    /// The working directory; empty means `/`.
    public var workingDir: String
    public var user: String
    /// Ports like `5000/tcp`, sorted.
    public var exposedPorts: [String]
    public var labels: [String: String]
    public var volumes: [String]
    public var stopSignal: String?
    /// The shell used for shell-form RUN, CMD and ENTRYPOINT.
    public var shell: [String]
    /// The HEALTHCHECK test (`["NONE"]` disables an inherited one), nil when unset.
    public var healthcheck: [String]?
    /// ONBUILD triggers, as written after `ONBUILD`.
    public var onBuild: [String]

    public init(
        env: [String] = [],
        cmd: [String]? = nil,
        entrypoint: [String]? = nil,
        workingDir: String = "",
        user: String = "",
        exposedPorts: [String] = [],
        labels: [String: String] = [:],
        volumes: [String] = [],
        stopSignal: String? = nil,
        shell: [String] = ["/bin/sh", "-c"],
        healthcheck: [String]? = nil,
        onBuild: [String] = []
    ) {
        self.env = env
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.workingDir = workingDir
        self.user = user
        self.exposedPorts = exposedPorts
        self.labels = labels
        self.volumes = volumes
        self.stopSignal = stopSignal
        self.shell = shell
        self.healthcheck = healthcheck
        self.onBuild = onBuild
    }

    /// The environment as a dictionary (later entries win).
    public var environment: [String: String] {
        var out: [String: String] = [:]
        for entry in env {
            let (key, value) = splitAtFirstEquals(entry) ?? (entry, "")
            out[key] = value
        }
        return out
    }

    /// A stable text form used for image ids.
    var fingerprint: String {
        var lines: [String] = []
        lines.append("env " + env.joined(separator: "\u{1}"))
        lines.append("cmd " + (cmd?.joined(separator: "\u{1}") ?? "-"))
        lines.append("entrypoint " + (entrypoint?.joined(separator: "\u{1}") ?? "-"))
        lines.append("workdir " + workingDir)
        lines.append("user " + user)
        lines.append("ports " + exposedPorts.joined(separator: " "))
        lines.append("labels " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}"))
        lines.append("volumes " + volumes.joined(separator: "\u{1}"))
        lines.append("stopsignal " + (stopSignal ?? "-"))
        lines.append("shell " + shell.joined(separator: "\u{1}"))
        lines.append("healthcheck " + (healthcheck?.joined(separator: "\u{1}") ?? "-"))
        lines.append("onbuild " + onBuild.joined(separator: "\u{1}"))
        return lines.joined(separator: "\n")
    }
}
