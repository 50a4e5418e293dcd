import Foundation

/// Runs `git` for the plugins that read a site's history (jekyll-last-modified-at,
/// jekyll-github-metadata), as the gems shell out to it.
enum Git {
    /// The standard output of `git -C folder ARGUMENTS`; nil when git is missing, fails, or
    /// `folder` is in no work tree. Standard error is dropped: outside a repository is an
    /// ordinary case, where the gems fall back silently too.
    static func output(_ arguments: [String], in folder: URL) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
