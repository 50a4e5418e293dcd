import Foundation
import Liquid

/// What a built site offers to link to: every output file and, for each HTML page,
/// the ids (heading ids included) and `<a name>`s an `#anchor` can reach.
struct LinkTargets: Sendable {
    var baseurl: String
    var outputs: Set<String>
    /// The ids of rendered pages; copied HTML and non-HTML files are not anchor-checked.
    var anchors: AnchorIndex

    /// Why a link leads nowhere.
    enum Problem: Equatable {
        case missingFile(path: String)
        case missingAnchor(page: String, anchor: String)
    }

    /// Whether `reference` (an `href`/`src` as written in the page at `pageURL`) reaches
    /// something; nil when it does, or when it leaves the site (other scheme or host).
    /// `pageOutput`: `outputPath(pageURL)`, when the caller knows it already.
    func problem(with reference: String, from pageURL: String, pageOutput: String? = nil) -> Problem? {
        // Foundation's trimming and searching cost more than the rest of the check: a
        // site's pages hold tens of thousands of links.
        let trimmed = LinkTargets.mayHaveEdgeWhitespace(reference) ? reference.trimmingCharacters(in: .whitespaces) : reference
        if trimmed.isEmpty || trimmed.hasPrefix("//") || LinkTargets.hasScheme(trimmed) { return nil }
        // Liquid or template placeholders left in the output are not this check's business.
        if TextSearch.contains(trimmed, "{{") || TextSearch.contains(trimmed, "{%") { return nil }
        var path = trimmed
        var fragment: String?
        if let hash = LinkTargets.firstIndex(of: "#", in: path) {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = LinkTargets.firstIndex(of: "?", in: path) { path = String(path[..<query]) }
        var target: String
        if path.isEmpty {
            target = pageOutput ?? LinkTargets.outputPath(pageURL)
        } else {
            if path.utf8.contains(0x25) { path = path.removingPercentEncoding ?? path }
            var absolute: String
            if path.hasPrefix("/") {
                absolute = path
                if !baseurl.isEmpty {
                    guard absolute == baseurl || absolute.hasPrefix(baseurl + "/") else {
                        return .missingFile(path: absolute)
                    }
                    absolute = String(absolute.dropFirst(baseurl.count))
                }
            } else {
                let folder = pageURL.hasSuffix("/") ? pageURL : String(pageURL[...(pageURL.lastIndex(of: "/") ?? pageURL.startIndex)])
                absolute = folder + path
            }
            guard let resolved = LinkTargets.resolveDots(absolute) else { return .missingFile(path: absolute) }
            guard let found = existing(resolved) else { return .missingFile(path: resolved) }
            target = found
        }
        if let fragment, !fragment.isEmpty, let ids = anchors.ids(in: target) {
            let anchor = fragment.utf8.contains(0x25) ? fragment.removingPercentEncoding ?? fragment : fragment
            if !ids.contains(anchor) { return .missingAnchor(page: target, anchor: anchor) }
        }
        return nil
    }

    /// The output a URL path is served from, as a static server would find it:
    /// `/a/` → `a/index.html`; `/a` → `a`, `a.html` or `a/index.html`.
    private func existing(_ urlPath: String) -> String? {
        let relative = String(urlPath.drop { $0 == "/" })
        if relative.isEmpty || relative.hasSuffix("/") {
            let index = relative + "index.html"
            return outputs.contains(index) ? index : nil
        }
        for candidate in [relative, relative + ".html", relative + "/index.html"] where outputs.contains(candidate) {
            return candidate
        }
        return nil
    }

    static func outputPath(_ pageURL: String) -> String { URLPath.outputPath(for: pageURL) }

    /// Whether trimming `CharacterSet.whitespaces` could change `reference`. Of ASCII, that
    /// set holds only space and tab, so ASCII edges are answered without building the set
    /// (900 instructions a link); other edges are left to the trim.
    static func mayHaveEdgeWhitespace(_ reference: String) -> Bool {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        guard let first = reference.utf8.first, let last = reference.utf8.last else { return false }
        if first < 0x80, last < 0x80 { return first == space || first == tab || last == space || last == tab }
        return true
    }

    static func hasScheme(_ reference: String) -> Bool {
        // Bytes: an ASCII scheme is answered without Character's Unicode tables.
        guard let colon = reference.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let scheme = reference.utf8[..<colon]
        if !scheme.isEmpty, scheme.allSatisfy({ $0 < 0x80 }) {
            return scheme.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x2B || byte == 0x2D || byte == 0x2E
            }
        }
        let text = reference[..<colon]
        return !text.isEmpty && !text.contains("/") && text.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    /// `text.firstIndex(of: character)` for an ASCII `character`. In ASCII text every byte
    /// is a Character of its own, so a byte search answers; other text keeps the Character
    /// search (a `#` followed by a combining mark is another Character).
    static func firstIndex(of character: Character, in text: String) -> String.Index? {
        let utf8 = text.utf8
        if let byte = character.asciiValue, !utf8.contains(where: { $0 >= 0x80 }) {
            return utf8.firstIndex(of: byte)
        }
        return text.firstIndex(of: character)
    }

    /// `/a/b/../c` → `/a/c`; nil when `..` climbs above the site.
    static func resolveDots(_ path: String) -> String? {
        // An ASCII path from the root with no empty, `.` or `..` segment (nothing after a `/`
        // starts with `/` or `.`) is its own resolution; most links are such paths. (In other
        // text a `/` with a combining mark is no separator for the split below.)
        let utf8 = path.utf8
        if utf8.first == UInt8(ascii: "/"), !utf8.contains(where: { $0 >= 0x80 }), !zip(utf8, utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "/") && ($1 == UInt8(ascii: "/") || $1 == UInt8(ascii: ".")) }) {
            return path
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }
}

/// The ids of each rendered page, read the first time a `#fragment` points into it:
/// most pages are never the target of one, and reading ids costs a scan of the page.
final class AnchorIndex: @unchecked Sendable {
    private let pages: [String: OutputFile.Contents]
    /// Guarded by `lock`: pages are checked on all cores.
    private var cache: [String: Set<String>] = [:]
    private let lock = NSLock()

    convenience init(pages: [String: String]) {
        self.init(pageBytes: pages.mapValues { Data($0.utf8) })
    }

    /// Pages as their UTF-8 bytes, decoded when first asked about.
    init(pageBytes: [String: Data]) {
        self.pages = pageBytes.mapValues { .data($0) }
    }

    /// Pages as outputs: bytes in memory, or files a build staged (`PageSpool`), read when
    /// first asked about.
    init(outputs pages: [String: OutputFile.Contents]) {
        self.pages = pages
    }

    /// The bytes of an output's contents; nil when its file cannot be read.
    static func bytes(of contents: OutputFile.Contents) -> Data? {
        switch contents {
        case .data(let data): return data
        case .copy(let file), .staged(let file): return FileManager.default.contents(atPath: file.path)
        }
    }

    /// Nil for outputs that are not rendered HTML pages.
    func ids(in path: String) -> Set<String>? {
        lock.lock()
        let known = cache[path]
        lock.unlock()
        if let known { return known }
        guard let contents = pages[path] else { return nil }
        let data = AnchorIndex.bytes(of: contents) ?? Data()
        let ids = HTMLTag.ids(inUTF8: [UInt8](data))
        lock.lock()
        cache[path] = ids
        lock.unlock()
        return ids
    }
}
