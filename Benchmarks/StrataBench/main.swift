// Renders the seed post through its layout chain many times: `scripts/bench-liquid.sh`
// (release build). Reports medians, not means, so a noisy neighbour moves them less.
import Foundation
import Glibc
import Highlight
import Site

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

let arguments = CommandLine.arguments

// `StrataBench session ROOT POST [EDITS] [LAYOUT]`: the preview session's rebuild after editing
// the text of one post (not its front matter or excerpt), as the preview server runs it; with
// LAYOUT (a path under ROOT), also after editing that layout (a comment added at its end).
if arguments.count > 3, arguments[1] == "session" {
    let root = URL(fileURLWithPath: arguments[2], isDirectory: true)
    let post = root.appendingPathComponent(arguments[3])
    let edits = arguments.count > 4 ? Int(arguments[4]) ?? 20 : 20
    let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: root)))
    let first = session.build(changed: [], fullRebuild: true)
    if let failure = first.failure { print(failure); exit(1) }
    print(String(format: "full build: %.1f ms", first.seconds * 1000))
    guard let original = try? String(contentsOf: post, encoding: .utf8) else { print("cannot read \(post.path)"); exit(1) }
    var times: [Double] = []
    var rendered = 0
    for edit in 0..<edits {
        try? (original + "\nEdit number \(edit).\n").write(to: post, atomically: false, encoding: .utf8)
        let outcome = session.build(changed: [arguments[3]], fullRebuild: false)
        if let failure = outcome.failure { print(failure); exit(1) }
        times.append(outcome.seconds * 1000)
        rendered = outcome.renderedDocuments
    }
    try? original.write(to: post, atomically: false, encoding: .utf8)
    print(String(format: "one-post edit: median %.1f ms over %d edits (%d documents rendered each)", median(times), edits, rendered))
    if arguments.count > 5 {
        let layout = root.appendingPathComponent(arguments[5])
        guard let source = try? String(contentsOf: layout, encoding: .utf8) else { print("cannot read \(layout.path)"); exit(1) }
        var layoutTimes: [Double] = []
        var written = 0
        var full = false
        for edit in 0..<edits {
            try? (source + "<!-- edit \(edit) -->\n").write(to: layout, atomically: false, encoding: .utf8)
            let outcome = session.build(changed: [arguments[5]], fullRebuild: false)
            if let failure = outcome.failure { print(failure); exit(1) }
            layoutTimes.append(outcome.seconds * 1000)
            rendered = outcome.renderedDocuments
            written = outcome.changedOutputs.count
            full = full || outcome.fullRender
        }
        try? source.write(to: layout, atomically: false, encoding: .utf8)
        print(String(format: "layout edit: median %.1f ms over %d edits (%d documents rendered, %d files written each; %@)",
                     median(layoutTimes), edits, rendered, written, full ? "a full render" : "the fast path"))
    }
    exit(0)
}
// `StrataBench highlight LANGUAGE FILE [BLOCKS]`: the cost of one code block, each block
// made unique (a numbered last line) so the answer cache never answers.
if arguments.count > 3, arguments[1] == "highlight" {
    guard let code = try? String(contentsOfFile: arguments[3], encoding: .utf8) else { print("cannot read \(arguments[3])"); exit(1) }
    let blocks = arguments.count > 4 ? Int(arguments[4]) ?? 1000 : 1000
    let highlighter = Highlighter.shared
    _ = highlighter.codeBlockHTML(code: code, language: arguments[2])  // starts Ruby outside the timing
    var times: [Double] = []
    for block in 0..<blocks {
        let unique = code + "# \(block)\n"
        let start = DispatchTime.now().uptimeNanoseconds
        _ = highlighter.codeBlockHTML(code: unique, language: arguments[2])
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let lines = code.split(separator: "\n").count + 1
    print(String(format: "%@ (%d lines): median %.3f ms per block over %d blocks", arguments[2], lines, median(times), blocks))
    exit(0)
}
// `StrataBench ROOT [RENDERS] [POST]`: one post through Liquid, Markdown and its layout chain,
// as `strata serve` renders it again when it is saved (read, render, compare with the written
// file), timed render by render. The site is copied to a temporary folder first, because each
// render needs a saved change (an unchanged post renders nothing) and the bench must not touch
// ROOT; its last line changes between renders, outside the timing.
let root = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : ".", isDirectory: true)
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
let post = arguments.count > 3 ? arguments[3] : "content/_posts/2021-03-07-docker-images-vs-containers.md"
let work = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-\(getpid())")
func finish(_ status: Int32, _ message: String) -> Never {
    print(message)
    try? FileManager.default.removeItem(at: work)
    exit(status)
}
do {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    for folder in ["content", "templates", "assets"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path) {
        try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
    }
} catch {
    finish(1, "cannot copy the site: \(error)")
}
let postURL = work.appendingPathComponent(post)
guard let original = try? String(contentsOf: postURL, encoding: .utf8) else { finish(1, "cannot read \(post) under \(root.path)") }
let session = SiteSession(builder: SiteBuilder(layout: SiteFolders.detect(root: work)))
let first = session.build(changed: [], fullRebuild: true)
if let failure = first.failure { finish(1, failure.description) }

/// Saves the post with a new last line (`save` numbers them), then times the preview's render of it.
func renderPost(_ save: Int) -> Double? {
    guard (try? (original + "\nRender \(save).\n").write(to: postURL, atomically: false, encoding: .utf8)) != nil else { return nil }
    let start = DispatchTime.now().uptimeNanoseconds
    let outcome = session.build(changed: [post], fullRebuild: false)
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return outcome.failure == nil && !outcome.fullRender && outcome.renderedDocuments >= 1 ? milliseconds : nil
}
// Warm up, then time each render on its own.
for save in 0..<50 { _ = renderPost(save) }
var times: [Double] = []
times.reserveCapacity(iterations)
for save in 50..<(50 + iterations) {
    guard let milliseconds = renderPost(save) else { finish(1, "render failed or fell back to a full build") }
    times.append(milliseconds)
}
finish(0, String(format: "seed post through its layout chain, as serve renders it on save: median %.3f ms, p10 %.3f ms, p90 %.3f ms over %d renders",
                  median(times), times.sorted()[iterations / 10], times.sorted()[iterations * 9 / 10], iterations))
// Allocations per render are counted by scripts/bench-liquid.sh under valgrind, which
// runs this program twice with different render counts and divides the difference.
// That layouts and includes are parsed once per build, not per render, is tested by
// SiteTests' TemplateCacheTests.
