import Foundation

/// Highlights code with Pygments, whose token classes Rouge copied, through a small pool
/// of long-lived worker processes (one per core at most) and a cache by language and
/// code. Python is optional at run time: when it or Pygments is missing, `tokens`
/// returns nil and code is shown as escaped plain text.
///
/// Why not in-process: Debian's libsource-highlight (C++) was measured at 0.25 ms per
/// 20-line block against Pygments' 0.6 ms, but it has no YAML, Swift, TypeScript or TOML
/// and only coarse classes (no `nf`, `s2`, `si`…); see docs/markdown.md.
public final class PygmentsLibrary: @unchecked Sendable {
    private struct Key: Hashable {
        var language: String
        var code: String
    }

    private let python: String
    private let maximumWorkers: Int
    private let condition = NSCondition()
    private var idle: [PygmentsWorker] = []
    private var running = 0
    private var unavailable = false
    /// Set once a block came out plain because no worker could answer it (none started, or
    /// one died): what this process wrote is not what a working Pygments would have written.
    private var missed = false
    private var cache: [Key: [HighlightToken]?] = [:]
    /// Answers Pygments gave since the cache was last taken (`answers`) or filled (`remember`).
    private var fresh = 0
    private var module: String?
    /// A preview server runs for hours; past this many blocks the cache starts over.
    private let cacheLimit = 20_000

    /// `python` is the interpreter to run (looked up on `PATH`).
    public init(python: String = "python3", maximumWorkers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.python = python
        self.maximumWorkers = maximumWorkers
    }

    /// What Pygments made of one block.
    public enum Outcome: Sendable, Hashable {
        case highlighted([HighlightToken])
        /// Pygments has no lexer by that name.
        case unknownLanguage
        /// Python or Pygments cannot run here.
        case unavailable
    }

    /// The tokens of `code` in `language` (Pygments' alias, e.g. `ruby`, `ts`).
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

    /// True once a block was shown plain because Pygments could not answer (Python or
    /// Pygments missing, or a worker that died): a build cache must not keep such pages past
    /// the moment Pygments answers again. Starts nothing.
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

    /// One answer of Pygments: `tokens` nil when it knows no such language.
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
    /// nil when Pygments gave none since the last call or `remember` (nothing new to keep).
    public func newAnswers() -> [Answer]? {
        condition.lock()
        defer { condition.unlock() }
        guard fresh > 0 else { return nil }
        fresh = 0
        return cache.map { Answer(language: $0.key.language, code: $0.key.code, tokens: $0.value) }
    }

    /// Answers kept by an earlier run of the same Pygments (`moduleFile` unchanged): a block
    /// among them is never sent to a worker, so a build whose code did not change starts none.
    public func remember(_ answers: [Answer]) {
        condition.lock()
        defer { condition.unlock() }
        for answer in answers.prefix(max(0, cacheLimit - cache.count)) {
            cache[Key(language: answer.language, code: answer.code)] = answer.tokens
        }
    }

    /// The `__init__.py` of the Pygments a worker of this library imported; nil until one started.
    public var moduleFile: String? {
        condition.lock()
        defer { condition.unlock() }
        return module
    }

    /// The interpreter `python` names, found on `PATH` as `/usr/bin/env` finds it, with
    /// symbolic links resolved; nil when there is none.
    public var interpreterPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = python.contains("/") ? [python] : path.split(separator: ":").map { "\($0)/\(python)" }
        guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else { return nil }
        return URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    }

    /// Starts one worker on another thread, so Python's start-up (a quarter of a second)
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

    /// True once a worker failed to start (no Python, or no Pygments in it): every block
    /// asked for since came out plain. Starts nothing.
    public var hasFailedToStart: Bool {
        condition.lock()
        defer { condition.unlock() }
        return unavailable
    }

    /// True when Pygments runs here; starts a worker if none runs yet.
    public var isAvailable: Bool {
        guard let worker = checkOut() else { return false }
        checkIn(worker)
        return true
    }

    private func checkOut() -> PygmentsWorker? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if unavailable { return nil }
            if let worker = idle.popLast() { return worker }
            if running < maximumWorkers {
                running += 1
                // Start outside the lock: Python takes a quarter of a second to import Pygments.
                condition.unlock()
                let worker = PygmentsWorker(python: python)
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
    private func checkIn(_ worker: PygmentsWorker?) {
        condition.lock()
        if let worker { idle.append(worker) } else { running -= 1 }
        condition.signal()
        condition.unlock()
    }
}
