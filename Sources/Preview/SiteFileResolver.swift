#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about a served file that the caching headers are made from.
struct ServedFileInfo: Equatable, Sendable {
    var path: String
    var size: Int
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var inode: UInt64
}

/// Where a request path leads inside the served folder.
enum Resolution: Equatable, Sendable {
    case file(ServedFileInfo)
    /// A folder asked for without its trailing slash.
    case folderWithoutSlash
    case notFound
}

/// Maps decoded path segments to files under the site root, never outside it: the real
/// path of every candidate (symlinks resolved) must lie inside the root's real path.
struct SiteFileResolver: Sendable {
    let root: String

    func resolve(_ segments: [String], trailingSlash: Bool) -> Resolution {
        guard let realRoot = SiteFileResolver.realPath(root) else { return .notFound }
        let candidate = segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
        guard let real = SiteFileResolver.realPath(candidate) else {
            // `/about` answered by `about.html`, as `jekyll serve` (and GitHub Pages) answer it,
            // so that extensionless links written for those hosts work in the preview too.
            if !trailingSlash, let last = segments.last, !last.isEmpty, !last.hasSuffix(".html") {
                return resolve(segments.dropLast() + [last + ".html"], trailingSlash: false)
            }
            return .notFound
        }
        guard contains(realRoot, real) else { return .notFound }
        guard let info = SiteFileResolver.status(real) else { return .notFound }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if !trailingSlash && !segments.isEmpty { return .folderWithoutSlash }
            let index = real + "/index.html"
            guard let realIndex = SiteFileResolver.realPath(index), contains(realRoot, realIndex),
                  let indexInfo = SiteFileResolver.status(realIndex), indexInfo.st_mode & S_IFMT == S_IFREG
            else { return .notFound }
            return .file(SiteFileResolver.fileInfo(realIndex, indexInfo))
        case S_IFREG:
            // `page.html/` names no folder; answering it would give relative links a wrong base.
            if trailingSlash { return .notFound }
            return .file(SiteFileResolver.fileInfo(real, info))
        default:
            return .notFound
        }
    }

    /// The root's own `404.html`, when it has one.
    func notFoundPage() -> ServedFileInfo? {
        if case let .file(info) = resolve(["404.html"], trailingSlash: false) { return info }
        return nil
    }

    private func contains(_ realRoot: String, _ real: String) -> Bool {
        real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }

    /// Reads a resolved file. O_NOFOLLOW refuses a symlink swapped in since the check.
    ///
    /// The preview's writer swaps a changed output with a staged file and later rewrites the
    /// file it swapped out in place, under an exclusive `flock` (Site's `FileWriting.rewrite`).
    /// So the file is read under a shared `flock`, taken once the file is known to be still
    /// the one at `info.path`: a file swapped out between `open` and the lock is opened again,
    /// and one swapped out while it is read cannot be rewritten until the read is done.
    static func contents(of info: ServedFileInfo) -> [UInt8]? {
        for _ in 0..<8 {
            let descriptor = open(info.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            while flock(descriptor, LOCK_SH) != 0 {
                guard errno == EINTR else { return nil }
            }
            var opened = stat(), current = stat()
            guard fstat(descriptor, &opened) == 0 else { return nil }
            guard lstat(info.path, &current) == 0 else { return nil }
            guard opened.st_ino == current.st_ino, opened.st_dev == current.st_dev else { continue }
            return readAll(descriptor, expecting: info.size)
        }
        return nil
    }

    private static func readAll(_ descriptor: Int32, expecting size: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: max(4096, min(size + 1, 1 << 20)))
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    private static func fileInfo(_ path: String, _ info: stat) -> ServedFileInfo {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return ServedFileInfo(
            path: path,
            size: Int(info.st_size),
            modifiedSeconds: Int(modified.tv_sec),
            modifiedNanoseconds: Int(modified.tv_nsec),
            inode: UInt64(info.st_ino)
        )
    }
}
