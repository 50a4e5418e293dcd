import Foundation

/// Keeps HTML made by Strata's own tags away from Markdown. A tag's SVG contains
/// `<title>` and `<style>`, which GitHub's tag filter would disarm, and blank lines
/// would end its HTML block; so the tag writes a marker comment, and the finished
/// HTML gets the real markup back.
final class EmbeddedHTML: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: Int] = [:]
    private var fragments: [Int: String] = [:]

    static let prefix = "<!--strata:embed:"

    /// A marker standing for `html`; the same HTML always gets the same marker.
    func marker(for html: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        let id: Int
        if let known = ids[html] {
            id = known
        } else {
            id = fragments.count
            ids[html] = id
            fragments[id] = html
        }
        return "\(Self.prefix)\(id)-->"
    }

    /// Puts every fragment back in place of its marker.
    func restore(_ html: String) -> String {
        guard html.contains(Self.prefix) else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let start = rest.range(of: Self.prefix) {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "-->"), let id = Int(after[..<end.lowerBound]), let fragment = fragment(id) else {
                out += rest[start]
                rest = after
                continue
            }
            out += fragment
            rest = after[end.upperBound...]
        }
        return out + rest
    }

    private func fragment(_ id: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return fragments[id]
    }
}
