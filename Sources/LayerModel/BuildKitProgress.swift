/// What `docker build --progress=plain -t NAME .` prints for a Dockerfile when BuildKit
/// builds it with the docker driver and the classic image store, computed from the model.
///
/// The shape follows BuildKit's plain progress printer: one block per vertex, each line
/// prefixed `#N `, a blank line between blocks, and `#N DONE <seconds>s` closing each block.
/// The vertices and their names follow dockerfile2llb (`convert.go`):
/// - `[internal] load build definition from Dockerfile`, then `[internal] load metadata for`
///   each external base of a stage the target needs, then `[internal] load .dockerignore`;
/// - one vertex per FROM of an image (not of `scratch` or an earlier stage), per RUN, COPY,
///   ADD and WORKDIR, numbered `[i/K]` where K counts exactly those in the stage
///   (`ds.cmdTotal`) and prefixed by the stage name when the Dockerfile has more than one stage;
///   ENV, CMD, EXPOSE, LABEL, USER, ARG… change only the config and get no vertex;
/// - `[internal] load build context` when a needed stage copies from the context;
/// - `exporting to image`, which writes the config (whose digest is the image id) and names it.
///
/// BuildKit resolves a base's tag to its manifest digest and names the FROM vertex with both
/// (`FROM docker.io/library/python:3.9-slim@sha256:…`); the digest here is the model's own
/// manifest of that base (`ChainLink.manifestDigest`, from `OCIImageManifest`), so one base
/// has one digest in every build that uses it. An earlier stage's base is pinned when that
/// stage's image is passed in `stageImages`; an opaque base, whose manifest is unknown, never is.
///
/// The model has no clock, so every duration is written `0.0s`; the base is taken to be in
/// the local image store already, so there are no download lines; it reads no `.dockerignore`,
/// so that file transfers as BuildKit's empty 2B; and vertex names show instructions as
/// written, without BuildKit's `$VAR` expansion.
public struct BuildKitProgress: Hashable, Sendable {
    /// One vertex (`#N …` block) of the output.
    public struct Vertex: Hashable, Sendable {
        /// `#N`, counted from 1 in the order the blocks print.
        public let number: Int
        /// `[internal] load build context`, `[2/5] WORKDIR /usr/src/app`, `exporting to image`.
        public let name: String
        /// The status lines between the name and DONE, without the `#N ` prefix.
        public let status: [String]
        /// The 1-based first line of the instruction the vertex runs (for `load build context`,
        /// the first instruction that reads the context); nil for the other vertices of BuildKit's own.
        public let instructionLine: Int?

        /// The block as printed: name, status lines, `DONE`.
        public var text: String {
            ([name] + status + ["DONE 0.0s"]).map { "#\(number) " + $0 }.joined(separator: "\n")
        }
    }

    /// `#0 building with "default" instance using docker driver`, printed before the vertices.
    public static let header = "#0 building with \"default\" instance using docker driver"

    /// Every vertex in print order.
    public let vertices: [Vertex]

    /// The whole output: the header, then each vertex block, separated by blank lines.
    public var text: String {
        ([Self.header] + vertices.map(\.text)).joined(separator: "\n\n") + "\n"
    }

    /// The output of building `dockerfile` (whose text is `dockerfileBytes` long) into `image`,
    /// with a build context of `contextBytes` (what BuildKit transfers for the COPY and ADD sources).
    /// The target is the last stage, as without `--target`. `stageImages` (a build's
    /// `BuildResult.stages` images) lets the earlier stages' bases be pinned by digest too.
    public init(dockerfile: Dockerfile, image: Image, dockerfileBytes: Int, contextBytes: Int, stageImages: [Image] = []) {
        let stages = Self.stages(of: dockerfile)
        let needed = Self.needed(stages)
        var vertices: [Vertex] = []
        func add(_ name: String, _ status: [String] = [], line: Int? = nil) {
            vertices.append(Vertex(number: vertices.count + 1, name: name, status: status, instructionLine: line))
        }
        let fileName = dockerfile.path.split(separator: "/").last.map(String.init) ?? "Dockerfile"
        add("[internal] load build definition from \(fileName)", ["transferring dockerfile: \(Self.bytes(dockerfileBytes)) done"])
        var bases: [String] = []
        for stage in needed.map({ stages[$0] }) {
            if let base = stage.externalBase, !bases.contains(base) { bases.append(base) }
        }
        for base in bases { add("[internal] load metadata for \(base)") }
        add("[internal] load .dockerignore", ["transferring context: 2B done"])

        let label = stages.count > 1
        var counters: [Int: Int] = [:]
        func prefix(_ stage: Stage) -> String {
            counters[stage.index, default: 0] += 1
            let width = String(stage.total).count
            let index = String(repeating: " ", count: width - String(counters[stage.index]!).count) + String(counters[stage.index]!)
            return "[" + (label ? stage.label + " " : "") + index + "/\(stage.total)] "
        }
        let pins = Self.manifestDigests(in: stageImages.flatMap(\.chain) + image.chain)
        for stage in needed.map({ stages[$0] }) {
            if let base = stage.externalBase {
                let pinned = base.contains("@") ? base : base + (pins[base].map { "@" + $0 } ?? "")
                add(prefix(stage) + "FROM " + pinned, line: stage.from.startLine)
            }
        }
        let reader = needed.lazy.compactMap { stages[$0].firstContextReader }.min()
        if let reader {
            add("[internal] load build context", ["transferring context: \(Self.bytes(contextBytes)) done"], line: reader)
        }
        for stage in needed.map({ stages[$0] }) {
            for instruction in stage.instructions where Self.vertexKeywords.contains(instruction.name) {
                add(prefix(stage) + Self.uppercaseCommand(instruction.original), line: instruction.startLine)
            }
        }
        add("exporting to image", [
            "exporting layers", "exporting layers 0.0s done",
            "writing image \(image.id) done",
            "naming to \(Self.naming(image.name)) done",
        ])
        self.vertices = vertices
    }

    /// The instructions dockerfile2llb turns into a vertex (its `cmdTotal` switch; WORKDIR
    /// always since FileOp became the default).
    static let vertexKeywords: Set<String> = ["run", "copy", "add", "workdir"]

    /// The blocks of the instruction starting at `line` (its FROM, RUN, COPY… vertex), after
    /// the build context block when it is the first instruction that reads the context.
    /// Empty for instructions with no vertex (ENV, CMD…) and stages the target does not need.
    public func vertices(forInstructionAt line: Int) -> [Vertex] {
        vertices.filter { $0.instructionLine == line }
    }

    /// The blocks printed before any instruction runs: the build definition, the bases'
    /// metadata and the `.dockerignore`.
    public var preamble: [Vertex] {
        Array(vertices.prefix { $0.instructionLine == nil && $0.name.hasPrefix("[internal]") })
    }

    /// The last block, `exporting to image`.
    public var export: Vertex? { vertices.last }

    /// `#N` blocks as text, separated by blank lines, ending in a newline.
    public static func text(_ vertices: [Vertex]) -> String {
        vertices.map(\.text).joined(separator: "\n\n") + "\n"
    }

    /// BuildKit's `uppercaseCmd`: the keyword upper-cased, the rest as written.
    static func uppercaseCommand(_ original: String) -> String {
        let trimmed = original.drop { $0 == " " || $0 == "\t" }
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return trimmed.uppercased() }
        return trimmed[..<space].uppercased() + trimmed[space...]
    }

    /// `docker.io/library/flask-app` for `-t flask-app`: the classic store's exporter names the
    /// normalized reference as given (no `:latest` added).
    static func naming(_ name: String) -> String {
        guard let reference = try? ImageReference(parsing: name) else { return name }
        let normalized = reference.normalized
        return normalized.hasSuffix(":latest") && !name.hasSuffix(":latest") ? String(normalized.dropLast(7)) : normalized
    }

    /// BuildKit's progress sizes (`units.Bytes` with `%.2f`): `245B`, `1.65kB`, `37.45MB` (powers of 1000).
    public static func bytes(_ count: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(count)B" }
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)\(units[unit])"
    }

    /// One FROM section and what BuildKit needs to number its vertices.
    struct Stage {
        let index: Int
        let from: Instruction
        let instructions: [Instruction]
        /// `AS` name, or `stage-N` as dockerfile2llb names unnamed stages.
        let label: String
        /// The normalized image the FROM pulls (`docker.io/library/python:3.9-slim`); nil for
        /// `scratch` and for an earlier stage.
        let externalBase: String?
        /// Earlier stages this one reads: `FROM stage`, `COPY --from=stage` (by name or index).
        let dependencies: [Int]
        /// The first line of a COPY or ADD that reads the build context, if any.
        let firstContextReader: Int?
        /// The vertex count `[i/K]` divides by: FROM of an image, plus RUN, COPY, ADD, WORKDIR.
        var total: Int { (externalBase == nil ? 0 : 1) + instructions.filter { vertexKeywords.contains($0.name) }.count }
    }

    static func stages(of dockerfile: Dockerfile) -> [Stage] {
        var sections: [(from: Instruction, body: [Instruction])] = []
        for instruction in dockerfile.instructions {
            if instruction.name == "from" {
                sections.append((instruction, []))
            } else if !sections.isEmpty {
                sections[sections.count - 1].body.append(instruction)
            }
        }
        var names: [String] = []
        var stages: [Stage] = []
        for (index, section) in sections.enumerated() {
            let name = section.from.args.count == 3 ? section.from.args[2].lowercased() : nil
            let base = section.from.args.first ?? "scratch"
            func stageIndex(_ word: String) -> Int? {
                if let number = Int(word), number < index { return number }
                return names.firstIndex(of: word.lowercased())
            }
            var dependencies: [Int] = []
            let fromStage = stageIndex(base)
            if let fromStage { dependencies.append(fromStage) }
            var firstContextReader: Int?
            for instruction in section.body where instruction.name == "copy" || instruction.name == "add" {
                if let source = instruction.flag("from") {
                    if let found = stageIndex(source) { dependencies.append(found) }
                } else if firstContextReader == nil {
                    firstContextReader = instruction.startLine
                }
            }
            var external: String?
            if fromStage == nil, base.lowercased() != "scratch" {
                external = (try? ImageReference(parsing: base)).map(pulled) ?? base
            }
            stages.append(Stage(index: index, from: section.from, instructions: section.body,
                                label: name ?? "stage-\(index)", externalBase: external,
                                dependencies: dependencies, firstContextReader: firstContextReader))
            names.append(name ?? "")
        }
        return stages
    }

    /// `docker.io/library/python:3.9-slim`, `docker.io/library/alpine:latest`: the reference
    /// BuildKit pulls, with `:latest` when neither a tag nor a digest is given.
    static func pulled(_ reference: ImageReference) -> String {
        reference.tag == nil && reference.digest == nil ? reference.normalized + ":latest" : reference.normalized
    }

    /// The manifest digest of each base in `chain` that has one, by the reference BuildKit pulls.
    static func manifestDigests(in chain: [ChainLink]) -> [String: String] {
        var pins: [String: String] = [:]
        for link in chain {
            guard let reference = link.reference, let digest = link.manifestDigest else { continue }
            pins[pulled(reference)] = digest
        }
        return pins
    }

    /// The stages the last one needs, itself included, in Dockerfile order: BuildKit solves
    /// only what the target reaches.
    static func needed(_ stages: [Stage]) -> [Int] {
        guard let last = stages.indices.last else { return [] }
        var reached: Set<Int> = []
        var pending = [last]
        while let next = pending.popLast() {
            guard reached.insert(next).inserted else { continue }
            pending += stages[next].dependencies
        }
        return reached.sorted()
    }
}
