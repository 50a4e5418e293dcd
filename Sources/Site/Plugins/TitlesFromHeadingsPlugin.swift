import Foundation
import Liquid
import Markdown

/// jekyll-titles-from-headings (0.5.3): a Markdown page without `title:` takes its first
/// heading as the title, when the heading opens the body (after blank space): ATX with one
/// to three `#`, or Setext. The heading's text goes through `markdownify | strip_html |
/// normalize_whitespace` as written, so Liquid in it stays as it is (the page's body is
/// rendered later, the title is not), inline markup is dropped, and `&` stays `&amp;`, as
/// the gem leaves them. `titles_from_headings:` settings: `enabled: false` switches it off;
/// `strip_title: true` (or a page's own `strip_title:`) removes the heading from the body;
/// `collections: true` also titles posts and other written collection documents, whose
/// title the gem always takes from the heading, even over their `title:`.
struct TitlesFromHeadingsPlugin {
    static let name = "jekyll-titles-from-headings"
    static let configKey = "titles_from_headings"

    /// The gem's `TITLE_REGEX`, as Ruby reads it: `.` stops only at `\n`, `$` is any line's
    /// end, `\s` is ASCII whitespace. Matched only at the start of the body.
    static let titlePattern: NSRegularExpression = {
        let space = "[ \\t\\r\\n\\x0C\\x0B]"
        let pattern = "\\A\(space)*(?:#{1,3}\(space)+(.*)(?:\(space)+#{1,3})?|(.*)\\r?\\n[-=]+\(space)*)$"
        // The pattern is a constant; a mistake in it shows in every test.
        return try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines, .useUnixLineSeparators])
    }()

    /// Footnote references markdownify leaves (`[^1]`), which the gem removes.
    static let footnotePattern = try! NSRegularExpression(pattern: "\\[\\^[^\\]]*\\]")

    let config: SiteConfiguration
    private let engine: LiquidEngine
    private let template: Template
    /// `titles_from_headings:` settings, read once: `enabled`, `collections`, `strip_title`.
    private let enabled: Bool
    private let collections: Bool
    private let stripTitle: Bool

    init(config: SiteConfiguration) {
        self.config = config
        enabled = PageGenerators.option(config, Self.configKey, "enabled") != .bool(false)
        collections = PageGenerators.option(config, Self.configKey, "collections") == .bool(true)
        stripTitle = PageGenerators.option(config, Self.configKey, "strip_title") == .bool(true)
        var configuration = LiquidConfiguration()
        let markdown = MarkdownRenderer(options: config.markdownOptions)
        configuration.markdownify = markdown.markdownify
        engine = LiquidEngine(configuration: configuration)
        // A constant template of built-in filters parses.
        template = try! engine.parse(source: "{{ heading | markdownify | strip_html | normalize_whitespace }}", path: "(jekyll-titles-from-headings)")
    }

    /// The heading that opens `body`: its text as written (group 1 or 2 of the pattern), and
    /// the UTF-8 offset in `body` where the match ends, or nil. The pattern reads at most the
    /// first two lines with text in them (the Setext underline, or an ATX line whose `#`s stand
    /// alone), so only that much is handed to it: a post's whole body is not bridged per post.
    static func heading(in body: String) -> (text: String, end: Int)? {
        // Cut at a line break (or the end): never inside a character.
        let cut = body.utf8.prefix(lengthOfFirstTwoTextLines(body))
        let head = String(cut) ?? String(decoding: cut, as: UTF8.self)
        let text = head as NSString
        guard let match = titlePattern.firstMatch(in: head, options: [.anchored], range: NSRange(location: 0, length: text.length)) else {
            return nil
        }
        // By UTF-16 offset: the match may end between the `\r` and `\n` of one `Character`.
        let end = head.utf16.index(head.utf16.startIndex, offsetBy: match.range.location + match.range.length)
        let group = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
        guard group.location != NSNotFound else { return nil }
        // The cut is at a line end, where `$` matches in the whole body too; what the pattern's
        // trailing `\s*` would take past it is whitespace that stripping removes anyway.
        return (text.substring(with: group), head.utf8.distance(from: head.startIndex, to: end))
    }

    /// UTF-8 length of `body` up to the end (before the line break) of its second line that
    /// holds anything but whitespace; the whole body when it has fewer.
    static func lengthOfFirstTwoTextLines(_ body: String) -> Int {
        var textLines = 0
        var lineHasText = false
        var offset = 0
        for byte in body.utf8 {
            if byte == UInt8(ascii: "\n") {
                if lineHasText { textLines += 1 }
                if textLines == 2 { return offset }
                lineHasText = false
            } else if !(byte == 0x20 || (0x09...0x0D).contains(byte)) {
                lineHasText = true
            }
            offset += 1
        }
        return offset
    }

    /// The gem's `strip_markup`.
    func title(fromHeading heading: String) -> String {
        let rendered = (try? engine.render(template, variables: ["heading": .string(heading)]).output) ?? heading
        let range = NSRange(location: 0, length: (rendered as NSString).length)
        return Self.footnotePattern.stringByReplacingMatches(in: rendered, range: range, withTemplate: "")
    }

    func generate(documents: inout [Document], reused: (Document) -> Bool) {
        for index in documents.indices where !reused(documents[index]) {
            generate(&documents[index])
        }
    }

    /// The gem's rules for one document; each document's title depends on itself alone.
    func generate(_ document: inout Document) {
        if !enabled || !document.isMarkdown { return }
        switch document.kind {
        case .page:
            // A page's `title:` (its own or from `defaults:`) stays.
            if let title = document.frontMatter["title"], title != .null { return }
        case .post, .draft, .document:
            // `site.docs_to_write`; their titles count as inferred from the file name.
            guard collections, document.isWritten else { return }
        }
        apply(to: &document, stripOption: stripTitle)
    }

    private func apply(to document: inout Document, stripOption: Bool) {
        let body = document.body
        let found = Self.heading(in: body)
        var fields = document.frontMatter
        if let found {
            let title = title(fromHeading: found.text)
            fields["title"] = .string(title)
            document.title = title
        }
        // `data.key?`: a post's data holds its `defaults:`, a page's only its own front matter
        // (Jekyll finds a page's defaults through the hash's default proc, which `key?` skips).
        let strip: Bool = {
            let own = document.kind == .page ? (document.keyLines["strip_title"] != nil ? fields["strip_title"] : nil) : fields["strip_title"]
            if let own { return own == .bool(true) }
            return stripOption
        }()
        if strip {
            // `content.gsub(TITLE_REGEX, "").strip`: the match is at the start, so what stays
            // is the rest without its surrounding whitespace.
            let utf8 = body.utf8
            let restStart = utf8.index(utf8.startIndex, offsetBy: found?.end ?? 0)
            let first = utf8[restStart...].firstIndex { !Self.isRubySpace($0) } ?? utf8.endIndex
            let last = utf8[first...].lastIndex { !Self.isRubySpace($0) }.map { utf8.index(after: $0) } ?? first
            document.bodyFirstLine += utf8[..<first].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            let kept = utf8[first..<last]
            document.body = String(kept) ?? String(decoding: kept, as: UTF8.self)
            // The gem makes a post's excerpt again from the new body.
            if document.kind == .post || document.kind == .draft { fields["excerpt"] = nil }
        }
        document.frontMatter = fields
    }

    /// Ruby's `strip` set: ASCII whitespace and NUL.
    private static func isRubySpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || byte == 0
    }
}
