import Foundation

/// Polls `condition` every 20 ms until it holds or `seconds` pass: waiting for something
/// another thread does (a watcher's batch, a server's reply) without a fixed sleep.
public func eventually(within seconds: Double = 5, _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}
