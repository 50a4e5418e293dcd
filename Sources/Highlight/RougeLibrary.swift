import Foundation

/// Highlights code with Rouge, the highlighter Jekyll 4 runs (so a page's tokens are the
/// ones Jekyll writes, and Jekyll themes' stylesheets colour them as they colour Jekyll's),
/// through a small pool of long-lived Ruby processes (one per core at most) and a cache by
/// language and code. Ruby is optional at run time: when it or Rouge is missing, every
/// block is `.unavailable` and shown as escaped plain text in Rouge's markup.
///
/// Why a worker process: Rouge is a Ruby library with no C interface. Why Rouge rather than
/// Pygments (which Strata used before, for its Python start-up of 0.04 s against Ruby's
/// 0.3 s) or Debian's libsource-highlight (in-process, but no YAML, Swift, TypeScript or
/// TOML and only coarse classes): Rouge's lexers split tokens as Jekyll's pages do, and
/// it was measured at Pygments' cost per block; see docs/markdown.md.
public final class RougeLibrary: @unchecked Sendable {
    private struct Key: Hashable {
        var language: String
        var code: String
    }

    private let ruby: String
    private let maximumWorkers: Int
    private let condition = NSCondition()
    private var idle: [RougeWorker] = []
    private var running = 0
    private var unavailable = false
    /// Set once a block came out plain because no worker could answer it (none started, or
    /// one died): what this process wrote is not what a working Rouge would have written.
    private var missed = false
    private var cache: [Key: [HighlightToken]?] = [:]
    /// Answers Rouge gave since the cache was last taken (`answers`) or filled (`remember`).
    private var fresh = 0
    private var module: String?
    /// A preview server runs for hours; past this many blocks the cache starts over.
    private let cacheLimit = 20_000

    /// `ruby` is the interpreter to run (looked up on `PATH`).
    public init(ruby: String = "ruby", maximumWorkers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.ruby = ruby
        self.maximumWorkers = maximumWorkers
    }

    /// What Rouge made of one block.
    public enum Outcome: Sendable, Hashable {
        case highlighted([HighlightToken])
        /// Rouge has no lexer by that name (`find_fancy` is nil).
        case unknownLanguage
        /// Ruby or Rouge cannot run here.
        case unavailable
    }

    /// The tokens of `code` in `language`, the name as the author wrote it (Rouge's names
    /// and aliases, e.g. `ruby`, `ts`, `console?lang=ruby`; Rouge's lookup is case-sensitive).
    public func highlight(code: String, language: String) -> Outcome {
        let key = Key(language: language, code: code)
        condition.lock()
        if let known = cache[key] {
            condition.unlock()
            return known.map(Outcome.highlighted) ?? .unknownLanguage
        }
        condition.unlock()
        guard let worker = checkOut() else { return missedAnswer() }
        let answer = worker.tokens(code: code, language: language)
        checkIn(answer == nil ? nil : worker)
        guard let answer else { return missedAnswer() }
        condition.lock()
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = answer
        fresh += 1
        condition.unlock()
        return answer.map(Outcome.highlighted) ?? .unknownLanguage
    }

    private func missedAnswer() -> Outcome {
        condition.lock()
        missed = true
        condition.unlock()
        return .unavailable
    }

    /// True once a block was shown plain because Rouge could not answer (Ruby or Rouge
    /// missing, or a worker that died): a build cache must not keep such pages past the
    /// moment Rouge answers again. Starts nothing.
    public var missedAnswers: Bool {
        condition.lock()
        defer { condition.unlock() }
        return missed
    }

    /// Every answer cached so far, new or remembered.
    public func allAnswers() -> [Answer] {
        condition.lock()
        defer { condition.unlock() }
        fresh = 0
        return cache.map { Answer(language: $0.key.language, code: $0.key.code, tokens: $0.value) }
    }

    /// One answer of Rouge: `tokens` nil when it knows no such language.
    public struct Answer: Sendable, Hashable {
        public var language: String
        public var code: String
        public var tokens: [HighlightToken]?

        public init(language: String, code: String, tokens: [HighlightToken]?) {
            self.language = language
            self.code = code
            self.tokens = tokens
        }
    }

    /// Every answer cached so far, for a build to keep between runs (`.strata-cache/highlight`);
    /// nil when Rouge gave none since the last call or `remember` (nothing new to keep).
    public func newAnswers() -> [Answer]? {
        condition.lock()
        defer { condition.unlock() }
        guard fresh > 0 else { return nil }
        fresh = 0
        return cache.map { Answer(language: $0.key.language, code: $0.key.code, tokens: $0.value) }
    }

    /// Answers kept by an earlier run of the same Rouge (`moduleFile` unchanged): a block
    /// among them is never sent to a worker, so a build whose code did not change starts none.
    public func remember(_ answers: [Answer]) {
        condition.lock()
        defer { condition.unlock() }
        for answer in answers.prefix(max(0, cacheLimit - cache.count)) {
            cache[Key(language: answer.language, code: answer.code)] = answer.tokens
        }
    }

    /// The real path of the `rouge.rb` a worker of this library loaded (in a folder named for
    /// the gem's version); nil until one started.
    public var moduleFile: String? {
        condition.lock()
        defer { condition.unlock() }
        return module
    }

    /// The interpreter `ruby` names, found on `PATH` as `/usr/bin/env` finds it, with
    /// symbolic links resolved; nil when there is none.
    public var interpreterPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = ruby.contains("/") ? [ruby] : path.split(separator: ":").map { "\($0)/\(ruby)" }
        guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else { return nil }
        return URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    }

    /// Starts one worker on another thread, so Ruby's start-up (a third of a second)
    /// overlaps reading the site instead of delaying the first code block. Does nothing when
    /// answers are cached already (kept from an earlier build, or from this process's): a
    /// worker then starts only for a block not among them.
    public func prewarm() {
        condition.lock()
        let known = !cache.isEmpty
        condition.unlock()
        if known { return }
        Thread.detachNewThread { [self] in
            if let worker = checkOut() { checkIn(worker) }
        }
    }

    /// True once a worker failed to start (no Ruby, or no Rouge for it): every block
    /// asked for since came out plain. Starts nothing.
    public var hasFailedToStart: Bool {
        condition.lock()
        defer { condition.unlock() }
        return unavailable
    }

    /// True when Rouge runs here; starts a worker if none runs yet.
    public var isAvailable: Bool {
        guard let worker = checkOut() else { return false }
        checkIn(worker)
        return true
    }

    private func checkOut() -> RougeWorker? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if unavailable { return nil }
            if let worker = idle.popLast() { return worker }
            if running < maximumWorkers {
                running += 1
                // Start outside the lock: Ruby takes a third of a second to load Rouge.
                condition.unlock()
                let worker = RougeWorker(ruby: ruby)
                condition.lock()
                if let worker { module = worker.moduleFile }
                if worker == nil {
                    running -= 1
                    unavailable = true
                    condition.broadcast()
                }
                return worker
            }
            condition.wait()
        }
    }

    /// Returns a worker to the pool; nil when it died and is dropped.
    private func checkIn(_ worker: RougeWorker?) {
        condition.lock()
        if let worker { idle.append(worker) } else { running -= 1 }
        condition.signal()
        condition.unlock()
    }
}
