import Foundation

/// Modification times of the files under some paths, for `strata diagram --watch`: a
/// simple polling loop compares one snapshot with the next.
struct FileSnapshot: Equatable, Sendable {
    /// Path → modification time (seconds since 1970) for every regular file found.
    var times: [String: Double]

    init(times: [String: Double]) { self.times = times }

    /// Walks `paths` (files or folders, recursively); missing paths are simply absent.
    static func take(of paths: [String], fileManager: FileManager = .default) -> FileSnapshot {
        var times: [String: Double] = [:]
        func record(_ path: String) {
            if let attributes = try? fileManager.attributesOfItem(atPath: path),
               attributes[.type] as? FileAttributeType == .typeRegular,
               let date = attributes[.modificationDate] as? Date {
                times[path] = date.timeIntervalSince1970
            }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let children = (fileManager.enumerator(atPath: path)?.allObjects as? [String]) ?? []
                for child in children.sorted() { record(path + "/" + child) }
            } else {
                record(path)
            }
        }
        return FileSnapshot(times: times)
    }

    /// Paths added, removed or modified since `earlier`, sorted.
    func changes(since earlier: FileSnapshot) -> [String] {
        let keys = Set(times.keys).union(earlier.times.keys)
        return keys.filter { times[$0] != earlier.times[$0] }.sorted()
    }
}
