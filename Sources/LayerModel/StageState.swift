/// The image being assembled by one stage: its layers so far, config, chain and ARGs.
struct StageState {
    /// The image name layers of this stage are attributed to.
    let name: String
    let stageName: String?
    let dockerfilePath: String
    private(set) var layers: [Layer] = []
    var history: [HistoryEntry] = []
    var config = ImageConfig() {
        // An Array compares equal at once when its storage is shared, so setting CMD or WORKDIR
        // does not re-read the environment; a new config (FROM, a base image) does.
        didSet { if !settingEnv && config.env != oldValue.env { indexEnvironment() } }
    }
    /// The chain below this stage (this stage's own link is added by `image()`).
    var chain: [ChainLink] = []
    /// ARG values declared in this stage.
    private(set) var args: [String: String] = [:]
    var dependencies: [StageDependency] = []
    var addedLayers = 0
    var addedHistory = 0
    /// CMD set in this stage (an ENTRYPOINT then keeps it).
    var cmdSetHere = false

    // Kept up to date step by step, so each instruction costs the same however many came
    // before it (an 8,000-line Dockerfile must not take minutes): the environment, where each
    // key sits in `config.env`, and the files the stage's layers make visible.
    private var envValues: [String: String] = [:]
    private var envIndex: [String: Int] = [:]
    private var settingEnv = false
    private var visible: [String: MergedFile] = [:]
    /// How many visible paths lie strictly below each folder.
    private var below: [String: Int] = [:]

    init(name: String, stageName: String?, dockerfilePath: String) {
        self.name = name
        self.stageName = stageName
        self.dockerfilePath = dockerfilePath
    }

    mutating func inherit(_ image: Image) {
        layers = []
        visible = [:]
        below = [:]
        for layer in image.layers { append(layer) }
        history = image.history
        config = image.config
        chain = image.chain
        dependencies = image.stageDependencies
    }

    /// ARGs, then ENV on top: the variables instructions may expand.
    private(set) var environment: [String: String] = [:]

    /// ARG: declares `name` with `value` for the instructions after it (an ENV of the same name wins).
    mutating func setArg(_ name: String, _ value: String) {
        args[name] = value
        if envValues[name] == nil { environment[name] = value }
    }

    /// Forgets this stage's ARGs (a new stage starts without them).
    mutating func clearArgs() {
        args = [:]
        environment = envValues
    }

    /// ENV: sets `key`, replacing an earlier entry in place as Docker does.
    mutating func setEnv(_ key: String, _ value: String) {
        settingEnv = true
        defer { settingEnv = false }
        let entry = key + "=" + value
        if let index = envIndex[key] {
            config.env[index] = entry
        } else {
            envIndex[key] = config.env.count
            config.env.append(entry)
        }
        envValues[key] = value
        environment[key] = value
    }

    private mutating func indexEnvironment() {
        envValues = [:]
        envIndex = [:]
        for (index, entry) in config.env.enumerated() {
            let (key, value) = splitAtFirstEquals(entry) ?? (entry, "")
            envValues[key] = value
            if envIndex[key] == nil { envIndex[key] = index }
        }
        environment = args.merging(envValues) { _, env in env }
    }

    /// True when `path` is a visible file or folder, or a folder that holds visible files.
    func isVisible(_ path: String) -> Bool {
        let cleaned = FilePath.clean(path)
        return cleaned == "/" ? !visible.isEmpty : visible[cleaned] != nil || below[cleaned, default: 0] > 0
    }

    /// True when `path` itself is a visible entry.
    func isListed(_ path: String) -> Bool { visible[FilePath.clean(path)] != nil }

    /// Adds a layer and applies its changes to the visible files, as `OverlayView.merge` stacks them.
    private mutating func append(_ layer: Layer) {
        layers.append(layer)
        for change in layer.changes {
            let path = FilePath.clean(change.path)
            switch change.kind {
            case .added, .modified:
                show(path, MergedFile(path: path, size: change.size, isDirectory: change.isDirectory, layerID: layer.id, origin: layer.origin))
            case .deleted:
                hide(inside: path)
            case .opaqueDirectory:
                hide(inside: path)
                show(path, MergedFile(path: path, size: nil, isDirectory: true, layerID: layer.id, origin: layer.origin))
            }
        }
    }

    private mutating func show(_ path: String, _ file: MergedFile) {
        if visible.updateValue(file, forKey: path) == nil { count(path, by: 1) }
    }

    /// Hides `path` and everything below it. Only the paths below are visited: `below` says
    /// whether there are any, so a deletion costs what it removes, not the whole image.
    private mutating func hide(inside path: String) {
        if visible.removeValue(forKey: path) != nil { count(path, by: -1) }
        guard below[path, default: 0] > 0 else { return }
        for key in visible.keys where FilePath.isInside(key, path) && key != path {
            visible[key] = nil
            count(key, by: -1)
        }
    }

    private mutating func count(_ path: String, by delta: Int) {
        var folder = FilePath.parent(of: path)
        while true {
            below[folder, default: 0] += delta
            if folder == "/" { break }
            folder = FilePath.parent(of: folder)
        }
    }

    /// Records one step: a history entry, and a layer when `changes` is non-nil (RUN, COPY,
    /// ADD, WORKDIR creating its folder); nil means a config-only `empty_layer` entry.
    mutating func record(_ instruction: Instruction, createdBy: String, changes: [FileChange]?) {
        let source = InstructionSource(
            keyword: instruction.keyword, text: instruction.original, file: dockerfilePath,
            startLine: instruction.startLine, endLine: instruction.endLine
        )
        var size = 0
        if let changes {
            let layer = Layer(instruction: source, createdBy: createdBy, origin: name, changes: changes)
            append(layer)
            size = layer.size
            addedLayers += 1
        }
        history.append(HistoryEntry(
            createdBy: createdBy, comment: HistoryEntry.buildKitComment, emptyLayer: changes == nil,
            instruction: source, origin: name, size: size
        ))
        addedHistory += 1
    }

    func image() -> Image {
        let reference = try? ImageReference(parsing: name)
        let link = ChainLink(
            name: name, reference: reference, dockerfilePath: dockerfilePath,
            layerCount: addedLayers, historyCount: addedHistory, isOpaque: false
        )
        return Image(name: name, reference: reference, layers: layers, history: history, config: config,
                     chain: chain + [link], stageDependencies: dependencies)
    }
}
