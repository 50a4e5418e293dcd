import Foundation

extension Catalogue {
    /// Reads `catalog.txt` in `directory`: one `reference folder` pair a line, where the
    /// folder (relative to the catalogue) holds the sample's Dockerfile.
    public static func load(directory: String) throws(DockerfileError) -> Catalogue {
        let indexPath = (directory as NSString).appendingPathComponent(indexFileName)
        guard let data = FileManager.default.contents(atPath: indexPath) else {
            throw DockerfileError(file: indexPath, line: 0, column: 0, message: "cannot read the catalogue index (expected a file \(indexFileName) in \(directory))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DockerfileError(file: indexPath, line: 1, column: 1, message: "expected UTF-8 text")
        }
        var entries: [Entry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            let lineNumber = index + 1
            guard fields.count == 2 else {
                throw DockerfileError(file: indexPath, line: lineNumber, column: 1, message: "expected `image-reference folder`, found \(fields.count) fields")
            }
            let name = String(fields[0])
            let reference: ImageReference
            do {
                reference = try ImageReference(parsing: name)
            } catch {
                throw DockerfileError(file: indexPath, line: lineNumber, column: 1, message: error.description)
            }
            if entries.contains(where: { $0.reference == reference }) {
                throw DockerfileError(file: indexPath, line: lineNumber, column: 1, message: "\(name) is listed twice (expected one folder per image)")
            }
            let folder = (directory as NSString).appendingPathComponent(String(fields[1]))
            let dockerfile = (folder as NSString).appendingPathComponent("Dockerfile")
            guard FileManager.default.fileExists(atPath: dockerfile) else {
                let column = rawLine.distance(from: rawLine.startIndex, to: fields[1].startIndex) + 1
                throw DockerfileError(file: indexPath, line: lineNumber, column: column, message: "expected a Dockerfile at \(dockerfile)")
            }
            entries.append(Entry(name: name, reference: reference, dockerfilePath: dockerfile, directory: folder))
        }
        return Catalogue(entries: entries)
    }
}

extension LayerListing {
    /// The listing next to a Dockerfile, or an empty one when the sample has none.
    public static func load(besideDockerfile dockerfilePath: String) throws(DockerfileError) -> LayerListing {
        let folder = (dockerfilePath as NSString).deletingLastPathComponent
        let path = (folder as NSString).appendingPathComponent(Catalogue.listingFileName)
        guard let data = FileManager.default.contents(atPath: path) else { return .empty }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DockerfileError(file: path, line: 1, column: 1, message: "expected UTF-8 text")
        }
        return try LayerListing(parsing: text, path: path)
    }
}

extension BuildContext {
    /// Lists the files under `directory` (recursively, with sizes), leaving out the sample's
    /// sidecar listing and whatever a `.dockerignore` names (exact paths, folders, `*` and `?`).
    public static func load(directory: String) throws(DockerfileError) -> BuildContext {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: directory) else {
            throw DockerfileError(file: directory, line: 0, column: 0, message: "cannot list the build context (expected a readable folder)")
        }
        var ignored = [Catalogue.listingFileName]
        let ignorePath = (directory as NSString).appendingPathComponent(".dockerignore")
        if let data = manager.contents(atPath: ignorePath), let text = String(data: data, encoding: .utf8) {
            ignored += text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                .map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
        }
        var files: [File] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if ignored.contains(where: { GlobPattern.matches($0, path: relative) }) { continue }
            let size = (try? manager.attributesOfItem(atPath: full)[.size] as? NSNumber)?.intValue ?? 0
            files.append(File(path: relative, size: size))
        }
        return BuildContext(files: files)
    }
}

/// Shell-style patterns for `.dockerignore` and COPY sources: `*` and `?` within one path
/// component; a pattern also matches everything inside a folder it names.
enum GlobPattern {
    static func matches(_ pattern: String, path: String) -> Bool {
        let patternParts = pattern.split(separator: "/").filter { $0 != "." }
        let pathParts = path.split(separator: "/").filter { $0 != "." }
        guard !patternParts.isEmpty else { return true }
        guard pathParts.count >= patternParts.count else { return false }
        return zip(patternParts, pathParts).allSatisfy { component($0.0, matches: $0.1) }
    }

    static func hasWildcard(_ pattern: String) -> Bool { pattern.contains("*") || pattern.contains("?") }

    static func component(_ pattern: Substring, matches name: Substring) -> Bool {
        let p = Array(pattern.unicodeScalars), n = Array(name.unicodeScalars)
        var pi = 0, ni = 0, starP = -1, starN = 0
        while ni < n.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == n[ni]) {
                pi += 1; ni += 1
            } else if pi < p.count && p[pi] == "*" {
                starP = pi; starN = ni; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starN += 1; ni = starN
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

extension Catalogue {
    /// The catalogue folder for a Dockerfile: the nearest folder above it holding
    /// `catalog.txt`, else `fallback` (relative to the current directory), if it holds one.
    /// `DockerfileBuilds.catalogueFolder` is the rule every command and tag follows.
    static func locate(forDockerfile path: String, fallback: String = "content/dockerfiles") -> String? {
        let manager = FileManager.default
        var folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            if manager.fileExists(atPath: folder.appendingPathComponent(indexFileName).path) {
                return relativeToCurrentDirectory(folder.path)
            }
            folder.deleteLastPathComponent()
        }
        return manager.fileExists(atPath: (fallback as NSString).appendingPathComponent(indexFileName)) ? fallback : nil
    }

    /// `path` relative to the working directory when it lies below it, so that layer
    /// sources read `content/dockerfiles/…` rather than a machine-specific absolute path.
    static func relativeToCurrentDirectory(_ path: String) -> String {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        guard path.hasPrefix(current + "/") else { return path }
        return String(path.dropFirst(current.count + 1))
    }
}
