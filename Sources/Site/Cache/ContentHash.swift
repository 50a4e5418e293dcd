import Foundation

/// A 128-bit fingerprint of bytes, for telling whether a file changed between builds (not for
/// security). Two 64-bit lanes over 8-byte words, each a multiply–xorshift mix (the finaliser of
/// MurmurHash3), so hashing a 10,000-page site's outputs costs tens of milliseconds, where a
/// byte-at-a-time hash or SHA-256 in Swift would cost most of a second.
struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ data: Data) {
        self = data.withUnsafeBytes { ContentHash(bytes: $0) }
    }

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { ContentHash(bytes: UnsafeRawBufferPointer($0)) }
    }

    init(bytes: UnsafeRawBufferPointer) {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            a = ContentHash.mix((a ^ word) &* 0x87C3_7B91_1142_53D5)
            b = ContentHash.mix((b &+ word) &* 0x4CF5_AD43_2745_937F) ^ a
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        a = ContentHash.mix(a ^ tail ^ 0xFF)
        b = ContentHash.mix(b &+ tail &+ a)
        high = a
        low = b
    }

    /// The file's bytes hashed; nil when it cannot be read.
    static func ofFile(_ path: String) -> ContentHash? {
        FileManager.default.contents(atPath: path).map { ContentHash($0) }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    var description: String { String(format: "%016llx%016llx", high, low) }

    init?(hex: Substring) {
        guard hex.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else { return nil }
        self.init(high: high, low: low)
    }
}
