#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over UTF-8 bytes (`memchr` for the first byte, then `memcmp`). Foundation's
/// `range(of:)` and `contains` on Linux bridge through UTF-16 and were the largest cost
/// of a whole build; a byte search finds the same matches, since a valid UTF-8 needle
/// can only match at a scalar boundary.
public enum TextSearch {
    /// The first `needle` in `haystack` at or after `start`, as a range of String indices.
    public static func range(of needle: String, in haystack: String, from start: String.Index? = nil) -> Range<String.Index>? {
        let startOffset = start.map { haystack.utf8.distance(from: haystack.utf8.startIndex, to: $0) } ?? 0
        guard let bytes = byteRange(of: needle, in: haystack, from: startOffset) else { return nil }
        let utf8 = haystack.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return lower..<utf8.index(lower, offsetBy: bytes.count)
    }

    /// Whether `needle` occurs in `haystack`; the empty needle occurs everywhere.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        needle.isEmpty || byteRange(of: needle, in: haystack, from: 0) != nil
    }

    /// Byte offsets of the first match at or after byte `start`.
    public static func byteRange(of needle: String, in haystack: String, from start: Int) -> Range<Int>? {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { hay -> Range<Int>? in
            needle.withUTF8 { pin -> Range<Int>? in
                guard start >= 0, start <= hay.count, let hayBase = hay.baseAddress else { return nil }
                guard pin.count > 0, let pinBase = pin.baseAddress else { return start..<start }
                let first = Int32(pinBase.pointee)
                var offset = start
                let last = hay.count - pin.count
                while offset <= last {
                    guard let hit = memchr(hayBase + offset, first, last - offset + 1) else { return nil }
                    let candidate = UnsafeRawPointer(hayBase).distance(to: UnsafeRawPointer(hit))
                    if memcmp(hayBase + candidate, pinBase, pin.count) == 0 {
                        return candidate..<(candidate + pin.count)
                    }
                    offset = candidate + 1
                }
                return nil
            }
        }
    }
}
