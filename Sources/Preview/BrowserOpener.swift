import Foundation

/// Opens a URL in the user's browser for `--open`.
enum BrowserOpener {
    static func open(_ url: String, report: @Sendable (String) -> Void) {
        #if os(macOS)
        let tool = "/usr/bin/open"
        #else
        let tool = "/usr/bin/xdg-open"
        #endif
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            report("note: cannot open a browser (\(tool) is missing); visit \(url)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url]
        do {
            try process.run()
        } catch {
            report("note: cannot open a browser (\(error.localizedDescription)); visit \(url)")
        }
    }
}
