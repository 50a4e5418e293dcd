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
        for (path, stamp) in inputs.sorted(by: { $0.key < $1.key }) {
            guard BuildManifest.isPlain(path) else { return nil }
            text += "I \(stamp.size) \(stamp.modified) \(stamp.changed) \(stamp.inode) \(stamp.hash?.description ?? "-") \(path)\n"
        }
        for (path, output) in outputs.sorted(by: { $0.key < $1.key }) {
            guard BuildManifest.isPlain(path) else { return nil }
            let stamp = output.stamp
            text += "O \(stamp.size) \(stamp.modified) \(stamp.changed) \(stamp.inode) \(output.fingerprint) \(path)\n"
        }
        return Data(text.utf8)
    }

    /// Nil for anything that is not a whole manifest of this format: the build then starts over.
    static func decode(_ data: Data) -> BuildManifest? {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(formatLine),
              let environmentLine = lines.popFirst(), environmentLine.hasPrefix("environment "),
              let environment = ContentHash(hex: environmentLine.dropFirst("environment ".count)),
              let publicationLine = lines.popFirst(), publicationLine.hasPrefix("next-publication "),
              let countsLine = lines.popFirst(), countsLine.hasPrefix("counts "),
              let warningsLine = lines.popFirst(), warningsLine.hasPrefix("warnings "),
              let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(warningsLine.dropFirst("warnings ".count).utf8)),
              let renderLine = lines.popFirst(), renderLine.hasPrefix("render ")
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
        var manifest = BuildManifest(environment: environment, nextPublication: nextPublication, posts: counts[0], pages: counts[1],
                                     staticFiles: counts[2], warnings: warnings, render: render, inputs: [:], outputs: [:])
        guard lines.last == "" else { return nil }
        lines.removeLast()
        for line in lines {
            let fields = line.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count == 7, let size = Int64(fields[1]), let modified = Int64(fields[2]),
                  let changed = Int64(fields[3]), let inode = UInt64(fields[4]) else { return nil }
            let path = String(fields[6])
            var stamp = FileStamp(size: size, modified: modified, changed: changed, inode: inode, hash: nil)
            switch fields[0] {
            case "I":
                if fields[5] != "-" {
                    guard let hash = ContentHash(hex: fields[5]) else { return nil }
                    stamp.hash = hash
                }
                manifest.inputs[path] = stamp
            case "O":
                guard let fingerprint = ContentHash(hex: fields[5]) else { return nil }
                manifest.outputs[path] = Output(stamp: stamp, fingerprint: fingerprint)
            default:
                return nil
            }
        }
        return manifest
    }

    private static func isPlain(_ path: String) -> Bool {
        !path.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) && !path.isEmpty
    }
}
