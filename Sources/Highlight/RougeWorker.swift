import Foundation

/// One running Rouge process (`RougeScript`) and the pipes to it. Not thread-safe: the pool
/// hands a worker to one caller at a time.
final class RougeWorker {
    private let process: Process
    private let input: FileHandle
    private let output: Int32
    private var buffer: [UInt8] = []
    /// The real path of the `rouge.rb` this worker loaded.
    private(set) var moduleFile = ""

    /// Starts `ruby -e <script>` and waits for its `ready` line; nil when Ruby or Rouge
    /// is missing.
    init?(ruby: String) {
        // A worker that dies would make the next write raise SIGPIPE, whose default action
        // ends Strata; ignored, the write fails instead and the worker is dropped.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ruby, "-e", RougeScript.source]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        self.process = process
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading.fileDescriptor
        let ready = readLine().map { String(decoding: $0, as: UTF8.self) }
        guard let ready, ready.hasPrefix("ready\t") else {
            stop()
            return nil
        }
        moduleFile = String(ready.dropFirst("ready\t".count))
    }

    deinit { stop() }

    /// Rouge's tokens for `code`, `.some(nil)` when it knows no such language, nil when
    /// the worker died (the caller then drops it).
    func tokens(code: String, language: String) -> [HighlightToken]?? {
        let request: [String: String] = ["language": language, "code": code]
        guard var line = try? JSONSerialization.data(withJSONObject: request) else { return nil }
        line.append(0x0A)
        do { try input.write(contentsOf: line) } catch { return nil }
        guard let answer = readLine() else { return nil }
        if answer == Array("null".utf8) { return .some(nil) }
        guard let runs = try? JSONSerialization.jsonObject(with: Data(answer)) as? [[String]] else { return nil }
        return .some(runs.compactMap { run in
            guard run.count == 2 else { return nil }
            return HighlightToken(run[1], run[0].isEmpty ? nil : run[0])
        })
    }

    /// Reads up to the next newline with plain `read`, keeping what follows it.
    private func readLine() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    private func stop() {
        try? input.close()
        if process.isRunning { process.terminate() }
    }
}
