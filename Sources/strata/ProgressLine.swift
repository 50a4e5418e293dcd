import Foundation
import Site

/// The line `strata build` keeps rewriting on a terminal while a long build runs:
/// `posts 4,200/10,000 (3,150/s)`. Shown only on a terminal (standard error), without
/// `--quiet`, and only once the build has taken half a second, so that pipes, logs and
/// quick builds see the summary line alone. Cleared before anything else is printed.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var shown = false

    static let delay: UInt64 = 500_000_000

    init(terminal: Terminal, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        enabled = isTerminal && terminal.verbosity != .quiet
    }

    /// The text for one report, without control characters.
    static func text(_ progress: BuildProgress) -> String {
        let rate = progress.rate >= 1 ? " (\(Int(progress.rate.rounded()).formatted())/s)" : ""
        return "\(progress.step) \(progress.done.formatted())/\(progress.total.formatted())\(rate)"
    }

    func show(_ progress: BuildProgress) {
        guard enabled, DispatchTime.now().uptimeNanoseconds - start >= ProgressLine.delay else { return }
        lock.lock()
        defer { lock.unlock() }
        shown = true
        // Carriage return, the text, then erase to the end of the line (ANSI EL).
        write("\r" + ProgressLine.text(progress) + "\u{1B}[K")
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        guard shown else { return }
        shown = false
        write("\r\u{1B}[K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
