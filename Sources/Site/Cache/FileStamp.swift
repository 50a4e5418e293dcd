import Foundation

/// What `stat` says about a file, as git's index keeps it: a file whose stamp is unchanged
/// is taken to be unchanged. A file modified within `racyWindow` of the moment its stamp was
/// taken could change again without its stamp changing (timestamps advance in clock ticks),
/// so such a file also carries a hash of its bytes, checked next time.
struct FileStamp: Hashable, Sendable {
    var size: Int64
    /// Modification and status-change times, in nanoseconds since 1970.
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var hash: ContentHash?

    static let racyWindow: Int64 = 2_000_000_000

    /// The stamp of `path` (following a symbolic link); nil when it does not exist.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 || lstat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, hash: ContentHash?) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.hash = hash
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
        hash = nil
    }

    /// Whether the file may still change within its current timestamps, seen at `now`
    /// (nanoseconds since 1970).
    func isRacy(at now: Int64) -> Bool {
        max(modified, changed) >= now - FileStamp.racyWindow
    }

    /// Whether the file at `path`, whose stamp is now `current`, still holds what this
    /// stamp recorded.
    func matches(_ current: FileStamp, at path: String) -> Bool {
        guard size == current.size, modified == current.modified, changed == current.changed, inode == current.inode else { return false }
        guard let hash else { return true }
        return ContentHash.ofFile(path) == hash
    }

    static func nowNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// Every file under a folder with its stamp, by `/`-separated path relative to the folder,
/// read with `readdir` and `fstatat` (FileManager's enumerator costs several times as much
/// on a 10,000-post site).
enum FileTree {
    /// Walks `root`, skipping the folders for which `skip(fullPath, name)` holds, and folders
    /// reached through symbolic links (the reader does not walk them either). Paths that
    /// name files in a linked folder are stamped as links to folders: their contents are
    /// outside what the reader can read.
    static func stamps(under root: String, skip: (String, String) -> Bool = { _, _ in false }) -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        walk(root, relative: "", skip: skip, into: &result)
        return result
    }

    private static func walk(_ folder: String, relative: String, skip: (String, String) -> Bool, into result: inout [String: FileStamp]) {
        guard let handle = opendir(folder) else { return }
        defer { closedir(handle) }
        let descriptor = dirfd(handle)
        var folders: [(String, String)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = folder + "/" + name
            let path = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                if !skip(full, name) { folders.append((full, path)) }
                continue
            }
            if type == S_IFLNK {
                var target = stat()
                if fstatat(descriptor, name, &target, 0) == 0 {
                    // A link's stamp is its target's; a changed link also changes its own times.
                    var stamp = FileStamp(target)
                    var own = FileStamp(info)
                    own.hash = nil
                    stamp.changed = max(stamp.changed, own.changed)
                    result[path] = stamp
                } else {
                    result[path] = FileStamp(info)
                }
                continue
            }
            result[path] = FileStamp(info)
        }
        for (full, path) in folders {
            walk(full, relative: path, skip: skip, into: &result)
        }
    }
}
