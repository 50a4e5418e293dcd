/// What each instruction does to the stage: a layer and a history entry, or only an
/// `empty_layer` history entry and a config change.
extension StageRunner {
    mutating func apply(_ instruction: Instruction, session: inout BuildSession) throws(DockerfileError) {
        guard var stage = current else { return }
        // Moved out rather than copied, and the environment read where it is used: a second
        // reference would make every change copy the stage's layers, history and variables.
        current = nil
        defer { current = stage }
        func expandAll(_ words: [String]) throws(DockerfileError) -> [String] {
            var out: [String] = []
            for word in words { out.append(try expand(word, instruction, environment: stage.environment)) }
            return out
        }
        switch instruction.name {
        case "run":
            guard !instruction.args.isEmpty else { throw error(instruction, "RUN requires a command (expected RUN command or RUN [\"executable\", …])") }
            let command = instruction.isJSON ? instruction.args : stage.config.shell + [instruction.args[0]]
            var createdBy = "RUN " + command.joined(separator: " ")
            for heredoc in instruction.heredocs { createdBy += "\n" + heredoc.content + heredoc.name }
            stage.record(instruction, createdBy: createdBy + " # buildkit", changes: listing.changes(forLine: instruction.startLine) ?? [])
        case "copy", "add":
            try copy(instruction, into: &stage, words: try expandAll(instruction.args), session: &session)
        case "workdir":
            guard let raw = instruction.args.first else { throw error(instruction, "WORKDIR requires exactly one argument (expected WORKDIR /path)") }
            let path = FilePath.clean(try expand(raw, instruction, environment: stage.environment), relativeTo: stage.config.workingDir.isEmpty ? "/" : stage.config.workingDir)
            let exists = stage.isVisible(path)
            stage.config.workingDir = path
            // BuildKit records `WORKDIR /path` without "# buildkit" (dockerfile2llb dispatchWorkdir
            // passes no state to commitToHistory); the folder it creates is the layer's content.
            let changes = exists ? nil : (listing.changes(forLine: instruction.startLine) ?? [FileChange(path: path, kind: .added, isDirectory: true)])
            stage.record(instruction, createdBy: "WORKDIR \(path)", changes: changes)
        case "env", "label":
            let pairs = try keyValuePairs(instruction, expandAll(instruction.args))
            for (key, value) in pairs {
                if instruction.name == "env" {
                    stage.setEnv(key, value)
                } else {
                    stage.config.labels[key] = value
                }
            }
            stage.record(instruction, createdBy: instruction.keyword + " " + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " "), changes: nil)
        case "arg":
            for word in instruction.args {
                let (name, defaultValue) = try splitArg(word, instruction)
                if let override = options.buildArgs[name] {
                    stage.setArg(name, override)
                } else if let defaultValue {
                    stage.setArg(name, try expand(defaultValue, instruction, environment: stage.environment))
                } else {
                    stage.setArg(name, globalArgs[name] ?? "")
                }
            }
        case "cmd", "entrypoint":
            guard !instruction.args.isEmpty || instruction.isJSON else {
                throw error(instruction, "\(instruction.keyword) requires a command (expected \(instruction.keyword) [\"executable\", …])")
            }
            let command = instruction.isJSON ? instruction.args : stage.config.shell + [instruction.args[0]]
            if instruction.name == "cmd" {
                stage.config.cmd = command
                stage.cmdSetHere = true
            } else {
                stage.config.entrypoint = command
                if !stage.cmdSetHere { stage.config.cmd = nil }
            }
            // BuildKit writes fmt.Sprintf("CMD %q", args): Go's quoted list, space separated.
            stage.record(instruction, createdBy: "\(instruction.keyword) \(GoFormat.quotedList(command))", changes: nil)
        case "expose":
            let ports = try expandAll(instruction.args).map { $0.contains("/") ? $0.lowercased() : $0 + "/tcp" }
            stage.config.exposedPorts = Array(Set(stage.config.exposedPorts + ports)).sorted()
            stage.record(instruction, createdBy: "EXPOSE " + ports.joined(separator: " "), changes: nil)
        case "user", "stopsignal", "maintainer":
            guard let raw = instruction.args.first else { throw error(instruction, "\(instruction.keyword) requires an argument") }
            let value = instruction.name == "maintainer" ? raw : try expand(raw, instruction, environment: stage.environment)
            if instruction.name == "user" { stage.config.user = value }
            if instruction.name == "stopsignal" { stage.config.stopSignal = value }
            stage.record(instruction, createdBy: "\(instruction.keyword) \(value)", changes: nil)
        case "volume":
            let volumes = try expandAll(instruction.args)
            guard !volumes.isEmpty, !volumes.contains("") else { throw error(instruction, "VOLUME specified can not be an empty string (expected VOLUME /path …)") }
            stage.config.volumes = Array(Set(stage.config.volumes + volumes)).sorted()
            stage.record(instruction, createdBy: "VOLUME \(GoFormat.list(volumes))", changes: nil)
        case "shell":
            guard instruction.isJSON, !instruction.args.isEmpty else {
                throw error(instruction, "SHELL requires the arguments to be in JSON form (expected SHELL [\"executable\", \"parameters\"])")
            }
            stage.config.shell = instruction.args
            stage.record(instruction, createdBy: "SHELL \(GoFormat.list(instruction.args))", changes: nil)
        case "healthcheck":
            stage.config.healthcheck = try healthcheck(instruction, shell: stage.config.shell)
            stage.record(instruction, createdBy: "HEALTHCHECK \(DockerfileJSON.array(stage.config.healthcheck ?? []))", changes: nil)
        case "onbuild":
            guard let trigger = instruction.subCommand else { throw error(instruction, "ONBUILD requires an instruction (expected ONBUILD RUN …)") }
            guard !["onbuild", "from", "maintainer"].contains(trigger) else {
                throw error(instruction, "\(trigger.uppercased()) isn't allowed as an ONBUILD trigger")
            }
            let text = String(instruction.original.unicodeScalars.dropFirst("ONBUILD".count).drop(while: isGoSpace))
            stage.config.onBuild.append(text)
            stage.record(instruction, createdBy: "ONBUILD \(text)", changes: nil)
        default:
            let known = "FROM, RUN, CMD, LABEL, MAINTAINER, EXPOSE, ENV, ADD, COPY, ENTRYPOINT, VOLUME, USER, WORKDIR, ARG, ONBUILD, STOPSIGNAL, HEALTHCHECK, SHELL"
            throw error(instruction, "unknown instruction: \(instruction.keyword) (expected one of \(known))")
        }
    }

    func keyValuePairs(_ instruction: Instruction, _ words: [String]) throws(DockerfileError) -> [(String, String)] {
        guard !words.isEmpty, words.count % 2 == 0 else {
            throw error(instruction, "\(instruction.keyword) requires at least one argument (expected \(instruction.keyword) key=value …)")
        }
        return stride(from: 0, to: words.count, by: 2).map { (words[$0], words[$0 + 1]) }
    }

    func healthcheck(_ instruction: Instruction, shell: [String]) throws(DockerfileError) -> [String] {
        guard let type = instruction.args.first?.uppercased() else {
            throw error(instruction, "HEALTHCHECK requires an argument (expected HEALTHCHECK NONE or HEALTHCHECK [options] CMD command)")
        }
        switch type {
        case "NONE":
            guard instruction.args.count == 1 else { throw error(instruction, "HEALTHCHECK NONE takes no other arguments") }
            return ["NONE"]
        case "CMD":
            let command = Array(instruction.args.dropFirst())
            guard !command.isEmpty else { throw error(instruction, "Missing command after HEALTHCHECK CMD") }
            return instruction.isJSON ? ["CMD"] + command : ["CMD-SHELL", command[0]]
        default:
            throw error(instruction, "Unknown type \"\(type)\" in HEALTHCHECK (expected CMD or NONE)")
        }
    }
}
