import Hummingbird

/// Keeps the final bytes of recently served files (live-reload script included), keyed by
/// path and checked against the file's validator, so a page asked for again is not read
/// and rewritten. Any change to the file (inode, size, mtime) or to the overlay changes the
/// validator, so a stale entry is never served.
final class ResponseCache: Sendable {
    private struct Entry {
        var validator: String
        var body: ByteBuffer
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = Locked(State())
    private let capacity: Int
    private let largestEntry: Int

    init(capacity: Int = 64 << 20, largestEntry: Int = 2 << 20) {
        self.capacity = capacity
        self.largestEntry = largestEntry
    }

    func body(for path: String, validator: String) -> ByteBuffer? {
        state.withLock { state in
            guard let entry = state.entries[path], entry.validator == validator else { return nil }
            return entry.body
        }
    }

    func store(_ body: ByteBuffer, for path: String, validator: String) {
        guard body.readableBytes <= largestEntry else { return }
        state.withLock { state in
            if let old = state.entries[path] { state.bytes -= old.body.readableBytes }
            // A development site rarely outgrows the cache; when it does, starting over is
            // simpler than tracking recency and costs one read per page.
            if state.bytes + body.readableBytes > capacity {
                state.entries.removeAll()
                state.bytes = 0
            }
            state.entries[path] = Entry(validator: validator, body: body)
            state.bytes += body.readableBytes
        }
    }
}
