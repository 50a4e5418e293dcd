/// The image being assembled by one stage: its layers so far, config, chain and ARGs.
struct StageState {
    /// The image name layers of this stage are attributed to.
    let name: String
    let stageName: String?
    let dockerfilePath: String
    var layers: [Layer] = []
    var config = ImageConfig()
    /// The chain below this stage (this stage's own link is added by `image()`).
    var chain: [ChainLink] = []
    /// ARG values declared in this stage.
    var args: [String: String] = [:]
    var dependencies: [StageDependency] = []
    /// The id an opaque base stands for, so the first layer still chains from something.
    var opaqueParent: LayerID?
    var addedLayers = 0
    var addedFilesystemLayers = 0
    /// CMD set in this stage (an ENTRYPOINT then keeps it).
    var cmdSetHere = false

    init(name: String, stageName: String?, dockerfilePath: String) {
        self.name = name
        self.stageName = stageName
        self.dockerfilePath = dockerfilePath
    }

    mutating func inherit(_ image: Image) {
        layers = image.layers
        config = image.config
        chain = image.chain
        dependencies = image.stageDependencies
    }

    /// ARGs, then ENV on top: the variables instructions may expand.
    var environment: [String: String] {
        args.merging(config.environment) { _, env in env }
    }

    var mergedFiles: [MergedFile] { OverlayView.merge(layers: layers, writable: nil) }

    mutating func addLayer(_ instruction: Instruction, kind: LayerKind, createdBy: String, changes: [FileChange] = []) {
        let layer = Layer(
            parent: layers.last?.id ?? opaqueParent,
            kind: kind,
            instruction: InstructionSource(
                keyword: instruction.keyword, text: instruction.original, file: dockerfilePath,
                startLine: instruction.startLine, endLine: instruction.endLine
            ),
            createdBy: createdBy,
            origin: name,
            changes: changes
        )
        layers.append(layer)
        addedLayers += 1
        if kind == .filesystem { addedFilesystemLayers += 1 }
    }

    func image() -> Image {
        let reference = try? ImageReference(parsing: name)
        let link = ChainLink(
            name: name, reference: reference, dockerfilePath: dockerfilePath,
            layerCount: addedLayers, filesystemLayerCount: addedFilesystemLayers, isOpaque: false
        )
        return Image(name: name, reference: reference, layers: layers, config: config, chain: chain + [link], stageDependencies: dependencies)
    }
}
