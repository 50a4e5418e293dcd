import LayerModel

/// The files the story changes when the tag does not name them, picked from what the
/// image's layers really hold so that the copy-up and the whiteout have something to show.
struct ExplainerChoices: Hashable, Sendable {
    var write: String
    var modify: String
    var delete: String

    init(image: Image, options: ExplainerOptions) throws(ExplainerError) {
        let files = image.mergedFiles.filter { !$0.isDirectory && $0.layerID != nil }
        let workingDir = image.config.workingDir
        let folder = workingDir.hasPrefix("/") && workingDir != "/" ? workingDir : "/tmp"
        let write = options.write ?? (folder.hasSuffix("/") ? folder : folder + "/") + "notes.txt"
        self.write = write

        let modify: String
        if let chosen = options.modify {
            modify = chosen
        } else {
            // The app's own newest file reads best ("edit app.py in the running container");
            // a base-image file is the fallback when the app adds none.
            let own = files.filter { $0.origin == image.name && !Self.buildFiles.contains(Self.name(of: $0.path)) }
            let pool = own.isEmpty ? files : own
            guard let pick = Self.topmost(pool, in: image) else { throw .noLowerFile(purpose: "modify") }
            modify = pick.path
        }
        self.modify = modify

        if let delete = options.delete {
            self.delete = delete
        } else {
            let others = files.filter { $0.path != modify && $0.path != write }
            let base = others.filter { $0.origin != image.name }
            let pool = base.isEmpty ? others : base
            // /etc/motd is the classic harmless file to delete; any /etc file reads almost as well.
            guard let pick = pool.first(where: { $0.path == "/etc/motd" }) ?? pool.first(where: { $0.path.hasPrefix("/etc/") })
                ?? pool.first else {
                throw .noLowerFile(purpose: "delete")
            }
            delete = pick.path
        }
    }

    /// Files that describe the build rather than the app; editing one says little.
    private static let buildFiles: Set<String> = ["Dockerfile", ".dockerignore"]

    private static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The largest file of the highest layer (the app's main source, usually), ties broken
    /// by path so that the choice is stable.
    private static func topmost(_ files: [MergedFile], in image: Image) -> MergedFile? {
        let position = Dictionary(image.layers.enumerated().map { ($0.element.id, $0.offset) },
                                  uniquingKeysWith: { first, _ in first })
        func key(_ file: MergedFile) -> (Int, Int) { (file.layerID.flatMap { position[$0] } ?? -1, file.size ?? 0) }
        return files.max { lhs, rhs in
            key(lhs) == key(rhs) ? lhs.path > rhs.path : key(lhs) < key(rhs)
        }
    }
}
