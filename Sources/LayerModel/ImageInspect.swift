/// `docker image inspect` for a model image: a JSON array with one object whose `Id`,
/// `RepoTags`, `Comment`, `Config`, `Architecture`, `Os`, `Size` and `RootFS` follow the
/// Engine API's image inspect response (fields in its order, four-space indent like the CLI).
/// Fields the model cannot know (times, digests of pushed manifests, graph driver) are left out.
public enum ImageInspect {
    public static func json(_ image: Image, architecture: String = "amd64", os: String = "linux") -> String {
        let tags: [JSONValue] = image.reference.map { [.string(tag(of: $0))] } ?? []
        let object: JSONValue = .object([
            ("Id", .string(image.id)),
            ("RepoTags", .array(tags)),
            ("Comment", .string(image.history.last?.comment ?? "")),
            ("Config", config(image.config)),
            ("Architecture", .string(architecture)),
            ("Os", .string(os)),
            ("Size", .number(image.size)),
            ("RootFS", .object([
                ("Type", .string("layers")),
                ("Layers", .array(image.layers.map { .string($0.id.digest) })),
            ])),
        ])
        return JSONValue.array([object]).rendered() + "\n"
    }

    /// The image config in the order of moby's `DockerOCIImageConfig` (OCI's ImageConfig
    /// fields, then Docker's Healthcheck, OnBuild, Shell); empty fields omitted as Go's
    /// `omitempty` does.
    static func config(_ config: ImageConfig) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if !config.user.isEmpty { fields.append(("User", .string(config.user))) }
        if !config.exposedPorts.isEmpty {
            fields.append(("ExposedPorts", .object(config.exposedPorts.map { ($0, .object([])) })))
        }
        if !config.env.isEmpty { fields.append(("Env", .array(config.env.map(JSONValue.string)))) }
        if let entrypoint = config.entrypoint { fields.append(("Entrypoint", .array(entrypoint.map(JSONValue.string)))) }
        if let cmd = config.cmd { fields.append(("Cmd", .array(cmd.map(JSONValue.string)))) }
        if !config.volumes.isEmpty { fields.append(("Volumes", .object(config.volumes.map { ($0, .object([])) }))) }
        if !config.workingDir.isEmpty { fields.append(("WorkingDir", .string(config.workingDir))) }
        if !config.labels.isEmpty {
            fields.append(("Labels", .object(config.labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        if let signal = config.stopSignal { fields.append(("StopSignal", .string(signal))) }
        if let test = config.healthcheck { fields.append(("Healthcheck", .object([("Test", .array(test.map(JSONValue.string)))]))) }
        if !config.onBuild.isEmpty { fields.append(("OnBuild", .array(config.onBuild.map(JSONValue.string)))) }
        if config.shell != ["/bin/sh", "-c"] { fields.append(("Shell", .array(config.shell.map(JSONValue.string)))) }
        return .object(fields)
    }

    /// `flask-app:latest` for `flask-app`: the CLI lists tags with their tag.
    static func tag(of reference: ImageReference) -> String {
        let name = reference.familiar
        return reference.tag == nil && reference.digest == nil ? name + ":latest" : name
    }
}
