import Foundation
import Liquid

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
        guard var start = TextSearch.range(of: Self.prefix, in: html) else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var copied = html.startIndex
        while true {
            guard let end = TextSearch.range(of: "-->", in: html, from: start.upperBound) else { break }
            if let id = Int(html[start.upperBound..<end.lowerBound]), let fragment = fragment(id) {
                out += html[copied..<start.lowerBound]
                out += fragment
                copied = end.upperBound
            }
            guard let next = TextSearch.range(of: Self.prefix, in: html, from: end.upperBound) else { break }
            start = next
        }
        return out + html[copied...]
    }

    private func fragment(_ id: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return fragments[id]
    }
}
