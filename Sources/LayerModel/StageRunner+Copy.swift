/// COPY and ADD: which files land where, from the build context, a heredoc, a URL or
/// another stage (`--from`).
extension StageRunner {
    private struct Source {
        /// Where the file goes, relative to the destination folder.
        let relative: String
        let size: Int?
        let isDirectory: Bool
        /// True when the source named exactly one file (so a destination without `/` is its new name).
        let isSingleFile: Bool
    }

    mutating func copy(
        _ instruction: Instruction, into stage: inout StageState, words: [String], session: inout BuildSession
    ) throws(DockerfileError) {
        guard words.count >= 2, let destination = words.last else {
            throw error(instruction, "\(instruction.keyword) requires at least two arguments (expected \(instruction.keyword) source… destination)")
        }
        let sources = Array(words.dropLast())
        let workdir = stage.config.workingDir.isEmpty ? "/" : stage.config.workingDir
        let destinationPath = FilePath.clean(destination, relativeTo: workdir)
        let intoDirectory = destination.hasSuffix("/") || destination == "." || sources.count > 1
        var fromImage: Image?
        if let rawFrom = instruction.flag("from") {
            let from = try expand(rawFrom, instruction, environment: stage.environment)
            let source = stages.first { $0.name?.lowercased() == from.lowercased() } ?? Int(from).flatMap { index in
                stages.indices.contains(index) ? stages[index] : nil
            }
            fromImage = source?.image
            // An image rather than a stage: a catalogue sample is built so its files are known.
            if source == nil, let reference = try? ImageReference(parsing: from), let entry = session.catalogue.entry(for: reference) {
                fromImage = try session.baseImage(entry, requestedAt: error(instruction, ""))
            }
            stage.dependencies.append(StageDependency(
                source: source.map { $0.name ?? "stage-\($0.index)" } ?? from,
                target: stage.stageName ?? stage.name, kind: .copyFrom, line: instruction.startLine
            ))
        }
        var changes: [FileChange]
        if let listed = listing.changes(forLine: instruction.startLine) {
            changes = listed
        } else {
            changes = []
            for source in sources {
                var found = resolve(source, instruction: instruction, fromImage: fromImage)
                if found.isEmpty {
                    // A stage's files made by RUN are unknown to the model (no listing), so "not
                    // in the build context" would be wrong there: say where it looked.
                    let looked = fromImage == nil ? "the build context" : "the files the model knows in `\(instruction.flag("from") ?? "")`"
                    warn(instruction, "\(instruction.keyword) source \(source) is not in \(looked): only its destination is recorded")
                    found = [Source(relative: FilePath.lastComponent(of: source), size: nil, isDirectory: false, isSingleFile: true)]
                }
                for file in found {
                    let path = file.isSingleFile && !intoDirectory ? destinationPath : FilePath.clean(FilePath.join(destinationPath, file.relative))
                    changes.append(FileChange(path: path, kind: stage.isListed(path) ? .modified : .added, size: file.size, isDirectory: file.isDirectory))
                }
            }
        }
        let flags = instruction.flags.isEmpty ? "" : instruction.flags.joined(separator: " ") + " "
        stage.record(instruction, createdBy: "\(instruction.keyword) \(flags)\(words.joined(separator: " ")) # buildkit", changes: changes)
    }

    private func resolve(_ source: String, instruction: Instruction, fromImage: Image?) -> [Source] {
        if source.hasPrefix("<<"), let start = try? HeredocScanner.start(from: source),
           let heredoc = instruction.heredocs.first(where: { $0.name == start.name }) {
            return [Source(relative: heredoc.name, size: heredoc.content.utf8.count, isDirectory: false, isSingleFile: true)]
        }
        if instruction.name == "add", source.contains("://") || source.hasPrefix("git@") {
            let name = source.split(separator: "/").last.map(String.init) ?? "download"
            return [Source(relative: name, size: nil, isDirectory: false, isSingleFile: true)]
        }
        if let fromImage {
            return resolve(FilePath.clean(source), in: fromImage.mergedFiles.map { ($0.path, $0.size, $0.isDirectory) })
        }
        let context = self.context.files.map { ("/" + $0.path, Optional($0.size), false) }
        var found = resolve(FilePath.clean(source), in: context)
        if instruction.name == "add", found.count == 1, let archive = found.first, Self.isArchive(archive.relative) {
            // ADD unpacks a local archive: without a listing, all we know is the folder it fills.
            found = [Source(relative: "", size: archive.size, isDirectory: true, isSingleFile: false)]
        }
        return found
    }

    /// Matches an absolute source path (maybe with wildcards) against absolute file paths.
    private func resolve(_ source: String, in files: [(String, Int?, Bool)]) -> [Source] {
        if source == "/" {
            return files.map { Source(relative: String($0.0.dropFirst()), size: $0.1, isDirectory: $0.2, isSingleFile: false) }
        }
        let depth = source.split(separator: "/").count
        var found: [Source] = []
        for (path, size, isDirectory) in files {
            if GlobPattern.hasWildcard(source) {
                guard GlobPattern.matches(String(source.dropFirst()), path: String(path.dropFirst())) else { continue }
                let parts = path.split(separator: "/")
                let relative = parts.dropFirst(depth - 1).joined(separator: "/")
                found.append(Source(relative: relative, size: size, isDirectory: isDirectory, isSingleFile: parts.count == depth && !isDirectory))
            } else if path == source {
                found.append(Source(relative: FilePath.lastComponent(of: path), size: size, isDirectory: isDirectory, isSingleFile: !isDirectory))
            } else if path.hasPrefix(source + "/") {
                found.append(Source(relative: String(path.dropFirst(source.count + 1)), size: size, isDirectory: isDirectory, isSingleFile: false))
            }
        }
        return found
    }

    static func isArchive(_ name: String) -> Bool {
        [".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst"].contains { name.hasSuffix($0) }
    }

    mutating func warn(_ instruction: Instruction, _ message: String) {
        warnings.append(BuildWarning(file: dockerfile.path, line: instruction.startLine, column: 1, message: message))
    }
}
