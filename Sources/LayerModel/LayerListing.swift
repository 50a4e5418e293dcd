/// A sample's sidecar file (`layers.txt`): for the instruction starting on a given line,
/// the paths it adds, modifies or deletes and their rough sizes. Lines look like
/// `6 add /usr/local/lib/python3.9/ 38M` (a trailing `/` marks a directory; the size is
/// bytes or a number with K, M or G and is optional). Blank lines are skipped.
public struct LayerListing: Hashable, Sendable {
    /// Changes by the instruction's 1-based start line, in file order.
    public let changesByLine: [Int: [FileChange]]

    public init(changesByLine: [Int: [FileChange]]) { self.changesByLine = changesByLine }

    /// A listing with nothing in it.
    public static let empty = LayerListing(changesByLine: [:])

    /// Parses a listing; `path` is used in error locations.
    public init(parsing text: String, path: String) throws(DockerfileError) {
        var byLine: [Int: [FileChange]] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            func fail(_ field: Int, _ message: String) -> DockerfileError {
                let column = field < fields.count ? line.distance(from: line.startIndex, to: fields[field].startIndex) + 1 : line.count + 1
                return DockerfileError(file: path, line: lineNumber, column: column, message: message)
            }
            guard fields.count == 3 || fields.count == 4 else {
                throw fail(min(fields.count, 4), "expected `LINE add|modify|delete|opaque /path [SIZE]`, found \(fields.count) fields")
            }
            guard let instructionLine = Int(fields[0]), instructionLine >= 1 else {
                throw fail(0, "expected the instruction's start line (a number from 1), found '\(fields[0])'")
            }
            let kind: FileChange.Kind
            switch fields[1] {
            case "add": kind = .added
            case "modify": kind = .modified
            case "delete": kind = .deleted
            case "opaque": kind = .opaqueDirectory
            default: throw fail(1, "expected add, modify, delete or opaque, found '\(fields[1])'")
            }
            let rawPath = String(fields[2])
            guard rawPath.hasPrefix("/") else { throw fail(2, "expected an absolute path starting with '/', found '\(rawPath)'") }
            var size: Int?
            if fields.count == 4 {
                guard let parsed = Self.size(fields[3]) else {
                    throw fail(3, "expected a size such as 512, 12K, 3.5M or 1G, found '\(fields[3])'")
                }
                size = parsed
            }
            let isDirectory = rawPath.hasSuffix("/") || kind == .opaqueDirectory
            let change = FileChange(path: FilePath.clean(rawPath), kind: kind, size: size, isDirectory: isDirectory)
            byLine[instructionLine, default: []].append(change)
        }
        changesByLine = byLine
    }

    /// The changes listed for the instruction starting on `line`.
    public func changes(forLine line: Int) -> [FileChange]? { changesByLine[line] }

    static func size(_ text: Substring) -> Int? {
        let multipliers: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024]
        var number = text
        var multiplier = 1.0
        if let last = text.last, let factor = multipliers[last] {
            multiplier = factor
            number = text.dropLast()
        }
        guard let value = Double(number), value >= 0, value.isFinite, value * multiplier < 1e15 else { return nil }
        return Int((value * multiplier).rounded())
    }
}
