import Foundation

/// The entries below a folder as `readdir` reports them: one system call per batch of entries
/// and no `stat` when the file system gives each entry's type (ext4, xfs, btrfs, tmpfs do).
/// FileManager's enumerator with `resourceValues` made a URL and two `stat`s per file: a fifth
/// of a cached one-post build at 10,000 posts (Benchmarks/PROFILE.md).
enum ContentWalk {
    enum Kind: Equatable {
        case file
        case symbolicLink
        /// The name is not UTF-8: it is kept as text with U+FFFD in place of the bad bytes
        /// (a name that opens nothing), and a folder so named is not walked.
        case notUTF8
    }

    struct Entry {
        /// `/`-separated, relative to the walked folder.
        var relative: String
        var kind: Kind
    }

    /// Every regular file, symbolic link and badly named entry below `root`, in no particular
    /// order; folders reached through links are not walked. Empty when `root` cannot be read.
    static func entries(under root: String) -> [Entry] {
        var found: [Entry] = []
        walk(root, relative: "", into: &found)
        return found
    }

    private static func walk(_ folder: String, relative: String, into found: inout [Entry]) {
        guard let handle = opendir(folder) else { return }
        defer { closedir(handle) }
        let descriptor = dirfd(handle)
        var folders: [(String, String)] = []
        while let entry = readdir(handle) {
            let (bytes, type) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                (Array(raw.prefix(while: { $0 != 0 })), entry.pointee.d_type)
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                found.append(Entry(relative: join(relative, String(decoding: bytes, as: UTF8.self)), kind: .notUTF8))
                continue
            }
            let path = join(relative, name)
            var kind = Int32(type)
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = Int32(DT_DIR)
                case S_IFREG: kind = Int32(DT_REG)
                case S_IFLNK: kind = Int32(DT_LNK)
                default: continue
                }
            }
            switch kind {
            case Int32(DT_DIR): folders.append((folder + "/" + name, path))
            case Int32(DT_REG): found.append(Entry(relative: path, kind: .file))
            case Int32(DT_LNK): found.append(Entry(relative: path, kind: .symbolicLink))
            default: continue
            }
        }
        for (full, path) in folders {
            walk(full, relative: path, into: &found)
        }
    }

    private static func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }
}
