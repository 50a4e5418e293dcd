import Foundation

/// Opens a URL in the user's browser for `--open`.
enum BrowserOpener {
    /// Runs `open` (macOS) or `xdg-open` on `url`. The tool's own output is not passed on:
    /// without a browser `xdg-open` prints several lines of its own errors, where one note
    /// with the address is what the user can act on. `report` is told that note, from
    /// whichever thread sees the failure. `tool`: the opener's path (tests give another).
    static func open(_ url: String, tool: String = BrowserOpener.defaultTool, report: @escaping @Sendable (String) -> Void) {
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            report("note: cannot open a browser (\(tool) is missing); visit \(url)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { finished in
            if finished.terminationStatus != 0 {
                report("note: cannot open a browser (\(tool) exited with status \(finished.terminationStatus)); visit \(url)")
            }
        }
        do {
            try process.run()
        } catch {
            report("note: cannot open a browser (\(error.localizedDescription)); visit \(url)")
        }
    }

    #if os(macOS)
    static let defaultTool = "/usr/bin/open"
    #else
    static let defaultTool = "/usr/bin/xdg-open"
    #endif
}
