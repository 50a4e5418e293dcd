/// The image being assembled by one stage: its layers so far, config, chain and ARGs.
struct StageState {
    /// The image name layers of this stage are attributed to.
    let name: String
    let stageName: String?
    let dockerfilePath: String
    var layers: [Layer] = []
    var history: [HistoryEntry] = []
    var config = ImageConfig()
    /// The chain below this stage (this stage's own link is added by `image()`).
    var chain: [ChainLink] = []
    /// ARG values declared in this stage.
    var args: [String: String] = [:]
    var dependencies: [StageDependency] = []
    var addedLayers = 0
    var addedHistory = 0
    /// CMD set in this stage (an ENTRYPOINT then keeps it).
    var cmdSetHere = false

    init(name: String, stageName: String?, dockerfilePath: String) {
        self.name = name
        self.stageName = stageName
        self.dockerfilePath = dockerfilePath
    }

    mutating func inherit(_ image: Image) {
        layers = image.layers
        history = image.history
        config = image.config
        chain = image.chain
        dependencies = image.stageDependencies
    }

    /// ARGs, then ENV on top: the variables instructions may expand.
    var environment: [String: String] {
        args.merging(config.environment) { _, env in env }
    }

    var mergedFiles: [MergedFile] { OverlayView.merge(layers: layers, writable: nil) }

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
            layers.append(layer)
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
