import Foundation

/// The zone abbreviation Ruby's `%Z` prints (e.g. `CEST`), read from the system's TZif data, because Foundation on
/// Linux answers `GMT+2` for most zones.
func zoneAbbreviation(_ timeZone: TimeZone, at instant: Date) -> String? {
    let offset = timeZone.secondsFromGMT(for: instant)
    let isDST = timeZone.isDaylightSavingTime(for: instant)
    let id = timeZone.identifier
    guard let types = ZoneTypes.shared.types(of: id) else {
        return timeZone.abbreviation(for: instant)
    }
    // Later entries are the current names; older ones (LMT, wartime names) come first.
    if let exact = types.last(where: { $0.offset == offset && $0.isDST == isDST }) { return exact.name }
    return types.last(where: { $0.offset == offset })?.name ?? timeZone.abbreviation(for: instant)
}

/// Each zone's local time types, read once per process: every post's date asks, and reading
/// and parsing the TZif file per date cost more than the rest of making a post's `page`
/// value. The system's zone files do not change under a running build.
private final class ZoneTypes: @unchecked Sendable {
    static let shared = ZoneTypes()

    private let lock = NSLock()
    private var known: [String: [(offset: Int, isDST: Bool, name: String)]?] = [:]

    func types(of id: String) -> [(offset: Int, isDST: Bool, name: String)]? {
        lock.lock()
        if let found = known[id] {
            lock.unlock()
            return found
        }
        lock.unlock()
        var types: [(offset: Int, isDST: Bool, name: String)]?
        if !id.contains(".."), id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_+-/".unicodeScalars.contains($0) }),
           let data = FileManager.default.contents(atPath: "/usr/share/zoneinfo/" + id) {
            types = tzifTypes(Array(data))
        }
        lock.lock()
        known[id] = .some(types)
        lock.unlock()
        return types
    }
}

/// The local time types of a TZif file (the 64-bit block when present).
private func tzifTypes(_ bytes: [UInt8]) -> [(offset: Int, isDST: Bool, name: String)]? {
    func int32(_ at: Int) -> Int? {
        guard at + 4 <= bytes.count else { return nil }
        return Int(Int32(bitPattern: UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])))
    }
    func header(_ at: Int) -> (version: UInt8, isut: Int, isstd: Int, leap: Int, time: Int, type: Int, char: Int)? {
        guard at + 44 <= bytes.count, bytes[at..<at + 4].elementsEqual("TZif".utf8),
              let a = int32(at + 20), let b = int32(at + 24), let c = int32(at + 28), let d = int32(at + 32), let e = int32(at + 36), let f = int32(at + 40),
              [a, b, c, d, e, f].allSatisfy({ $0 >= 0 && $0 < 1_000_000 }) else { return nil }
        return (bytes[at + 4], a, b, c, d, e, f)
    }
    guard var h = header(0) else { return nil }
    var start = 44
    var timeSize = 4
    if h.version >= UInt8(ascii: "2") {
        let v1Length = h.time * 5 + h.type * 6 + h.char + h.leap * 8 + h.isstd + h.isut
        guard let h2 = header(44 + v1Length) else { return nil }
        h = h2
        start = 44 + v1Length + 44
        timeSize = 8
    }
    let typesAt = start + h.time * timeSize + h.time
    let charsAt = typesAt + h.type * 6
    guard charsAt + h.char <= bytes.count else { return nil }
    var result: [(offset: Int, isDST: Bool, name: String)] = []
    for i in 0..<h.type {
        let at = typesAt + i * 6
        guard let offset = int32(at) else { return nil }
        let nameStart = charsAt + Int(bytes[at + 5])
        guard nameStart < charsAt + h.char else { continue }
        let nameEnd = bytes[nameStart..<charsAt + h.char].firstIndex(of: 0) ?? charsAt + h.char
        result.append((offset, bytes[at + 4] != 0, String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)))
    }
    return result
}
