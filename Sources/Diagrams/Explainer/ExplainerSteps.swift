import LayerModel

/// The layers of both images indexed once, and the step makers that describe each state.
struct StoryContext {
    let image: Image
    let committed: Image
    /// The original image's layers, then the commit's layer.
    let layers: [ExplainerLayer]
    private let index: [LayerID: Int]
    /// How many base-image layers the final stage's FROM brings.
    private let baseCount: Int
    /// Layers shown so far while the build steps run.
    private var shown = 0

    enum Change { case write, modify, delete }

    init(image: Image, committed: Image) {
        self.image = image
        self.committed = committed
        let all = image.layers + committed.layers.dropFirst(image.layers.count)
        var index: [LayerID: Int] = [:]
        for (offset, layer) in all.enumerated() where index[layer.id] == nil { index[layer.id] = offset }
        self.index = index
        let own = image.name
        layers = all.map { layer in
            let fromDockerfile = layer.origin == own && layer.instruction.startLine > 0
            return ExplainerLayer(
                id: layer.id.short, keyword: layer.instruction.keyword, createdBy: layer.createdBy,
                kind: layer.kind.rawValue, origin: layer.origin, size: layer.size,
                startLine: fromDockerfile ? layer.instruction.startLine : nil,
                endLine: fromDockerfile ? layer.instruction.endLine : nil)
        }
        baseCount = image.layers.prefix { $0.origin != own }.count
    }

    func instructions(of dockerfile: Dockerfile) -> [ExplainerInstruction] {
        dockerfile.instructions.map { instruction in
            let layer = layers.indices.first { offset in
                offset < image.layers.count && layers[offset].startLine == instruction.startLine
            }
            return ExplainerInstruction(
                keyword: instruction.name.uppercased(), startLine: instruction.startLine, endLine: instruction.endLine,
                layer: layer, configOnly: layer.map { layers[$0].kind == LayerKind.empty.rawValue } ?? false)
        }
    }

    func summary(of image: Image) -> ExplainerImage {
        ExplainerImage(name: image.name, id: image.shortID, layers: image.layers.compactMap { index[$0.id] },
                       size: image.layers.reduce(0) { $0 + $1.size })
    }

    // MARK: Steps

    func dockerfileStep(_ number: Int, instructionCount: Int, path: String) -> ExplainerStep {
        step(number, .dockerfile, title: "The Dockerfile",
             text: "The Dockerfile \(path) has \(count(instructionCount, "instruction")). "
                + "Building it runs them in order, and every instruction after FROM adds one layer to the image.",
             layerCount: 0, merged: [])
    }

    mutating func buildStep(_ number: Int, instruction: ExplainerInstruction, source: Instruction, finalFrom: Int?) -> ExplainerStep {
        let lines = Array(instruction.startLine...max(instruction.startLine, instruction.endLine))
        let title = "Build: \(instruction.keyword) (line \(instruction.startLine))"
        let text: String
        var newLayer: Int?
        if let offset = instruction.layer {
            shown = max(shown, offset + 1)
            newLayer = offset
            let layer = layers[offset]
            text = instruction.configOnly
                ? "\(instruction.keyword) only changes the image's settings: it adds an empty layer (0 B) to the history."
                : "\(instruction.keyword) adds a layer with the files it changed: \(Draw.size(layer.size)) (layer \(layer.id))."
        } else if instruction.keyword == "FROM", source.startLine == finalFrom {
            shown = baseCount
            let bases = image.chain.filter { !$0.isScratch && $0.name != image.name }.map(\.name)
            text = baseCount == 0
                ? "FROM \(source.args.first ?? "scratch") starts from an empty image."
                : "FROM starts from \(bases.last ?? "the base image"): its \(count(baseCount, "layer")) "
                    + "(from \(bases.joined(separator: ", "))) are reused as they are, not copied."
        } else if instruction.keyword == "FROM" {
            text = "FROM starts an earlier build stage; its layers do not end up in the final image."
        } else {
            text = "\(instruction.keyword) adds no layer to the final image."
        }
        return step(number, .build, title: title, text: text, lines: lines, layerCount: shown, newLayer: newLayer,
                    merged: files(of: Array(image.layers.prefix(shown))))
    }

    func imageStep(_ number: Int) -> ExplainerStep {
        let withFiles = image.layers.filter(\.isFilesystem).count
        let size = image.layers.reduce(0) { $0 + $1.size }
        return step(number, .image, title: "The image \(image.name)",
                    text: "The image \(image.name) is finished: \(count(image.layers.count, "layer")), "
                        + "\(withFiles) with files, \(Draw.size(size)) in all. Its layers are read-only; nothing can change them.",
                    layerCount: image.layers.count, locked: true, merged: files(of: image.layers))
    }

    func runStep(_ number: Int, container: Container) -> ExplainerStep {
        step(number, .run, title: "Run: a container",
             text: "docker run \(image.name) starts the container \(container.name): a thin, empty writable layer "
                + "on top of the image's read-only layers. Its processes see all the layers merged.",
             layerCount: image.layers.count, locked: true, container: describe(container, image: 0),
             merged: merged(container))
    }

    func changeStep(_ number: Int, _ change: Change, path: String, container: Container) -> ExplainerStep {
        let phase: ExplainerStep.Phase
        let title: String
        let text: String
        let record = container.changes.first { $0.path == clean(path) }
        switch change {
        case .write:
            phase = .write
            title = "Change: write a file"
            text = "The container writes \(path). The new file goes into the writable layer; the image does not change."
        case .modify:
            phase = .modify
            title = "Change: modify a file"
            let from = record?.copiedUpFrom.flatMap { index[$0] }.map { "layer \(layers[$0].id) (\(layers[$0].keyword))" }
            text = "The container modifies \(path), which comes from \(from ?? "a lower layer"). It is copied up "
                + "into the writable layer first and changed there; the lower copy stays as it was."
        case .delete:
            phase = .delete
            title = "Change: delete a file"
            let stored = record.map { $0.storedPath.split(separator: "/").last.map(String.init) ?? $0.storedPath }
            text = "The container deletes \(path). It is in a read-only layer, so the writable layer records a whiteout"
                + (stored.map { " (\($0))" } ?? "") + " that hides it. The lower copy still takes up space in the image."
        }
        return step(number, phase, title: title, text: text, layerCount: image.layers.count, locked: true,
                    container: describe(container, image: 0), merged: merged(container), hidden: hidden(container))
    }

    func commitStep(_ number: Int, container: Container) -> ExplainerStep {
        let added = committed.layers.last?.size ?? 0
        return step(number, .commit, title: "Commit: a new image",
                    text: "docker commit \(container.name) \(committed.name) makes a new image: the \(count(image.layers.count, "layer")) "
                        + "of \(image.name) plus one layer of \(Draw.size(added)) holding the container's changes. "
                        + "The image \(image.name) is unchanged beside it.",
                    layerCount: image.layers.count, locked: true, container: describe(container, image: 0),
                    beside: 1, merged: merged(container), hidden: hidden(container))
    }

    func runCommittedStep(_ number: Int, container: Container, deleted: String) -> ExplainerStep {
        let top = committed.layers.last
        let stillStored = image.mergedFiles.filter { isInside($0.path, clean(deleted)) }
        return step(number, .runCommitted, title: "Run the new image",
                    text: "docker run \(committed.name) starts \(container.name) with a fresh, empty writable layer. "
                        + "It sees the changed files, now coming from the image's new top layer \(top.map { $0.id.short } ?? "").",
                    image: 1, layerCount: committed.layers.count, newLayer: layers.count - 1, locked: true,
                    container: describe(container, image: 1), beside: 0, merged: merged(container),
                    hidden: stillStored.map { file($0, status: "whiteout") })
    }

    // MARK: Pieces

    private func step(
        _ number: Int, _ phase: ExplainerStep.Phase, title: String, text: String, lines: [Int] = [],
        image: Int = 0, layerCount: Int, newLayer: Int? = nil, locked: Bool = false,
        container: ExplainerContainer? = nil, beside: Int? = nil, merged: [ExplainerFile], hidden: [ExplainerFile] = []
    ) -> ExplainerStep {
        ExplainerStep(number: number, phase: phase, title: title, text: text, lines: lines, image: image,
                      layerCount: layerCount, newLayer: newLayer, locked: locked, container: container,
                      besideImage: beside, merged: merged, hidden: hidden)
    }

    /// The final stage's FROM: the last FROM above the image's own first layer (the last
    /// FROM of all when the final stage adds no layer).
    func finalFromLine(in dockerfile: Dockerfile) -> Int? {
        let firstOwn = image.layers.first { $0.origin == image.name && $0.instruction.startLine > 0 }?.instruction.startLine
        return dockerfile.instructions.filter { instruction in
            instruction.name == "from" && (firstOwn.map { instruction.startLine < $0 } ?? true)
        }.last?.startLine
    }

    private func describe(_ container: Container, image: Int) -> ExplainerContainer {
        ExplainerContainer(
            name: container.name, image: image,
            changes: container.changes.map { change in
                ExplainerChange(path: change.path, kind: change.kind.rawValue, storedPath: change.storedPath,
                                copiedUpFrom: change.copiedUpFrom.flatMap { index[$0] }, size: change.size)
            },
            size: container.writableSize)
    }

    private func files(of layers: [Layer]) -> [ExplainerFile] {
        Image(name: image.name, layers: layers, config: image.config, chain: image.chain).mergedFiles
            .map { file($0, status: "image") }
    }

    private func merged(_ container: Container) -> [ExplainerFile] {
        container.mergedFiles.map { merged in
            guard merged.layerID == nil else { return file(merged, status: "image") }
            let change = container.changes.first { $0.path == merged.path }
            return file(merged, status: change?.kind == .modified ? "copied-up" : "added",
                        copiedFrom: change?.copiedUpFrom.flatMap { index[$0] })
        }
    }

    private func hidden(_ container: Container) -> [ExplainerFile] {
        let deleted = container.changes.filter { $0.kind == .deleted }.map(\.path)
        return container.image.mergedFiles
            .filter { file in deleted.contains { isInside(file.path, $0) } }
            .map { file($0, status: "whiteout") }
    }

    private func file(_ merged: MergedFile, status: String, copiedFrom: Int? = nil) -> ExplainerFile {
        ExplainerFile(path: merged.path, layer: merged.layerID.flatMap { index[$0] }, copiedFrom: copiedFrom,
                      size: merged.size, directory: merged.isDirectory, status: status)
    }

    private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    private func clean(_ path: String) -> String {
        "/" + path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }

    private func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory + "/")
    }
}
