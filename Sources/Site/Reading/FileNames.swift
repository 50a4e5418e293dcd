import Foundation

/// File names read as bytes, for the names Foundation cannot hand over as text.
enum FileNames {
    /// The names in `folder` that are not valid UTF-8, each byte of an invalid name outside printable ASCII
    /// spelled `\xNN` (as `ls --quoting-style=escape` spells them), sorted. Empty when the folder cannot be read.
    static func notUTF8(in folder: String) -> [String] {
        guard let handle = opendir(folder) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard String(validating: bytes, as: UTF8.self) == nil else { continue }
            names.append(bytes.map { (0x20..<0x7f).contains($0) && $0 != 0x5c ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined())
        }
        return names.sorted()
    }
}
