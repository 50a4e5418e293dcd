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
            let own = files.filter { $0.origin == image.name }
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
            guard let pick = pool.first(where: { $0.path.hasPrefix("/etc/") }) ?? pool.first else {
                throw .noLowerFile(purpose: "delete")
            }
            delete = pick.path
        }
    }

    /// The file from the highest layer, ties broken by path, so the choice is stable.
    private static func topmost(_ files: [MergedFile], in image: Image) -> MergedFile? {
        let position = Dictionary(image.layers.enumerated().map { ($0.element.id, $0.offset) },
                                  uniquingKeysWith: { first, _ in first })
        return files.max { lhs, rhs in
            let l = lhs.layerID.flatMap { position[$0] } ?? -1
            let r = rhs.layerID.flatMap { position[$0] } ?? -1
            return l == r ? lhs.path > rhs.path : l < r
        }
    }
}
