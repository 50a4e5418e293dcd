/// Walks a Dockerfile's instructions stage by stage and turns them into layers.
struct StageRunner {
    let dockerfile: Dockerfile
    let context: BuildContext
    let listing: LayerListing
    let options: BuildOptions
    let imageName: String

    var globalArgs: [String: String] = [:]
    var stages: [BuiltStage] = []
    var current: StageState?
    var warnings: [BuildWarning] = []

    init(dockerfile: Dockerfile, context: BuildContext, listing: LayerListing, options: BuildOptions, imageName: String) {
        self.dockerfile = dockerfile
        self.context = context
        self.listing = listing
        self.options = options
        self.imageName = imageName
    }

    /// The PATH Docker gives Linux images that do not set one.
    static let defaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    func error(_ instruction: Instruction, _ message: String, column: Int = 1) -> DockerfileError {
        DockerfileError(file: dockerfile.path, line: instruction.startLine, column: column, message: message)
    }

    mutating func run(session: inout BuildSession) throws(DockerfileError) -> (image: Image, stages: [BuiltStage]) {
        let stageNames = try declaredStageNames()
        var finalIndex = stageNames.count - 1
        if let target = options.target {
            guard let index = stageNames.firstIndex(where: { $0 == target.lowercased() }) else {
                throw DockerfileError(file: dockerfile.path, line: 1, column: 1, message: "target stage \(target) could not be found (expected one of the AS names)")
            }
            finalIndex = index
        }
        guard finalIndex >= 0 else {
            let line = dockerfile.instructions.first?.startLine ?? 1
            throw DockerfileError(file: dockerfile.path, line: line, column: 1, message: "no build stage: expected a FROM instruction")
        }
        for instruction in dockerfile.instructions {
            if instruction.name == "from" {
                if stages.count + (current == nil ? 0 : 1) > finalIndex { break }
                finish()
                current = try startStage(instruction, index: stages.count, isFinal: stages.count == finalIndex, session: &session)
                try runOnBuildTriggers(at: instruction, session: &session)
                continue
            }
            if current == nil {
                guard instruction.name == "arg" else {
                    throw error(instruction, "\(instruction.keyword) before the first FROM (expected FROM, or ARG, first)")
                }
                try declareGlobalArgs(instruction)
                continue
            }
            try apply(instruction, session: &session)
        }
        finish()
        warnAboutUnusedBuildArgs()
        guard let last = stages.last else {
            throw DockerfileError(file: dockerfile.path, line: 1, column: 1, message: "no build stage: expected a FROM instruction")
        }
        return (last.image, stages)
    }

    /// The lower-case `AS` names of every stage (empty for unnamed ones), checked up front.
    func declaredStageNames() throws(DockerfileError) -> [String] {
        var names: [String] = []
        for instruction in dockerfile.instructions where instruction.name == "from" {
            let args = instruction.args
            guard args.count == 1 || (args.count == 3 && args[1].lowercased() == "as") else {
                throw error(instruction, "FROM requires either one or three arguments (expected FROM image [AS name])")
            }
            guard args.count == 3 else { names.append(""); continue }
            let name = args[2].lowercased()
            let valid = name.unicodeScalars.first.map { ("a"..."z").contains($0) } == true
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
            guard valid else {
                throw error(instruction, "invalid name for build stage: \"\(args[2])\" (expected a letter, then letters, digits, '-', '_' or '.')")
            }
            guard !names.contains(name) else {
                throw error(instruction, "duplicate stage name \"\(args[2])\" (expected each AS name once)")
            }
            names.append(name)
        }
        return names
    }

    mutating func finish() {
        guard let stage = current else { return }
        stages.append(BuiltStage(name: stage.stageName, index: stages.count, image: stage.image()))
        current = nil
    }

    mutating func declareGlobalArgs(_ instruction: Instruction) throws(DockerfileError) {
        for word in instruction.args {
            let (name, defaultValue) = try splitArg(word, instruction)
            if let override = options.buildArgs[name] {
                globalArgs[name] = override
            } else if let defaultValue {
                globalArgs[name] = try expand(defaultValue, instruction, environment: globalArgs)
            } else {
                globalArgs[name] = globalArgs[name] ?? ""
            }
        }
    }

    func splitArg(_ word: String, _ instruction: Instruction) throws(DockerfileError) -> (String, String?) {
        guard let (name, value) = splitAtFirstEquals(word) else { return (word, nil) }
        guard !name.isEmpty else { throw error(instruction, "ARG requires a name before '=' (expected ARG NAME[=default])") }
        return (name, value)
    }

    func expand(_ word: String, _ instruction: Instruction, environment: [String: String]) throws(DockerfileError) -> String {
        let lexer = ShellLexer(escape: dockerfile.escapeCharacter.unicodeScalars.first ?? "\\")
        do {
            return try lexer.expandWord(word, environment: environment)
        } catch {
            throw self.error(instruction, "cannot expand \(word): \(error.message)")
        }
    }

    mutating func startStage(
        _ instruction: Instruction, index: Int, isFinal: Bool, session: inout BuildSession
    ) throws(DockerfileError) -> StageState {
        let args = instruction.args
        let stageName = args.count == 3 ? args[2] : nil
        let name = isFinal ? imageName : (stageName ?? "stage-\(index)")
        let base = try expand(args[0], instruction, environment: globalArgs)
        let column = instruction.original.range(of: args[0]).map { instruction.original.distance(from: instruction.original.startIndex, to: $0.lowerBound) + 1 } ?? 1
        guard !base.isEmpty else {
            throw error(instruction, "base name (\(args[0])) should not be blank (expected an image name after expansion)", column: column)
        }
        var stage = StageState(name: name, stageName: stageName, dockerfilePath: dockerfile.path)
        if base.lowercased() == "scratch" {
            stage.chain = [ChainLink(name: "scratch", reference: nil, dockerfilePath: nil, layerCount: 0, historyCount: 0, isOpaque: false)]
            stage.config = ImageConfig(env: [Self.defaultPath])
        } else if let previous = stages.first(where: { $0.name?.lowercased() == base.lowercased() }) {
            stage.inherit(previous.image)
            stage.dependencies.append(StageDependency(source: previous.name ?? base, target: stageName ?? name, kind: .fromStage, line: instruction.startLine))
        } else {
            let reference: ImageReference
            do {
                reference = try ImageReference(parsing: base)
            } catch {
                throw self.error(instruction, error.description, column: column)
            }
            if let entry = session.catalogue.entry(for: reference) {
                let baseImage = try session.baseImage(entry, requestedAt: self.error(instruction, "", column: column))
                stage.inherit(baseImage)
                // The base is now pinned by its manifest, as BuildKit resolves a tag to a digest.
                if let own = stage.chain.popLast() { stage.chain.append(own.pinned(to: OCIImageManifest(baseImage).digest)) }
            } else {
                stage.chain = [ChainLink(name: reference.familiar, reference: reference, dockerfilePath: nil, layerCount: 0, historyCount: 0, isOpaque: true)]
                stage.config = ImageConfig(env: [Self.defaultPath])
                session.warnings.append(BuildWarning(
                    file: dockerfile.path, line: instruction.startLine, column: column,
                    message: "\(reference.familiar) is not in the catalogue: it is shown as an opaque base, not expanded into layers",
                    isOpaqueBase: true
                ))
            }
        }
        stage.clearArgs()
        return stage
    }

    /// Runs the base image's ONBUILD triggers right after FROM, as Docker does; the new
    /// image does not inherit them. They are located at the FROM line that pulled them in.
    mutating func runOnBuildTriggers(at from: Instruction, session: inout BuildSession) throws(DockerfileError) {
        guard let triggers = current?.config.onBuild, !triggers.isEmpty else { return }
        current?.config.onBuild = []
        for trigger in triggers {
            let parsed: Dockerfile
            do {
                parsed = try DockerfileParser.parse(trigger, path: dockerfile.path)
            } catch {
                throw self.error(from, "the base image's ONBUILD \(trigger) cannot be read: \(error.message)")
            }
            for instruction in parsed.instructions {
                let located = Instruction(
                    name: instruction.name, args: instruction.args, flags: instruction.flags, isJSON: instruction.isJSON,
                    original: instruction.original, startLine: from.startLine, endLine: from.endLine,
                    subCommand: instruction.subCommand, heredocs: instruction.heredocs
                )
                try apply(located, session: &session)
            }
        }
    }

    /// Docker warns when a --build-arg names no ARG of the Dockerfile; so does Strata.
    mutating func warnAboutUnusedBuildArgs() {
        var declared = Set<String>()
        for instruction in dockerfile.instructions where instruction.name == "arg" {
            for word in instruction.args {
                declared.insert(String(word.prefix { $0 != "=" }))
            }
        }
        let unused = options.buildArgs.keys.filter { !declared.contains($0) && !Self.predefinedArgs.contains($0) }.sorted()
        guard !unused.isEmpty else { return }
        warnings.append(BuildWarning(
            file: dockerfile.path, line: 1, column: 1,
            message: "build arguments [\(unused.joined(separator: ", "))] were not consumed (expected an ARG with that name)"
        ))
    }

    /// Build arguments Docker accepts without an ARG (proxy settings).
    static let predefinedArgs: Set<String> = [
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    ]
}
