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

    /// 32 lowercase hexadecimal digits, `high` first. Written by hand: `String(format:)` went
    /// through Foundation for each of a large site's tens of thousands of manifest lines.
    var description: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            ContentHash.hex(high, into: buffer, at: 0)
            ContentHash.hex(low, into: buffer, at: 16)
            return 32
        }
    }

    private static func hex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        for index in 0..<16 {
            let digit = UInt8((value >> UInt64(60 - 4 * index)) & 0xF)
            buffer[start + index] = digit < 10 ? 0x30 + digit : 0x57 + digit
        }
    }

    init?(hex: Substring) {
        var hex = hex
        guard let hash = hex.withUTF8({ ContentHash(hexBytes: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = hash
    }

    /// What `description` wrote (either case of digits); nil for anything but 32 hexadecimal digits.
    init?(hexBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x61...0x66: digit = byte - 0x57
            case 0x41...0x46: digit = byte - 0x37
            default: return nil
            }
            if index < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt64(digit) }
        }
        self.init(high: high, low: low)
    }
}
