import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A parsed HTTP/1.1 response.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A deliberately dumb HTTP client over a raw socket: it sends request targets byte for
/// byte (no normalisation, unlike URLSession), and every read is bounded by a timeout.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var received: [UInt8] = []

    init(host: String = "127.0.0.1", port: Int, timeout: Double = 5) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw ClientError(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed") }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            close(descriptor)
            throw ClientError(description: "connect to \(host):\(port) failed: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw ClientError(description: "send failed") }
            sent += count
        }
    }

    /// Reads once; false at end of stream. Throws when the timeout passes without data.
    @discardableResult
    func readSome() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw ClientError(description: "read timed out") }
        if count == 0 { return false }
        received.append(contentsOf: chunk[..<count])
        return true
    }

    func readToEnd() throws -> [UInt8] {
        while try readSome() {}
        return received
    }

    /// Reads until `text` shows up in what was received, within `seconds`.
    func readUntil(_ text: String, within seconds: Double) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let soFar = String(decoding: received, as: UTF8.self)
            if soFar.contains(text) { return soFar }
            guard Date() < deadline else {
                throw ClientError(description: "did not see \(text.debugDescription) within \(seconds) s; got: \(soFar)")
            }
            do {
                guard try readSome() else { throw ClientError(description: "stream ended before \(text.debugDescription): \(soFar)") }
            } catch let error as ClientError where error.description == "read timed out" {
                continue
            }
        }
    }

    var receivedText: String { String(decoding: received, as: UTF8.self) }
}

enum RawHTTP {
    /// Sends one request with `Connection: close` and parses the whole answer.
    static func request(
        _ method: String = "GET", _ target: String, port: Int, host: String = "127.0.0.1",
        headers: [String: String] = [:]
    ) throws -> RawResponse {
        let connection = try RawConnection(host: host, port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        try connection.send(head + "\r\n")
        return try parse(connection.readToEnd(), isHead: method == "HEAD")
    }

    static func parse(_ bytes: [UInt8], isHead: Bool) throws -> RawResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let split = bytes.firstRange(of: separator) else {
            throw ClientError(description: "no header end in \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[split.upperBound...])
        if !isHead, headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return RawResponse(status: status, headers: headers, body: isHead ? [] : body)
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        let crlf: [UInt8] = [13, 10]
        while index < bytes.count, let lineEnd = bytes[index...].firstRange(of: crlf) {
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            out.append(contentsOf: bytes[start..<min(bytes.count, start + size)])
            index = start + size + 2
        }
        return out
    }
}

/// Runs blocking socket work on a thread of its own: blocking the few threads of Swift's
/// cooperative pool would starve the server under test, which answers on that same pool.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

extension RawConnection {
    func waitFor(_ text: String, within seconds: Double) async throws -> String {
        try await offThePool { try self.readUntil(text, within: seconds) }
    }
}

extension RawHTTP {
    static func fetch(
        _ method: String = "GET", _ target: String, port: Int, host: String = "127.0.0.1",
        headers: [String: String] = [:]
    ) async throws -> RawResponse {
        try await offThePool { try request(method, target, port: port, host: host, headers: headers) }
    }
}
