import Foundation

/// Where a render notes the unknown filters it passed over. Liquid 5.4 (and so Jekyll, whose
/// `strict_filters` is off by default) hands an unknown filter's input on unchanged, and
/// public themes rely on that (mediumish writes `| add: 1` and `| url_escape`, filters no
/// Jekyll has). With a log set, Strata does the same and records each call, so the caller
/// can warn once per place; without one, or with `strictFilters`, an unknown filter stays
/// a located error. Shared by the renders of one build, whichever threads they run on.
/// `LiquidConfiguration.laxParses` uses the same log for markup read by the lax parser.
public final class UnknownFilterLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var calls: [LiquidError] = []

    public init() {}

    /// Notes one call, once per file, line, column and name.
    func record(_ call: LiquidError) {
        let key = "\(call.file):\(call.line):\(call.column):\(call.message)"
        lock.lock()
        defer { lock.unlock() }
        if seen.insert(key).inserted { calls.append(call) }
    }

    /// The calls noted so far, in the order first seen (each with its file, line, column and
    /// `unknown` name), and the log emptied for the next build.
    public func take() -> [LiquidError] {
        lock.lock()
        defer { lock.unlock() }
        let taken = calls
        calls = []
        seen = []
        return taken
    }
}
