import Foundation

/// Every regular file below a folder, sorted, with its `/`-separated relative path.
enum FileWalk {
    struct File {
        var url: URL
        var relative: String
    }

    static func files(under root: URL) -> [File] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: []) else { return [] }
        let base = root.standardizedFileURL.path
        var found: [File] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            found.append(File(url: url.standardizedFileURL, relative: String(path.dropFirst(base.count + 1))))
        }
        return found.sorted { $0.relative < $1.relative }
    }
}
