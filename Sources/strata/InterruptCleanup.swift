import Dispatch
import Foundation
import Site

/// SIGINT (Ctrl-C) and SIGTERM during a build: the build's staging folder is removed before the process
/// exits with 128 + the signal's number (130, 143), as a shell reports a signal, so an interrupted build
/// leaves the previous `_site/` as it was and nothing beside it.
struct InterruptCleanup {
    private let sources: [any DispatchSourceSignal]
    /// Taken by a handler for good (it ends in `exit`) and by `remove()`, so the process cannot finish
    /// on the main thread while a handler is still deleting the staging folder.
    private let exiting = NSLock()

    /// Installs the handlers; they stay installed while the returned value is alive.
    init(destination: URL) {
        var sources: [any DispatchSourceSignal] = []
        let exiting = self.exiting
        for signalNumber in [SIGINT, SIGTERM] {
            // Dispatch delivers the signal on its own queue while the build runs on the main thread.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                exiting.lock()
                SiteWriter.abandonStaging(for: destination)
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Restores the default actions; waits for (and never returns from) a handler that is already running.
    func remove() {
        exiting.lock()
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
