import Foundation
import Testing
import StrataTestSupport
@testable import Preview

/// The session's writer swaps a changed output with a staged file and later rewrites the
/// file it swapped out, under an exclusive `flock` (Site's `FileWriting.rewrite`). A read
/// that opened the file just before the swap must never return those rewritten bytes.
@Suite(.serialized) struct FileReadingTests {
    /// Whether `/proc/locks` shows a process waiting for a lock on `inode`.
    private static func someoneWaits(on inode: UInt64) -> Bool {
        guard let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return false }
        return locks.split(separator: "\n").contains { line in
            line.contains("->") && line.split(separator: " ").contains { $0.hasSuffix(":\(inode)") }
        }
    }

    @Test func aReadOfAFileSwappedOutAndBeingRewrittenReadsTheFileNowInPlace() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("_site/page.html", "old page")
        try site.write("staged", "new page")
        guard case let .file(info) = SiteFileResolver(root: site.output).resolve(["page.html"], trailingSlash: false) else {
            Issue.record("page.html not found")
            return
        }
        // The writer is rewriting the old page (in the real writer, after swapping it out).
        let old = open(info.path, O_WRONLY)
        #expect(old >= 0)
        defer { close(old) }
        #expect(flock(old, LOCK_EX) == 0)

        let result = Locked<[UInt8]??>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let bytes = SiteFileResolver.contents(of: info)
            result.withLock { $0 = .some(bytes) }
            done.signal()
        }
        // The reader has opened the old page and waits for its lock.
        #expect(await eventually { Self.someoneWaits(on: info.inode) })
        #expect(rename(site.root + "/staged", info.path) == 0)
        #expect(ftruncate(old, 0) == 0)
        #expect(write(old, "half", 4) == 4)
        #expect(flock(old, LOCK_UN) == 0)
        done.wait()
        let bytes = result.withLock { $0 } ?? nil
        #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == "new page")
    }
}
