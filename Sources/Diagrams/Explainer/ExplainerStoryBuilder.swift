import LayerModel

/// Turns a Dockerfile and the image the model built from it into the explainer's story:
/// build one instruction at a time, run, change files, commit, run the new image.
public enum ExplainerStoryBuilder {
    /// The story of `image`, built from `dockerfile` (whose text is `source`, shown as
    /// `displayPath`), with the container changes `options` asks for or sensible defaults.
    /// `contextBytes` is the build context `docker build` transfers; when nil, the bytes the
    /// image's own COPY and ADD layers took from the context. `stageImages` are every stage's
    /// image of the build, so that `docker build`'s output pins each stage's base by digest.
    public static func story(
        dockerfile: Dockerfile, source: String, displayPath: String, image: Image,
        options: ExplainerOptions = ExplainerOptions(), contextBytes: Int? = nil, stageImages: [Image] = []
    ) throws(ExplainerError) -> ExplainerStory {
        let choices = try ExplainerChoices(image: image, options: options)
        let run = try ContainerRun(image: image, choices: choices, options: options)
        // Named as the process diagram names it, so the static picture and the story agree.
        let committedImage = commit(run.final, name: image.name + "-committed")
        var context = StoryContext(image: image, committed: committedImage)
        context.build = BuildKitProgress(dockerfile: dockerfile, image: image, dockerfileBytes: source.utf8.count,
                                         contextBytes: contextBytes ?? Self.contextBytes(of: image), stageImages: stageImages)
        let lastLine = dockerfile.instructions.last?.startLine

        var steps: [ExplainerStep] = []
        func add(_ make: (Int) -> ExplainerStep) { steps.append(make(steps.count + 1)) }

        add { context.dockerfileStep($0, instructionCount: dockerfile.instructions.count, path: displayPath) }
        let instructions = context.instructions(of: dockerfile)
        let finalFrom = context.finalFromLine(in: dockerfile)
        for (instruction, source) in zip(instructions, dockerfile.instructions) {
            add { context.buildStep($0, instruction: instruction, source: source, finalFrom: finalFrom,
                                    isLast: source.startLine == lastLine) }
        }
        add { context.imageStep($0) }
        add { context.inspectStep($0) }
        add { context.runStep($0, container: run.fresh) }
        // A second instance of the same image shows that each container has its own writable layer.
        let second = Container(image: image, name: Self.secondName(run.fresh.name))
        add { context.runSecondStep($0, container: run.fresh, second: second) }
        add { context.changeStep($0, .write, path: choices.write, container: run.written, others: [second]) }
        add { context.changeStep($0, .modify, path: choices.modify, container: run.modified, others: [second]) }
        add { context.changeStep($0, .delete, path: choices.delete, container: run.final, others: [second]) }
        add { context.removeStep($0, container: run.final, removed: second) }
        add { context.commitStep($0, container: run.final) }
        let next = Container(image: committedImage, name: committedImage.name + "-1")
        add { context.runCommittedStep($0, container: next, deleted: choices.delete) }
        add { context.analogyStep($0, first: run.final, second: second) }

        return ExplainerStory(
            dockerfile: ExplainerDockerfile(path: displayPath, lines: Self.lines(of: source)),
            instructions: instructions,
            layers: context.layers,
            chain: image.chain.map { ExplainerChainLink(name: $0.name, layerCount: $0.layerCount, opaque: $0.isOpaque) },
            images: [context.summary(of: image), context.summary(of: committedImage)],
            steps: steps
        )
    }

    /// What the image's own COPY and ADD layers (not `--from` a stage) hold: the files the
    /// build read from the context, an estimate of what BuildKit transfers for them.
    static func contextBytes(of image: Image) -> Int {
        image.layers.filter { layer in
            layer.origin == image.name && ["COPY", "ADD"].contains(layer.instruction.keyword)
                && !layer.instruction.text.contains("--from")
        }.reduce(0) { $0 + $1.size }
    }

    /// `flask-app-2` beside `flask-app-1`; `web-2` beside `web`.
    static func secondName(_ first: String) -> String {
        if first.hasSuffix("-1") { return String(first.dropLast()) + "2" }
        return first + "-2"
    }

    static func lines(of source: String) -> [String] {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// The container after each change of the story, each a separate value.
struct ContainerRun {
    let fresh: Container
    let written: Container
    let modified: Container
    let final: Container

    init(image: Image, choices: ExplainerChoices, options: ExplainerOptions) throws(ExplainerError) {
        var container = Container(image: image, name: options.containerName ?? image.name + "-1")
        fresh = container
        do {
            try container.write(choices.write, size: options.writeSize)
            written = container
            try container.modify(choices.modify)
            modified = container
            try container.delete(choices.delete)
            final = container
        } catch {
            throw .containerChange(path: error.path, reason: error.reason)
        }
    }
}
