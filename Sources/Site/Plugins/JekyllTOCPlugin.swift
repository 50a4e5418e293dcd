import Diagnostics
import Foundation
import Liquid

/// jekyll-toc (0.18): the `toc_only`, `inject_anchors` and `toc` filters and the `{% toc %}`
/// tag, which list a page's rendered headings as the gem's `Parser` does.
///
/// - The filters work only on a page whose front matter says `toc: true` (else they return
///   their input, `toc_only` an empty string); the tag on any page whose `toc` is set, and
///   reads `page.content`.
/// - Headings `h<min_level>` to `h<max_level>` are listed in document order, except those with
///   the class `no_toc` and those inside an element with the class (or one of the classes)
///   `no_toc_section_class`. A heading's id is its `id` attribute, else its text lower-cased,
///   stripped of everything but word characters, `-` and spaces, spaces made `-`, and
///   URL-escaped as `CGI.escape` does; a generated id seen before gets `-1`, `-2`… (an `id`
///   attribute never does, as in the gem, which counts them by object).
/// - The list is the gem's markup to the byte: `<ul id="toc" class="section-nav">`, one
///   `<li class="toc-entry toc-h2">` per heading, a deeper heading in a nested list
///   (`sublist_class`), `<ol>` with `ordered_list: true`.
/// - `inject_anchors` puts the gem's `<a class="anchor" href="#id" aria-hidden="true">…</a>`
///   before each listed heading's first child, with the newlines libxml2 writes around it
///   (after the heading's start tag; before its end tag when it ends with an element) and its
///   `href` escaped as libxml2 writes one.
///
/// Differences: the gem hands the whole page back as Nokogiri reserialises it (`<br>` for
/// `<br />`, `"` for `&quot;` in text, …); Strata leaves everything but the anchors as it was.
/// An empty listed heading makes the gem fail (`undefined method add_previous_sibling for
/// nil`); Strata lists it and leaves it without an anchor. Character references in headings
/// are read for the HTML 4 names and numbers, which covers what kramdown writes.
struct JekyllTOCPlugin: Sendable {
    static let name = "jekyll-toc"

    /// The levels listed; empty when `min_level` is above `max_level` (Ruby's `min..max`).
    var levels: Range<Int> = 1..<7
    var orderedList = false
    var noTOCSectionClasses = ["no_toc_section"]
    var listID = "toc"
    var listClass = "section-nav"
    var sublistClass = ""
    var itemClass = "toc-entry"
    var itemPrefix = "toc-"

    /// One listed heading.
    struct Entry: Equatable {
        var id: String
        /// The heading's text, HTML-escaped.
        var text: String
        /// `h1`…`h6`.
        var nodeName: String
        var level: Int
        /// UTF-8 offsets in the page: after the start tag's `>`, and where the end tag starts.
        var contentStart: Int
        var contentEnd: Int
        /// The heading's last child is an element or comment, not text.
        var endsWithElement: Bool
    }

    /// Nil when the plugin is not listed; `toc:` in `_config.yml` as the gem's
    /// `Configuration` reads it (a value that is not a mapping means the defaults).
    /// Throws at its line a `min_level` or `max_level` that is not a whole number: the gem
    /// makes a Ruby range of them and stops the build with "bad value for range".
    static func load(_ config: SiteConfiguration) throws(Diagnostic) -> JekyllTOCPlugin? {
        guard config.pluginList.has(name) else { return nil }
        var plugin = JekyllTOCPlugin()
        guard case .object(let settings)? = config.values["toc"] else { return plugin }
        func integer(_ key: String) throws(Diagnostic) -> Int? {
            switch settings[key] {
            case .int(let n)?: return n
            case nil, .null?: return nil
            case let value?:
                var location = config.location(of: key, below: "toc")
                let column = SiteConfiguration.column(of: value.liquidString, onLine: location.line, in: config.texts[location.file])
                if column > location.column { location.column = column }
                throw Diagnostic(location: location,
                                 message: "jekyll-toc: `toc.\(key)` must be a whole number such as 2, not `\(value.liquidString)` (the gem stops here with \"bad value for range\")",
                                 source: config.texts[location.file])
            }
        }
        func text(_ key: String) -> String? { settings[key].map { $0 == .null ? "" : $0.liquidString } }
        let low = try integer("min_level") ?? 1, high = try integer("max_level") ?? 6
        // Ruby's `min..max` with min above max is empty: nothing is listed (a Swift
        // `low...high` would trap there).
        plugin.levels = low <= high ? low..<(high + 1) : 1..<1
        if let value = settings["ordered_list"] { plugin.orderedList = value.isTruthy }
        switch settings["no_toc_section_class"] {
        case .array(let names)?: plugin.noTOCSectionClasses = names.map(\.liquidString)
        case let value?: plugin.noTOCSectionClasses = [value.liquidString]
        case nil: break
        }
        plugin.listID = text("list_id") ?? plugin.listID
        plugin.listClass = text("list_class") ?? plugin.listClass
        plugin.sublistClass = text("sublist_class") ?? plugin.sublistClass
        plugin.itemClass = text("item_class") ?? plugin.itemClass
        plugin.itemPrefix = text("item_prefix") ?? plugin.itemPrefix
        return plugin
    }

    /// The gem's filters, each gated on `page.toc == true`.
    func filters() -> [String: CustomFilter] {
        func gated(_ name: String, otherwise: @escaping @Sendable (String) -> String, _ apply: @escaping @Sendable (String) -> String) -> CustomFilter {
            CustomFilter(name: name) { (input: Value, _: [Value], context: TagContext) throws(LiquidError) -> Value in
                let html = input == .null ? "" : input.liquidString
                return .string(context.variable("page.toc") == .bool(true) ? apply(html) : otherwise(html))
            }
        }
        return [
            "toc_only": gated("toc_only", otherwise: { _ in "" }) { self.list($0) },
            "inject_anchors": gated("inject_anchors", otherwise: { $0 }) { self.injectAnchors($0) },
            "toc": gated("toc", otherwise: { $0 }) { html in
                let found = self.entries(in: html)
                return self.list(entries: found) + self.injectAnchors(html, entries: found)
            },
        ]
    }

    /// `{% toc %}`: the list of `page.content`'s headings when `page.toc` is set (any value
    /// but `false` or nil, as the tag tests it).
    func tag() -> CustomTag {
        CustomTag(name: "toc") { (_: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            guard let toc = context.variable("page.toc"), toc.isTruthy else { return "" }
            return self.list(context.variable("page.content")?.liquidString ?? "")
        }
    }

    /// `build_toc`: the list alone.
    func list(_ html: String) -> String {
        list(entries: entries(in: html))
    }

    /// The list of headings already found (`entries(in:)`): the `toc` filter scans once for both.
    func list(entries found: [Entry]) -> String {
        let tag = orderedList ? "ol" : "ul"
        return "<\(tag) id=\"\(HTMLEscaping.escape(listID))\" class=\"\(HTMLEscaping.escape(listClass))\">\n" + items(found[...]) + "</\(tag)>"
    }

    /// `inject_anchors_into_html`: the page with an anchor before each listed heading's content.
    func injectAnchors(_ html: String) -> String {
        injectAnchors(html, entries: entries(in: html))
    }

    /// As `injectAnchors(_:)`, with the headings of `html` already found.
    func injectAnchors(_ html: String, entries found: [Entry]) -> String {
        guard !found.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + found.count * 120)
        var last = 0
        for entry in found where entry.contentEnd > entry.contentStart {
            out += bytes[last..<entry.contentStart]
            out += Array("\n<a class=\"anchor\" href=\"#\(Self.serialisedHref(entry.id))\" aria-hidden=\"true\"><span class=\"octicon octicon-link\"></span></a>".utf8)
            out += bytes[entry.contentStart..<entry.contentEnd]
            if entry.endsWithElement { out.append(UInt8(ascii: "\n")) }
            last = entry.contentEnd
        }
        out += bytes[last...]
        return String(decoding: out, as: UTF8.self)
    }

    /// An anchor's `href` as libxml2's HTML serialiser writes it (`xmlURIEscapeStr` with
    /// `@/:=?;#%&,+<>` kept): a kramdown id with letters beyond ASCII comes out percent-encoded
    /// in the anchor while the list keeps it as it is, as in the gem's output.
    static func serialisedHref(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            let kept = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "-_.!~*'()@/:=?;#%&,+<>".utf8.contains(byte)
            if kept { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }

    /// `build_toc_list`, as the gem nests it.
    private func items(_ entries: ArraySlice<Entry>) -> String {
        guard let lowest = entries.map(\.level).min() else { return "" }
        let tag = orderedList ? "ol" : "ul"
        let sublist = sublistClass.isEmpty ? "" : " class=\"\(HTMLEscaping.escape(sublistClass))\""
        var list = ""
        var index = entries.startIndex
        while index < entries.endIndex {
            let entry = entries[index]
            if entry.level == lowest {
                list += "<li class=\"\(HTMLEscaping.escape(itemClass)) \(HTMLEscaping.escape(itemPrefix))\(entry.nodeName)\"><a href=\"#\(entry.id)\">\(entry.text)</a>"
                let next = index + 1
                if next < entries.endIndex, entries[next].level > lowest {
                    let nested = Self.nested(entries[next...], below: lowest)
                    list += "\n<\(tag)\(sublist)>\n\(items(nested))</\(tag)>\n"
                    index += nested.count
                }
                list += "</li>\n"
            } else if entry.level > lowest {
                let nested = Self.nested(entries[index...], below: lowest)
                list += items(nested)
                index += nested.count - 1
            }
            index += 1
        }
        return list
    }

    /// `get_nest_entries`: the entries up to the next one at `level`.
    private static func nested(_ entries: ArraySlice<Entry>, below level: Int) -> ArraySlice<Entry> {
        entries.prefix { $0.level != level }
    }

    /// The headings the gem lists, in document order, with their ids.
    func entries(in html: String) -> [Entry] {
        var seen: [String: Int] = [:]
        return HeadingScanner.headings(in: html, levels: levels).compactMap { heading in
            guard !heading.classes.contains("no_toc"),
                  !heading.ancestorClasses.contains(where: noTOCSectionClasses.contains) else { return nil }
            let text = HTMLCharacterReferences.decode(heading.innerText)
            var id: String
            if let attribute = heading.id {
                id = HTMLEscaping.escape(HTMLCharacterReferences.decode(attribute))
            } else {
                id = Self.generatedID(text)
                let count = seen[id, default: 0]
                seen[id] = count + 1
                if count > 0 { id += "-\(count)" }
            }
            return Entry(
                id: id, text: HTMLEscaping.escape(text), nodeName: "h\(heading.level)", level: heading.level,
                contentStart: heading.contentStart, contentEnd: heading.contentEnd, endsWithElement: heading.endsWithElement
            )
        }
    }

    /// The gem's `generate_toc_id`: lower case, only `\p{Word}`, `-` and spaces, spaces as `-`,
    /// then `CGI.escape` (everything but `a-zA-Z0-9_.-~` percent-encoded).
    static func generatedID(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " { kept.append("-"); continue }
            if scalar == "-" || isWord(scalar) { kept.append(scalar) }
        }
        var out = ""
        for byte in String(kept).utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Ruby 3.1's `\p{Word}`, as checked with Debian's Ruby: Alphabetic (letter numbers such
    /// as Ⅻ too), the marks, decimal digits and connector punctuation; not the join controls.
    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return scalar.properties.isAlphabetic
        }
    }
}
