/// A request target reduced to plain path segments, decoded exactly once.
///
/// Anything that could climb out of the served folder (`..` in any spelling, backslashes,
/// NUL bytes, invalid or overlong UTF-8) is refused here, before the file system is asked.
struct RequestPath: Equatable, Sendable {
    /// Decoded segments, with `.` and empty segments dropped.
    var segments: [String]
    /// The decoded path ended with `/` (a folder was asked for).
    var hasTrailingSlash: Bool
    /// The path as received, still encoded, without query or fragment.
    var rawPath: String
    /// The query as received, without the `?`.
    var query: String?

    /// Why a request target was refused; every case answers 400.
    enum Refusal: Error, Equatable, Sendable {
        case notAbsolute, badPercentEncoding, invalidUTF8, nulByte, backslash, parentSegment
    }

    init(target: String) throws(Refusal) {
        var pathPart = Substring(target)
        if let hash = pathPart.firstIndex(of: "#") { pathPart = pathPart[..<hash] }
        if let mark = pathPart.firstIndex(of: "?") {
            query = String(pathPart[pathPart.index(after: mark)...])
            pathPart = pathPart[..<mark]
        } else {
            query = nil
        }
        guard pathPart.hasPrefix("/") else { throw .notAbsolute }
        rawPath = String(pathPart)

        let decodedBytes = try RequestPath.percentDecoded(Array(pathPart.utf8))
        if decodedBytes.contains(0) { throw .nulByte }
        if decodedBytes.contains(UInt8(ascii: "\\")) { throw .backslash }
        // Swift's validating decoder rejects overlong forms such as C0 AE ('.').
        guard let decoded = String(validating: decodedBytes, as: UTF8.self) else { throw .invalidUTF8 }

        var kept: [String] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { throw .parentSegment }
            kept.append(String(segment))
        }
        segments = kept
        hasTrailingSlash = decoded.hasSuffix("/")
    }

    /// The normalised path, percent-encoded again, with a trailing `/`: where a folder asked for without
    /// its slash is redirected. Built from the segments, so `//general` leads to `/general/`, never to
    /// `//general/`, which a browser reads as another host.
    var folderLocation: String {
        var location = "/"
        for segment in segments {
            for byte in segment.utf8 {
                if RequestPath.segmentBytes.contains(byte) {
                    location.append(Character(Unicode.Scalar(byte)))
                } else {
                    location += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
                }
            }
            location += "/"
        }
        return location + (query.map { "?" + $0 } ?? "")
    }

    /// RFC 3986 `pchar` bytes that may stand unencoded in a path segment.
    private static let segmentBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)

    /// A segment that names a hidden file or folder (`.git`, `.env`, `.strata-tmp-…`): never served.
    var namesDotfile: Bool { segments.contains { $0.hasPrefix(".") } }

    /// The segments left after removing the `baseURL` prefix, or nil when the path is
    /// outside it. `exact` tells whether the path named the prefix itself.
    func strippingBase(_ baseURL: String) -> (rest: [String], exact: Bool)? {
        let base = baseURL.split(separator: "/").map(String.init)
        guard segments.count >= base.count, Array(segments.prefix(base.count)) == base else { return nil }
        return (Array(segments.dropFirst(base.count)), segments.count == base.count)
    }

    private static func percentDecoded(_ bytes: [UInt8]) throws(Refusal) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]),
                      let low = hexValue(bytes[index + 2])
                else { throw .badPercentEncoding }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
