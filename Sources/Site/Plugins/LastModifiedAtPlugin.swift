import Foundation
import Liquid

/// jekyll-last-modified-at (1.3): `page.last_modified_at` on every page, post and collection
/// document, and the `{% last_modified_at %}` / `{% last_modified_at %Y-%m-%d %}` tag, both
/// from the time of the last commit that touched the file (`git log -n 1 --format=%ct`, the
/// committer's time), or the file's modification time when it was never committed or the site
/// is not in a git work tree, as the gem's `Determinator` decides.
///
/// The gem starts one `git log` process per page; Strata starts one for the whole build
/// (`git log --name-only` over the site's folder, newest first, keeping each path's first
/// time), so a 10,000-post site costs one process, not 10,000. The answers are the same
/// except after merges whose sides changed one file at different times: the gem's
/// path-limited `log -n 1` simplifies history, the one walk takes the newest commit listing
/// the path, which is the same commit for a history without such merges.
///
/// The tag's format is its markup, else `last-modified-at: date-format:` in `_config.yml`,
/// else the gem's `%d-%b-%y`. The gem keeps the first text each file's tag gave for the rest of
/// the build (its `PATH_CACHE`), so a second tag with another format on the same page, such
/// as a layout's `{% last_modified_at %}` after one in the body, repeats the first one's text;
/// Strata does the same, since Jekyll's output is what a site was checked against.
struct LastModifiedAtPlugin: Sendable {
    static let name = "jekyll-last-modified-at"
    static let defaultFormat = "%d-%b-%y"

    /// Seconds since 1970 of the last commit touching each path, relative to the site's
    /// source folder (as `Document.relativePath`).
    let commitTimes: [String: Int]
    /// The folder those paths are relative to, for modification times.
    let source: URL
    /// `last-modified-at.date-format`, or the gem's default.
    let format: String
    let timeZone: TimeZone
    /// The tag's first text for each page, for this build.
    let formatted = FormattedDates()

    /// Nil when the plugin is not listed. Runs `git log` once in `source`.
    static func load(_ config: SiteConfiguration, source: URL) -> LastModifiedAtPlugin? {
        guard config.pluginList.has(name) else { return nil }
        var format = defaultFormat
        if case .object(let settings)? = config.values["last-modified-at"], case .string(let text)? = settings["date-format"] {
            format = text
        }
        return LastModifiedAtPlugin(commitTimes: commitTimes(in: source), source: source, format: format, timeZone: config.timeZone)
    }

    /// When the file at `relativePath` last changed: its last commit, else its modification
    /// time; nil when the file does not exist (the gem raises there; a generated page such as
    /// a paginator's second page has no file of its own and gets no date).
    func lastModified(_ relativePath: String) -> Date? {
        if let seconds = commitTimes[relativePath] { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        let path = source.appendingPathComponent(relativePath).path
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        // The gem reads `File.mtime(file).to_i`: whole seconds.
        return Date(timeIntervalSince1970: modified.timeIntervalSince1970.rounded(.down))
    }

    /// `page.last_modified_at`: a time, as the gem's `Determinator#to_liquid` gives one.
    func value(_ relativePath: String) -> Value? {
        lastModified(relativePath).map { .date(LiquidDate(instant: $0, timeZone: timeZone)) }
    }

    /// `{% last_modified_at [FORMAT] %}` for the page being rendered (`page.path`).
    func tag() -> CustomTag {
        CustomTag(name: "last_modified_at") { (invocation: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            let format = invocation.markup.isEmpty ? self.format : invocation.markup
            guard let path = context.variable("page.path").map(\.liquidString), let date = self.value(path) else { return "" }
            // Keyed by the time too, so that `strata serve` shows an edited file's new time (the
            // gem's cache lives as long as `jekyll serve` and keeps the first text for good).
            let key = "\(path)\u{0}\(date.liquidString)"
            if let text = self.formatted.text(for: key) { return text }
            let text = try context.text("last_modified_at | date: format", with: [("last_modified_at", date), ("format", .string(format))])
            return self.formatted.keep(text, for: key)
        }
    }

    /// Path → newest commit time, from one `git log` in `source` (paths relative to it and
    /// limited to it by `--relative`); empty when `source` is not in a work tree or git is
    /// missing, so every page falls back to its modification time, as in the gem.
    static func commitTimes(in source: URL) -> [String: Int] {
        // %x01 marks a commit's time: a path cannot hold NUL, and -z ends every record with one.
        guard let data = Git.output(["log", "--relative", "--name-only", "--no-renames", "-z", "--format=%x01%ct", "--", "."], in: source) else { return [:] }
        return parseLog(data)
    }

    /// Reads `git log -z --name-only --format=%x01%ct` output: a `\u{1}TIME` record per
    /// commit, then the paths it touched, each ended by NUL, the first after a newline.
    static func parseLog(_ data: Data) -> [String: Int] {
        var times: [String: Int] = [:]
        var current: Int?
        var firstPath = false
        for record in data.split(separator: 0, omittingEmptySubsequences: true) {
            var bytes = record[...]
            if bytes.first == 1 {
                current = Int(String(decoding: bytes.dropFirst(), as: UTF8.self))
                firstPath = true
                continue
            }
            if firstPath, bytes.first == UInt8(ascii: "\n") { bytes = bytes.dropFirst() }
            firstPath = false
            guard let time = current, !bytes.isEmpty else { continue }
            let path = String(decoding: bytes, as: UTF8.self)
            // Newest first: the first time seen for a path is its last commit's.
            if times[path] == nil { times[path] = time }
        }
        return times
    }
}

extension LastModifiedAtPlugin {
    /// For the build cache: jekyll-last-modified-at and jekyll-github-metadata read git's
    /// history (each file's last commit, `build_revision`), which the cache's file stamps do not
    /// see (`.git` is not an input), so a site whose configuration names either is built again
    /// when HEAD moves, or when one of the environment variables `site.github` reads changes.
    /// Nil, and no process started, for every other site.
    static func historyKey(configFiles: [URL], source: URL) -> String? {
        let names = [name, GitHubMetadataPlugin.name]
        guard configFiles.contains(where: { url in
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return false }
            return names.contains(where: text.contains)
        }) else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let variables = GitHubMetadataPlugin.environmentVariables.map { "\($0)=\(environment[$0] ?? "")" }.joined(separator: " ")
        let head = Git.output(["rev-parse", "HEAD"], in: source).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "-"
        return "git \(head) " + variables
    }
}

/// The gem's `PATH_CACHE`: the first text `{% last_modified_at %}` gave for each page path
/// (and time).
/// Pages render on several threads, each page's own tags in order, so one lock suffices.
final class FormattedDates: @unchecked Sendable {
    private var texts: [String: String] = [:]
    private let lock = NSLock()

    func text(for path: String) -> String? {
        lock.withLock { texts[path] }
    }

    /// Keeps `text` unless another thread kept one first; returns the kept one.
    func keep(_ text: String, for path: String) -> String {
        lock.withLock {
            if let kept = texts[path] { return kept }
            texts[path] = text
            return text
        }
    }
}
