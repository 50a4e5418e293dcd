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
    /// What `docker build --progress=plain` prints for the image, sliced per build step.
    var build: BuildKitProgress?

    enum Change { case write, modify, delete }

    init(image: Image, committed: Image) {
        self.image = image
        self.committed = committed
        // Positions, not ids, name layers here: two layers with equal content share a diff id.
        let all = image.layers + committed.layers.dropFirst(image.layers.count)
        var index: [LayerID: Int] = [:]
        for (offset, layer) in all.enumerated() where index[layer.id] == nil { index[layer.id] = offset }
        self.index = index
        let own = image.name
        layers = all.map { layer in
            let fromDockerfile = layer.origin == own && layer.instruction.startLine > 0
            return ExplainerLayer(
                id: layer.id.short, keyword: layer.instruction.keyword, createdBy: layer.createdBy,
                origin: layer.origin, size: layer.size,
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
            let emptyEntry = image.history.contains {
                $0.emptyLayer && $0.origin == image.name && $0.instruction.startLine == instruction.startLine
                    && $0.instruction.keyword.lowercased() == instruction.name
            }
            return ExplainerInstruction(
                keyword: instruction.name.uppercased(), startLine: instruction.startLine, endLine: instruction.endLine,
                layer: layer, configOnly: layer == nil && emptyEntry)
        }
    }

    func summary(of image: Image) -> ExplainerImage {
        let card = SceneBuilder.card(image)
        let efficiency = ImageEfficiency(image)
        return ExplainerImage(name: image.name, id: image.shortID, layers: Array(0..<image.layers.count),
                              size: image.size, historyCount: image.history.count, settings: card.settings,
                              efficiency: efficiency.score, wastedBytes: efficiency.wastedBytes)
    }

    // MARK: Steps

    func dockerfileStep(_ number: Int, instructionCount: Int, path: String) -> ExplainerStep {
        step(number, .dockerfile, title: "The Dockerfile",
             text: "The Dockerfile \(path) has \(count(instructionCount, "instruction")). Building it runs them in order. "
                + "Only instructions that change files add a layer: RUN, COPY and ADD, and WORKDIR when it creates its folder. "
                + "The others (ENV, CMD, EXPOSE, LABEL…) change the image's config and leave a history entry with no layer.",
             command: buildCommand, output: build.map { BuildKitProgress.header + "\n\n" + BuildKitProgress.text($0.preamble) },
             layerCount: 0, merged: [])
    }

    /// `docker build --progress=plain -t flask-app .`: plain progress is what the build steps show.
    var buildCommand: String { "docker build --progress=plain -t \(image.name) ." }

    /// The part of the build output that belongs to the instruction at `line`: its vertex
    /// (and the build context's, before the first COPY from it), and after the last
    /// instruction the export that writes the image. Nil when BuildKit prints nothing for it.
    func buildOutput(line: Int, isLast: Bool) -> String? {
        guard let build else { return nil }
        var vertices = build.vertices(forInstructionAt: line)
        if isLast, let export = build.export { vertices.append(export) }
        return vertices.isEmpty ? nil : BuildKitProgress.text(vertices)
    }

    mutating func buildStep(
        _ number: Int, instruction: ExplainerInstruction, source: Instruction, finalFrom: Int?, isLast: Bool
    ) -> ExplainerStep {
        let lines = Array(instruction.startLine...max(instruction.startLine, instruction.endLine))
        let title = "Build: \(instruction.keyword) (line \(instruction.startLine))"
        let text: String
        var newLayer: Int?
        if let offset = instruction.layer {
            shown = max(shown, offset + 1)
            newLayer = offset
            let layer = layers[offset]
            text = "\(instruction.keyword) adds a layer with the files it changed: \(Draw.size(layer.size)), "
                + "content digest \(layer.id)."
        } else if instruction.configOnly {
            text = "\(instruction.keyword) changes only the image's config: no layer, just a history entry marked "
                + "empty_layer (docker history shows it as 0B)."
        } else if instruction.keyword == "FROM", source.startLine == finalFrom {
            shown = baseCount
            let bases = image.chain.filter { !$0.isScratch && $0.name != image.name }.map(\.name)
            text = baseCount == 0
                ? "FROM \(source.args.first ?? "scratch") starts from an empty image."
                : "FROM starts from \(bases.last ?? "the base image"): its \(count(baseCount, "layer")) "
                    + "(from \(bases.joined(separator: ", "))) are reused as they are, not copied."
                    + (image.chain.contains { $0.manifestDigest != nil && $0.name == bases.last }
                        ? " BuildKit pins the tag to the digest of the image's manifest, printed after the @; this one is "
                            + "the manifest of the sample \(bases.last ?? "base"), so a real pull prints another."
                        : "")
        } else if instruction.keyword == "FROM" {
            text = "FROM starts an earlier build stage; its layers do not end up in the final image."
        } else {
            text = "\(instruction.keyword) adds nothing to the final image: no layer and no history entry."
        }
        let output = buildOutput(line: source.startLine, isLast: isLast)
        var printed = ""
        if let build, build.vertices(forInstructionAt: source.startLine).isEmpty {
            printed = " docker build prints no step for it: BuildKit makes no vertex for \(instruction.keyword)."
        }
        if isLast {
            printed += " Last, docker build exports the image: it writes the config, whose digest is the image id, and names it."
        }
        return step(number, .build, title: title, text: text + printed, command: buildCommand, output: output, lines: lines,
                    layerCount: shown, newLayer: newLayer,
                    merged: files(of: Array(image.layers.prefix(shown))))
    }

    func imageStep(_ number: Int) -> ExplainerStep {
        let empty = image.history.count - image.layers.count
        return step(number, .image, title: "The image \(image.name)",
                    text: "The image \(image.name) is finished: \(count(image.layers.count, "layer")), \(Draw.size(image.size)) in all, "
                        + "and a config. Its layers are read-only; nothing can change them. docker history shows "
                        + "\(count(image.history.count, "row")) because it lists history entries: the \(image.layers.count) that "
                        + "made layers and \(empty) marked empty_layer that only changed the config. docker image inspect lists "
                        + "the \(count(image.layers.count, "layer")) under RootFS.",
                    command: HistoryFormatter.command(image.name), output: HistoryFormatter.table(image),
                    layerCount: image.layers.count, locked: true, merged: files(of: image.layers))
    }

    /// `docker image inspect`: the config and, under RootFS, the layers' content digests.
    func inspectStep(_ number: Int) -> ExplainerStep {
        let own = image.layers.filter { $0.origin == image.name }.count
        let base = image.layers.count - own
        let baseName = image.chain.last { !$0.isScratch && $0.name != image.name }?.name
        let shared = base > 0 && baseName != nil
            ? "The first \(count(base, "digest")) are \(baseName ?? "")'s layers, byte for byte: an image built on the same base "
                + "lists the same digests, which is why Docker stores those layers once. "
            : ""
        return step(number, .inspect, title: "Inspect the image \(image.name)",
                    text: "docker image inspect prints the image's config (Env, Cmd, WorkingDir…) and, under RootFS, "
                        + "\(count(image.layers.count, "layer digest")) (the diff_ids), base first: layers are named by their "
                        + "content, not by the command that made them. \(shared)The image's Id is the digest of its config.",
                    command: "docker image inspect \(image.name)", output: ImageInspect.json(image),
                    layerCount: image.layers.count, locked: true, merged: files(of: image.layers))
    }

    func runStep(_ number: Int, container: Container) -> ExplainerStep {
        step(number, .run, title: "Run: a container",
             text: "docker run --name \(container.name) \(image.name) starts the container \(container.name): a thin, "
                + "empty writable layer that belongs to the container, on top of the image's read-only layers. "
                + "Its processes see all the layers merged.",
             command: "docker run -d --name \(container.name) \(image.name)", output: container.id + "\n",
             layerCount: image.layers.count, locked: true, container: describe(container, image: 0),
             merged: merged(container), disk: disk(container, image: 0))
    }

    /// A second container of the same image: its own, separate writable layer.
    func runSecondStep(_ number: Int, container: Container, second: Container) -> ExplainerStep {
        step(number, .runSecond, title: "Run: a second container of the same image",
             text: "docker run --name \(second.name) \(image.name) starts another instance of the same image. Both containers "
                + "share the image's \(count(image.layers.count, "layer")) (stored once) and each gets its own empty writable layer: "
                + "what one writes, the other never sees.",
             // `docker run -d` prints the new id; `docker ps -s` then lists both instances.
             command: "docker run -d --name \(second.name) \(image.name) && " + DockerPS.command,
             output: second.id + "\n" + DockerPS.table([second, container]),
             layerCount: image.layers.count, locked: true, container: describe(container, image: 0),
             others: [describe(second, image: 0)], merged: merged(container), disk: disk(container, image: 0))
    }

    /// Removing the second container: its writable layer is deleted with it.
    func removeStep(_ number: Int, container: Container, removed: Container) -> ExplainerStep {
        step(number, .remove, title: "Remove the other container",
             text: "docker rm -f \(removed.name) stops and removes \(removed.name), and its writable layer goes with it: "
                + "anything written there is gone. \(container.name)'s changes also live only in its own writable layer, "
                + "so they would go the same way. Keeping them is what docker commit is for.",
             command: "docker rm -f \(removed.name)", output: removed.name + "\n",
             layerCount: image.layers.count, locked: true, container: describe(container, image: 0),
             merged: merged(container), hidden: hidden(container), disk: disk(container, image: 0))
    }

    func changeStep(_ number: Int, _ change: Change, path: String, container: Container, others: [Container] = []) -> ExplainerStep {
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
            let name = path.split(separator: "/").last.map(String.init) ?? path
            text = "The container deletes \(path). It is in a read-only layer, so the writable layer records a whiteout "
                + "that hides it: under overlay2, a character device (0/0) named \(name) in the upper directory. "
                + "Committing or pushing the change writes it into the layer's tar as \(stored ?? ".wh." + name). "
                + "The lower copy still takes up space in the image."
        }
        return step(number, phase, title: title, text: text, command: "docker diff \(container.name)",
                    output: DockerDiff.output(container), layerCount: image.layers.count, locked: true,
                    container: describe(container, image: 0), others: others.map { describe($0, image: 0) },
                    merged: merged(container), hidden: hidden(container), disk: disk(container, image: 0))
    }

    func commitStep(_ number: Int, container: Container) -> ExplainerStep {
        let addsLayer = committed.layers.count > image.layers.count
        let added = addsLayer ? committed.layers.last?.size ?? 0 : 0
        return step(number, .commit, title: "Commit: a new image",
                    text: "docker commit \(container.name) \(committed.name) makes a new image: the \(count(image.layers.count, "layer")) "
                        + "of \(image.name) "
                        + (addsLayer ? "plus one layer of \(Draw.size(added)) holding the container's changes, and one more history entry. "
                            : "and one more history entry, but no new layer: the container changed nothing. ")
                        + "The image \(image.name) is unchanged beside it.",
                    command: "docker commit \(container.name) \(committed.name)", output: committed.id + "\n",
                    layerCount: image.layers.count, locked: true, container: describe(container, image: 0),
                    beside: 1, merged: merged(container), hidden: hidden(container),
                    disk: disk(container, image: 0, committed: addsLayer))
    }

    func runCommittedStep(_ number: Int, container: Container, deleted: String) -> ExplainerStep {
        let top = committed.layers.last
        let stillStored = image.mergedFiles.filter { isInside($0.path, clean(deleted)) }
        return step(number, .runCommitted, title: "Run the new image",
                    text: "docker run --name \(container.name) \(committed.name) starts \(container.name) with a fresh, empty "
                        + "writable layer. It sees the changed files, now coming from the image's new top layer "
                        + "\(top.map { $0.id.short } ?? "").",
                    command: "docker run -d --name \(container.name) \(committed.name)", output: container.id + "\n",
                    image: 1, layerCount: committed.layers.count,
                    newLayer: committed.layers.count > image.layers.count ? layers.count - 1 : nil, locked: true,
                    container: describe(container, image: 1), beside: 0, merged: merged(container),
                    hidden: stillStored.map { file($0, status: "whiteout") }, disk: disk(container, image: 1))
    }

    /// The close: the author's printout analogy, told with what the story just did.
    func analogyStep(_ number: Int, first: Container, second: Container) -> ExplainerStep {
        let added = committed.layers.count > image.layers.count ? committed.layers.last?.size : nil
        let marks = first.changes.count
        return step(number, .analogy, title: "The printout analogy",
                    text: "In the author's words, images are snapshots and containers are printouts of them that we can write on "
                        + "with a pen. \(image.name) is the snapshot: \(count(image.layers.count, "read-only layer")) that no container "
                        + "changed. \(first.name) and \(second.name) were two printouts of it, each with its own writable layer; the pen "
                        + "marks (\(count(marks, "change")) in \(first.name)) went only onto that printout, and \(second.name)'s went with it "
                        + "when it was removed. docker commit took a snapshot of the marked-up printout: \(committed.name). "
                        + "Where the analogy stops: that snapshot is not a whole new photo. It is \(image.name)'s layers, stored once, "
                        + (added.map { "plus one layer of \(Draw.size($0)) holding the pen marks." }
                            ?? "and no new layer, since nothing was written."),
                    command: DockerImages.command, output: DockerImages.table([committed, image]),
                    image: 1, layerCount: committed.layers.count, locked: true, beside: 0,
                    merged: files(of: committed.layers))
    }

    // MARK: Pieces

    private func step(
        _ number: Int, _ phase: ExplainerStep.Phase, title: String, text: String, command: String? = nil,
        output: String? = nil, lines: [Int] = [],
        image: Int = 0, layerCount: Int, newLayer: Int? = nil, locked: Bool = false,
        container: ExplainerContainer? = nil, others: [ExplainerContainer] = [], beside: Int? = nil, merged: [ExplainerFile],
        hidden: [ExplainerFile] = [], disk: ExplainerDisk? = nil
    ) -> ExplainerStep {
        ExplainerStep(number: number, phase: phase, part: Self.part(of: phase), title: title, text: text, lines: lines,
                      image: image, layerCount: layerCount, newLayer: newLayer, locked: locked, container: container,
                      others: others, besideImage: beside, command: command, output: output, merged: FileTree.rows(merged),
                      hidden: hidden, disk: disk)
    }

    /// Build (Dockerfile to inspected image), run (containers start), change (one is written
    /// to), commit (the other is removed, the changes kept as an image, the close).
    static func part(of phase: ExplainerStep.Phase) -> ExplainerStep.Part {
        switch phase {
        case .dockerfile, .build, .image, .inspect: return .build
        case .run, .runSecond: return .run
        case .write, .modify, .delete: return .change
        case .remove, .commit, .runCommitted, .analogy: return .commit
        }
    }

    /// overlay2's directories for `container` of `images[image]`; with `committed`, also the
    /// tar of the layer `docker commit` writes.
    private func disk(_ container: Container, image: Int, committed: Bool = false) -> ExplainerDisk {
        let count = image == 0 ? self.image.layers.count : self.committed.layers.count
        let lower = (0..<count).reversed().map { $0 < self.image.layers.count ? $0 : layers.count - 1 }
        return ExplainerDisk(lower: lower, upper: OverlayDisk.upper(container),
                             tar: committed ? OverlayDisk.tar(container) : [])
    }

    /// The final stage's FROM: the last FROM above the image's own first layer (the last
    /// FROM of all when the final stage adds no layer).
    func finalFromLine(in dockerfile: Dockerfile) -> Int? {
        let firstOwn = image.history.first { $0.origin == image.name && $0.instruction.startLine > 0 }?.instruction.startLine
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
        Image(name: image.name, layers: layers, history: [], config: image.config, chain: image.chain).mergedFiles
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
        ExplainerFile(path: merged.path, depth: 0, layer: merged.layerID.flatMap { index[$0] }, copiedFrom: copiedFrom,
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
