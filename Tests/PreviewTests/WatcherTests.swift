import Foundation
import StrataTestSupport
import Testing
@testable import Preview

/// The watcher on its own: batches are collected from its callback.
@Suite(.serialized) struct WatcherTests {
    private final class Collected: @unchecked Sendable {
        let batches = Locked<[ChangeBatch]>([])
        var all: ChangeBatch { batches.withLock { $0.reduce(into: ChangeBatch()) { $0.merge($1) } } }
        var count: Int { batches.withLock { $0.count } }
    }

    private func watch(
        _ folder: String, poll: Bool = false, watchLimit: Int? = nil, debounce: Duration = .milliseconds(50),
        messages: Locked<[String]> = Locked([])
    ) -> (FileWatcher, Collected) {
        let collected = Collected()
        let watcher = FileWatcher(
            folders: [folder], filter: WatchFilter(ignoredNames: ["_site"], ignoredPaths: []),
            poll: poll, pollInterval: .milliseconds(50), debounce: debounce,
            inotifyWatchLimit: watchLimit, report: { line in messages.withLock { $0.append(line) } }
        )
        watcher.start { batch in collected.batches.withLock { $0.append(batch) } }
        return (watcher, collected)
    }

    @Test(arguments: [false, true])
    func filesInFoldersCreatedLaterAreSeen(poll: Bool) async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let (watcher, collected) = watch(site.source, poll: poll)
        defer { watcher.stop() }
        #expect(watcher.mode == (poll ? .polling : .inotify))
        try FileManager.default.createDirectory(atPath: site.source + "/new/deeper", withIntermediateDirectories: true)
        try site.write("src/new/deeper/post.md", "one")
        #expect(await eventually { collected.all.paths.contains(site.source + "/new/deeper/post.md") })
        // The new folder is watched too: a file created in it later is reported.
        try site.write("src/new/deeper/later.md", "two")
        #expect(await eventually { collected.all.paths.contains(site.source + "/new/deeper/later.md") })
    }

    @Test func atomicSavesByRenameAreSeen() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("src/post.md", "old")
        let (watcher, collected) = watch(site.source)
        defer { watcher.stop() }
        // What editors do: write a scratch file, then rename it over the original.
        try site.write("src/.post.md.swp", "scratch")
        try site.write("src/post.md.tmp123", "new")
        #expect(rename(site.source + "/post.md.tmp123", site.source + "/post.md") == 0)
        #expect(await eventually { collected.all.paths.contains(site.source + "/post.md") })
        #expect(!collected.all.paths.contains(site.source + "/.post.md.swp"))
        // The scratch file came and went: the save is the saved file alone, and the
        // terminal names it (batches merged in order, however the thread grouped them).
        #expect(collected.all.paths == [site.source + "/post.md"])
        let line = RebuildLoop.summary(of: BuildReport(siteRoot: site.output, changedOutputs: ["post.html"]),
                                       trigger: Set(collected.all.paths.map { String($0.dropFirst(site.source.count + 1)) }))
        #expect(line == "built after post.md changed: 1 output changed in 0 ms")
    }

    /// Every way an editor saves, read straight from the change source (all its events,
    /// merged in order): the file saved is the one change.
    @Test(arguments: [false, true])
    func savesByRenameAreTheSavedFileAlone(poll: Bool) throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write("src/post.md", "old")
        try site.write("src/other.md", "old")
        let filter = WatchFilter(ignoredNames: [], ignoredPaths: [])
        #if os(Linux)
        let source: ChangeSource = poll
            ? PollingSource(folders: [site.source], filter: filter, interval: .milliseconds(1))
            : try InotifySource(folders: [site.source], filter: filter)
        #else
        let source: ChangeSource = PollingSource(folders: [site.source], filter: filter, interval: .milliseconds(1))
        #endif
        defer { source.close() }
        // gedit and GIO: `.goutputstream-X`; JetBrains: `post.md___jb_tmp___`; others `post.md.tmp123`.
        try site.write("src/.goutputstream-AB12", "new")
        #expect(rename(site.source + "/.goutputstream-AB12", site.source + "/post.md") == 0)
        // vim's `backupcopy=no`: the original moved aside, a new file written in its place.
        #expect(rename(site.source + "/other.md", site.source + "/other.md.bak") == 0)
        try site.write("src/other.md", "new")
        #expect(unlink(site.source + "/other.md.bak") == 0)
        var batch = ChangeBatch()
        // Polling needs two scans to see a change; inotify has it all at once.
        for _ in 0..<(poll ? 3 : 1) { batch.merge(source.wait(timeout: .milliseconds(100))) }
        #expect(batch.paths == [site.source + "/post.md", site.source + "/other.md"])
    }

    /// The real thread delivers a lone save and a burst after it.
    @Test func aLoneSaveAndABurstAfterItAreDelivered() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let (watcher, collected) = watch(site.source, debounce: .milliseconds(600))
        defer { watcher.stop() }
        try site.write("src/first.md", "text")
        #expect(await eventually { collected.all.paths.contains(site.source + "/first.md") })
        for index in 0..<5 { try site.write("src/post\(index).md", "text") }
        let burst = Set((0..<5).map { site.source + "/post\($0).md" })
        // How they are grouped depends on when the thread reads them; only DebouncerTests,
        // with time stepped by hand, can assert the grouping without depending on load.
        #expect(await eventually { collected.all.paths.isSuperset(of: burst) })
    }

    @Test func ignoredFoldersAreNotWatched() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try FileManager.default.createDirectory(atPath: site.source + "/_site", withIntermediateDirectories: true)
        let (watcher, collected) = watch(site.source)
        defer { watcher.stop() }
        try site.write("src/_site/index.html", "output")
        try site.write("src/post.md", "input")
        // Events arrive in order: had the output been watched, its change would be
        // delivered no later than the source written after it.
        #expect(await eventually { collected.all.paths.contains(site.source + "/post.md") })
        #expect(collected.all.paths == [site.source + "/post.md"])
    }

    @Test func reachingTheWatchLimitNamesTheSysctlAndFallsBackToPolling() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try FileManager.default.createDirectory(atPath: site.source + "/a/b", withIntermediateDirectories: true)
        let messages = Locked<[String]>([])
        let (watcher, collected) = watch(site.source, watchLimit: 2, messages: messages)
        defer { watcher.stop() }
        #expect(watcher.mode == .polling)
        let text = messages.withLock { $0.joined(separator: "\n") }
        #expect(text.contains("fs.inotify.max_user_watches"))
        #expect(text.contains("polling"))
        try site.write("src/a/b/post.md", "still seen")
        #expect(await eventually { collected.all.paths.contains(site.source + "/a/b/post.md") })
    }

    #if os(Linux)
    @Test func meetingTheWatchLimitWhileRunningSwitchesToPollingAndRebuildsAll() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let messages = Locked<[String]>([])
        let (watcher, collected) = watch(site.source, watchLimit: 2, messages: messages)
        defer { watcher.stop() }
        #expect(watcher.mode == .inotify)
        try FileManager.default.createDirectory(atPath: site.source + "/first", withIntermediateDirectories: true)
        #expect(await eventually { collected.count == 1 })
        try FileManager.default.createDirectory(atPath: site.source + "/second", withIntermediateDirectories: true)
        #expect(await eventually { watcher.mode == .polling })
        #expect(await eventually { collected.all.needsFullRebuild })
        #expect(messages.withLock { $0.contains { $0.contains("fs.inotify.max_user_watches") } })
        let before = collected.count
        try site.write("src/second/post.md", "seen by polling")
        #expect(await eventually { collected.count > before && collected.all.paths.contains(site.source + "/second/post.md") })
    }

    @Test func aQueueOverflowAsksForAFullRebuild() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let source = try InotifySource(folders: [site.source], filter: WatchFilter(ignoredNames: [], ignoredPaths: []))
        defer { source.close() }
        // Each new file makes two events; without reading, the kernel's queue overflows.
        let limit = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 16384
        try #require(limit <= 70_000, "max_queued_events is too large to overflow quickly here")
        for index in 0...(limit / 2 + 10) {
            let descriptor = open(site.source + "/f\(index)", O_CREAT | O_WRONLY, 0o644)
            close(descriptor)
        }
        var batch = ChangeBatch()
        for _ in 0..<10 { batch.merge(source.wait(timeout: .milliseconds(50))) }
        #expect(batch.needsFullRebuild)
    }
    #endif
}

@Suite struct WatchFilterTests {
    @Test func outputsStagingFoldersAndEditorScratchFilesAreSkipped() {
        let filter = WatchFilter(ignoredNames: [".git"], ignoredPaths: ["/site/out"], ignoredPrefixes: [".strata-", "_site"])
        for name in [".git", "_site", "_site.tmp", ".strata-cache", "post.md~", ".post.md.swp", "4913", ".#post.md", "#post.md#"] {
            #expect(filter.ignores(name: name), "\(name) should be skipped")
        }
        for name in ["post.md", "site.css", "_layouts", "_posts"] {
            #expect(!filter.ignores(name: name), "\(name) should be watched")
        }
        #expect(filter.ignores(path: "/site/out"))
        #expect(filter.ignores(path: "/site/out/index.html"))
        #expect(!filter.ignores(path: "/site/outline.md"))
    }

    /// The folders the writers of the output stage in beside it (SiteWriter's
    /// `._site.strata-new-PID`) are the preview's own writes, not edits.
    @Test func theOutputsStagingFoldersAreSkipped() {
        let filter = WatchFilter(ignoredNames: [], ignoredPaths: ["/site/_site"], ignoredPrefixes: [".strata-"] + WatchFilter.outputPrefixes("/site/_site"))
        for name in ["._site.strata-new-4242", "._site.strata-old-4242", "_site.tmp", ".strata-cache"] {
            #expect(filter.ignores(name: name), "\(name) should be skipped")
        }
        for name in ["._sitemap.md", ".well-known", "site.md"] {
            #expect(!filter.ignores(name: name), "\(name) should be watched")
        }
    }
}

@Suite struct ChangeBatchTests {
    @Test func aFileThatCameAndWentIsNoChange() {
        var batch = ChangeBatch()
        batch.record(.appeared, "/s/post.md.tmp1")
        batch.record(.changed, "/s/post.md.tmp1")
        batch.record(.vanished, "/s/post.md.tmp1")
        batch.record(.appeared, "/s/post.md")
        #expect(batch.paths == ["/s/post.md"])
        // A new post written and deleted before the build is nothing to build either.
        batch.record(.appeared, "/s/draft.md")
        batch.record(.vanished, "/s/draft.md")
        #expect(batch.paths == ["/s/post.md"])
    }

    @Test func aFileThatWasThereBeforeStaysAChange() {
        var batch = ChangeBatch()
        // Deleted (the build had it) then written anew: a change.
        batch.record(.vanished, "/s/post.md")
        batch.record(.appeared, "/s/post.md")
        // Written, then deleted: the build must drop it.
        batch.record(.changed, "/s/old.md")
        batch.record(.vanished, "/s/old.md")
        #expect(batch.paths == ["/s/post.md", "/s/old.md"])
    }

    /// Batches the watcher delivered apart and the queue merged: the scratch file appeared in
    /// the first and went in the second.
    @Test func mergingInOrderDropsAScratchFileAcrossBatches() async {
        var first = ChangeBatch()
        first.record(.appeared, "/s/.goutputstream-X")
        var second = ChangeBatch()
        second.record(.vanished, "/s/.goutputstream-X")
        second.record(.appeared, "/s/post.md")
        first.merge(second)
        #expect(first.paths == ["/s/post.md"])
        let queue = ChangeQueue()
        var appeared = ChangeBatch()
        appeared.record(.appeared, "/s/a.md")
        var gone = ChangeBatch()
        gone.record(.vanished, "/s/a.md")
        queue.add(appeared)
        queue.add(gone)
        queue.add(ChangeBatch(paths: ["/s/b.md"]))
        #expect(await queue.next()?.paths == ["/s/b.md"])
    }
}

@Suite struct ChangeQueueTests {
    @Test func batchesAddedBeforeAskingAreMerged() async {
        let queue = ChangeQueue()
        queue.add(ChangeBatch(paths: ["/a"]))
        queue.add(ChangeBatch(paths: ["/b"], needsFullRebuild: true))
        let batch = await queue.next()
        #expect(batch == ChangeBatch(paths: ["/a", "/b"], needsFullRebuild: true))
    }

    @Test func closingWakesAWaiter() async {
        let queue = ChangeQueue()
        let waiter = Task { await queue.next() }
        #expect(await eventually { queue.isWaiting })
        queue.close()
        #expect(await waiter.value == nil)
    }

    @Test func cancellingTheWaiterEndsIt() async {
        let queue = ChangeQueue()
        let waiter = Task { await queue.next() }
        #expect(await eventually { queue.isWaiting })
        waiter.cancel()
        #expect(await waiter.value == nil)
    }
}
