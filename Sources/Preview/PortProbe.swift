#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks ports before the server binds, so a busy port gets a clear message and a free
/// alternative instead of a low-level socket error.
enum PortProbe {
    /// True when `port` on `host` can be bound right now (with SO_REUSEADDR, as the server binds).
    static func isFree(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(bareHost, String(port), &hints, &list) == 0, let first = list else {
            // Unresolvable hosts are the server's to report; don't call the port busy.
            return true
        }
        defer { freeaddrinfo(list) }
        let address = first.pointee
        let socketDescriptor = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard socketDescriptor >= 0 else { return true }
        defer { close(socketDescriptor) }
        var yes: Int32 = 1
        setsockopt(socketDescriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if bind(socketDescriptor, address.ai_addr, address.ai_addrlen) == 0 { return true }
        return errno != EADDRINUSE
    }

    /// The first free port after `port`, looking at up to `attempts` candidates.
    static func nextFree(host: String, after port: Int, attempts: Int = 50) -> Int? {
        var candidate = port + 1
        while candidate <= min(65535, port + attempts) {
            if isFree(host: host, port: candidate) { return candidate }
            candidate += 1
        }
        return nil
    }
}
