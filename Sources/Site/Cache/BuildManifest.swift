import Diagnostics
import Foundation

/// What the last successful `strata build` read and wrote, kept in `.strata-cache/manifest`
/// so that the next build can tell whether anything changed.
///
/// The file is text: a header line per field, then one line per input (`I`) and output (`O`)
/// file, the path last. A site with a path holding a line break or a tab gets no manifest
/// (and so always a full build).
struct BuildManifest: Equatable {
    static let formatLine = "strata-build-cache 2"

    /// Everything outside the site's files that decides the output: Strata's own binary,
    /// the command line's overrides, the destination, the time zone.
    var environment: ContentHash
    /// The earliest date of a post left out for being in the future: the first build after
    /// it must publish it.
    var nextPublication: Date?
    var posts: Int
    var pages: Int
    var staticFiles: Int
    var warnings: [Diagnostic]
    /// The stamp of `.strata-cache/render` (`RenderRecord`) as this build left it; nil when
    /// the build kept none. A record with any other stamp is not this build's.
    var render: FileStamp? = nil
    /// Every input file under the site's root (and the `--config` files), by path.
    var inputs: [String: FileStamp]
    /// Every file of the destination as the build left it, by path relative to it, with the
    /// fingerprint of what the build meant to write there (see `CachedSiteBuild`).
    var outputs: [String: Output]

    struct Output: Equatable {
        var stamp: FileStamp
        var fingerprint: ContentHash
    }

    func encoded() -> Data? {
        var text = BuildManifest.formatLine + "\n"
        text += "environment \(environment)\n"
        text += "next-publication \(nextPublication.map { String($0.timeIntervalSince1970) } ?? "-")\n"
        text += "counts \(posts) \(pages) \(staticFiles)\n"
        let warningData = (try? JSONEncoder().encode(warnings)) ?? Data("[]".utf8)
        text += "warnings " + String(decoding: warningData, as: UTF8.self) + "\n"
        text += "render " + (render.map { "\($0.size) \($0.modified) \($0.changed) \($0.inode)" } ?? "-") + "\n"
        // The file lines as bytes: interpolating 20,000 lines into a `String` was 8% of a
        // one-post build at 10,000 posts.
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + (inputs.count + outputs.count) * 128)
        for (path, stamp) in inputs.sorted(by: { $0.key < $1.key }) {
            guard BuildManifest.isPlain(path) else { return nil }
            BuildManifest.appendLine("I", stamp, stamp.hash, path, to: &bytes)
        }
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
            guard BuildManifest.isPlain(path) else { return nil }
            BuildManifest.appendLine("O", output.stamp, output.fingerprint, path, to: &bytes)
        }
        return Data(bytes)
    }

    /// `TAG size modified changed inode hash-or-dash path`, as `decode` reads it.
    private static func appendLine(_ tag: Unicode.Scalar, _ stamp: FileStamp, _ hash: ContentHash?, _ path: String, to bytes: inout [UInt8]) {
        func field(_ text: String) {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: text.utf8)
        }
        bytes.append(UInt8(ascii: tag))
        field(String(stamp.size))
        field(String(stamp.modified))
        field(String(stamp.changed))
        field(String(stamp.inode))
        field(hash?.description ?? "-")
        field(path)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Nil for anything that is not a whole manifest of this format: the build then starts over.
    static func decode(_ data: Data) -> BuildManifest? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> BuildManifest? in
            // The six header lines as text; the file lines, tens of thousands on a large site,
            // as bytes (splitting them as `String`s was 6% of a one-post build at 10,000 posts).
            var offset = 0
            var header: [Substring] = []
            while header.count < 6 {
                guard let end = bytes[offset...].firstIndex(of: 0x0A) else { return nil }
                header.append(Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)))
                offset = end + 1
            }
            guard var manifest = decodeHeader(header) else { return nil }
            var fields = FieldReader(bytes: bytes, offset: offset)
            while !fields.atEnd {
                guard let tag = fields.byte(), fields.space(), let size = fields.integer(), fields.space(), let modified = fields.integer(),
                      fields.space(), let changed = fields.integer(), fields.space(), let inode = fields.unsigned(), fields.space(),
                      let hash = fields.hash(), fields.space(), let path = fields.line() else { return nil }
                var stamp = FileStamp(size: size, modified: modified, changed: changed, inode: inode, hash: nil)
                switch tag {
                case UInt8(ascii: "I"):
                    stamp.hash = hash
                    manifest.inputs[path] = stamp
                case UInt8(ascii: "O"):
                    guard let fingerprint = hash else { return nil }
                    manifest.outputs[path] = Output(stamp: stamp, fingerprint: fingerprint)
                default:
                    return nil
                }
            }
            return manifest
        }
    }

    /// The manifest the header lines describe, with no files yet.
    private static func decodeHeader(_ lines: [Substring]) -> BuildManifest? {
        let formatLine = lines[0], environmentLine = lines[1], publicationLine = lines[2]
        let countsLine = lines[3], warningsLine = lines[4], renderLine = lines[5]
        guard formatLine == Substring(BuildManifest.formatLine),
              environmentLine.hasPrefix("environment "),
              let environment = ContentHash(hex: environmentLine.dropFirst("environment ".count)),
              publicationLine.hasPrefix("next-publication "),
              countsLine.hasPrefix("counts "),
              warningsLine.hasPrefix("warnings "),
              let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(warningsLine.dropFirst("warnings ".count).utf8)),
              renderLine.hasPrefix("render ")
        else { return nil }
        var render: FileStamp?
        if renderLine != "render -" {
            let fields = renderLine.split(separator: " ").dropFirst()
            guard fields.count == 4, let size = Int64(fields[fields.startIndex]), let modified = Int64(fields[fields.startIndex + 1]),
                  let changed = Int64(fields[fields.startIndex + 2]), let inode = UInt64(fields[fields.startIndex + 3]) else { return nil }
            render = FileStamp(size: size, modified: modified, changed: changed, inode: inode, hash: nil)
        }
        let publication = publicationLine.dropFirst("next-publication ".count)
        var nextPublication: Date?
        if publication != "-" {
            guard let seconds = Double(publication) else { return nil }
            nextPublication = Date(timeIntervalSince1970: seconds)
        }
        let counts = countsLine.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard counts.count == 3 else { return nil }
        return BuildManifest(environment: environment, nextPublication: nextPublication, posts: counts[0], pages: counts[1],
                             staticFiles: counts[2], warnings: warnings, render: render, inputs: [:], outputs: [:])
    }

    /// The fields of a file line (`I`/`O`, four numbers, a hash or `-`, the path to the line's end),
    /// read from bytes; every read is nil (or false) for anything `encoded()` does not write.
    private struct FieldReader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        var atEnd: Bool { offset >= bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func space() -> Bool { byte() == 0x20 }

        /// Decimal digits; nil for none or a number past `UInt64.max`.
        mutating func unsigned() -> UInt64? {
            var value: UInt64 = 0
            let start = offset
            while offset < bytes.count, case let byte = bytes[offset], byte >= 0x30, byte <= 0x39 {
                let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, carry) = tens.addingReportingOverflow(UInt64(byte - 0x30))
                guard !overflow, !carry else { return nil }
                value = sum
                offset += 1
            }
            return offset > start ? value : nil
        }

        mutating func integer() -> Int64? {
            let negative = offset < bytes.count && bytes[offset] == UInt8(ascii: "-")
            if negative { offset += 1 }
            guard let magnitude = unsigned() else { return nil }
            if negative { return magnitude == UInt64(Int64.max) + 1 ? Int64.min : Int64(exactly: magnitude).map { -$0 } }
            return Int64(exactly: magnitude)
        }

        /// `.some(nil)` for `-`.
        mutating func hash() -> ContentHash?? {
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
                offset += 1
                return .some(nil)
            }
            guard bytes.count - offset >= 32, let hash = ContentHash(hexBytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 32])) else { return nil }
            offset += 32
            return .some(hash)
        }

        /// The rest of the line; nil when the file ends before its line break.
        mutating func line() -> String? {
            guard let end = bytes[offset...].firstIndex(of: 0x0A) else { return nil }
            defer { offset = end + 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
        }
    }

    private static func isPlain(_ path: String) -> Bool {
        !path.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) && !path.isEmpty
    }
}
