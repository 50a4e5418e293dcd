import Diagnostics
import Foundation

/// What `build` and `serve` print, and how: `--quiet` keeps only errors, `--verbose` adds
/// the steps, and `error:`/`warning:` are coloured only when standard error is a terminal
/// and `NO_COLOR` (https://no-color.org) is unset or empty.
struct Terminal {
    enum Verbosity: Sendable { case quiet, normal, verbose }

    var verbosity: Verbosity = .normal
    var colour: Bool = Terminal.wantsColour()

    /// Colour only for a person at a terminal: not in pipes, files, CI logs or `TERM=dumb`.
    static func wantsColour(environment: [String: String] = ProcessInfo.processInfo.environment, isTerminal: Bool = isatty(STDERR_FILENO) == 1) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }

    /// A normal progress line (the build summary) on standard output; silent with `--quiet`.
    func info(_ line: String) {
        guard verbosity != .quiet else { return }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// A line only `--verbose` shows.
    func detail(_ line: String) {
        guard verbosity == .verbose else { return }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Warnings go to standard error; `--quiet` drops them.
    func warn(_ warnings: [Diagnostic]) {
        guard verbosity != .quiet else { return }
        for warning in warnings { Terminal.printError(paint(warning.rendered)) }
    }

    /// Errors are always printed, with a count of them.
    func report(_ list: DiagnosticList) {
        Terminal.printError(paint(list.description))
        let count = list.diagnostics.filter { $0.severity == .error }.count
        Terminal.printError("Build failed with \(count) error\(count == 1 ? "" : "s").")
    }

    /// Colours the first `error:`, `warning:` or `note:` label of each line (ANSI SGR).
    func paint(_ text: String) -> String {
        guard colour else { return text }
        let labels: [(String, String)] = [("error:", "1;31"), ("warning:", "1;33"), ("note:", "1;36")]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            for (label, code) in labels {
                guard let range = line.range(of: label) else { continue }
                // A label starts the line or follows a location's `: `.
                guard range.lowerBound == line.startIndex || line[..<range.lowerBound].hasSuffix(" ") else { continue }
                return line[..<range.lowerBound] + "\u{1B}[\(code)m\(label)\u{1B}[0m" + line[range.upperBound...]
            }
            return String(line)
        }.joined(separator: "\n")
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// For commands without options of their own: plain, normal verbosity.
    static func report(_ list: DiagnosticList) {
        Terminal().report(list)
    }
}
