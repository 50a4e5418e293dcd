import Diagnostics
import Foundation
import Liquid

/// jemoji (0.13, through html-pipeline 2.14's `EmojiFilter` and gemoji's list): in every
/// finished HTML page, `:name:` for a name in gemoji's `db/emoji.json` becomes
/// `<img class="emoji" title=":name:" alt=":name:" src="ROOT/emoji/FILE" height="20" width="20">`
/// (the filter's attributes in its order, `align` removed as jemoji removes it), except
/// inside `pre`, `code` and `tt` and, when the page has a `<body>`, outside it.
///
/// ROOT is `emoji.src` from `_config.yml`, else `ASSET_HOST_URL` from the environment with
/// `/images/icons/`, else `https://github.githubassets.com/images/icons/`; the two are
/// joined as Ruby's `File.join` joins them (one `/`). The list comes from the installed
/// gemoji gem, found as a theme gem is; without it the build stops at jemoji's line of
/// `plugins:`. jemoji 0.13 adds no Liquid filter (an `emojify` filter was written in 2015
/// but never released), so none is added here.
struct JemojiPlugin: Sendable {
    static let name = "jemoji"

    private static let textNodes = HTMLTextNodes(ignoring: ["pre", "code", "tt"], trigger: ":")

    let database: EmojiDatabase
    /// The image root with the `emoji/` folder, HTML-escaped, ending in `/`.
    let imagePrefix: String

    /// Reads `emoji.src` and gemoji's list; nil when jemoji is not listed. `site` is the
    /// site's folder (for gems Bundler vendored into it).
    static func load(_ config: SiteConfiguration, site: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(Diagnostic) -> JemojiPlugin? {
        guard config.pluginList.has(name) else { return nil }
        let root = try assetRoot(config, environment: environment)
        guard let file = EmojiDatabase.locate(site: site, environment: environment) else {
            let install = "jemoji needs GitHub's emoji list from the gemoji gem (3.x or 4.x), which is not installed. "
                + "Install it (`gem install gemoji`, or `gem install jemoji`, which brings it), vendor it with Bundler into vendor/bundle"
            let location: SourceLocation, source: String?, message: String
            if config.plugins.contains(name) {
                let entry = PluginList.entry(name, in: config)
                (location, source, message) = (entry.location, entry.source, install + ", or remove `jemoji` from `\(entry.key):`")
            } else {
                // Not listed: the theme's gem needs it, as Jekyll requires a theme's dependencies.
                location = config.location(ofKey: "theme")
                source = config.texts[location.file]
                message = "the theme `\(config.theme?.name ?? "")` needs jemoji; " + install
            }
            throw Diagnostic(
                location: location,
                message: message,
                notes: ["looked for gemoji-VERSION/db/emoji.json where RubyGems installs gems: GEM_HOME, GEM_PATH, the site's "
                    + "vendor/bundle, ~/.gem, /var/lib/gems, /usr/local/lib/ruby/gems, /usr/lib/ruby/gems and Debian's rubygems-integration"],
                source: source
            )
        }
        let database = try EmojiDatabase.read(file, display: file.path)
        return JemojiPlugin(database: database, imagePrefix: HTMLEscaping.escape(joined(root, "emoji/")))
    }

    /// jemoji's `emojiable?`: a page, or a document that is written, whose output is HTML;
    /// or anything whose `permalink` ends in `/` (Ruby's `&&` binds before `||`).
    static func applies(to document: Document) -> Bool {
        if (document.kind == .page || document.isWritten) && document.outputPath.hasSuffix(".html") { return true }
        if case .string(let permalink)? = document.frontMatter["permalink"] { return permalink.hasSuffix("/") }
        return false
    }

    /// The page with its emoji names replaced by images; the page as it is when it has none.
    func emojify(_ html: String) -> String {
        // jemoji's own first test: a page with no name anywhere is not parsed at all.
        let found = HTMLTextNodes.withUTF8(html[...]) { bytes in
            var found = false
            forEachName(in: bytes) { _, _, _, _ in
                found = true
                return false
            }
            return found
        }
        guard found else { return html }
        return JemojiPlugin.textNodes.rewrite(html) { text in replaced(text) }
    }

    /// `text` with every `:name:` of the list replaced, or nil when it holds none.
    func replaced(_ text: Substring) -> String? {
        HTMLTextNodes.withUTF8(text) { bytes -> String? in
            var output: [UInt8] = []
            var copied = 0
            forEachName(in: bytes) { open, close, name, file in
                output.append(contentsOf: bytes[copied..<open])
                output.append(contentsOf: image(name: name, file: file).utf8)
                copied = close + 1
                return true
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: bytes[copied...])
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Calls `body` with the byte offsets of the colons around each name of the list in
    /// `bytes` (UTF-8), in order, until it returns false. As the filter's regular expression
    /// `:(name|…):` scans, a match resumes after its closing colon and a miss at one colon
    /// tries the next (names hold no colon).
    private func forEachName(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ open: Int, _ close: Int, _ name: String, _ file: String) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        let colon = UInt8(ascii: ":")
        let count = bytes.count
        var from = 0
        scan: while from < count, let hit = memchr(base + from, Int32(colon), count - from) {
            let open = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            // The bytes after the colon that names may hold; most colons (`https:`, `10:30`,
            // `a: b`) end here without a name to look up.
            var close = open + 1
            while close < count, close - open - 1 <= database.longestName {
                let byte = base[close]
                if byte == colon { break }
                guard byte < 128 ? database.asciiInNames[Int(byte)] : database.nonASCIIInNames else {
                    // No name starts at this colon; the filter tries the next one.
                    from = close + 1
                    continue scan
                }
                close += 1
            }
            guard close < count else { return }
            // A name too long for the list: the next colon (if this is one) is tried next.
            let length = close - open - 1
            guard base[close] == colon, length > 0 else {
                from = close
                continue
            }
            // Whole scalars: both ends are colons.
            let name = String(decoding: UnsafeBufferPointer(start: base + open + 1, count: length), as: UTF8.self)
            if let file = database.imageFiles[name] {
                guard body(open, close, name, file) else { return }
                from = close + 1
            } else {
                from = close
            }
        }
    }

    private func image(name: String, file: String) -> String {
        let label = HTMLEscaping.escape(":" + name + ":")
        return "<img class=\"emoji\" title=\"\(label)\" alt=\"\(label)\" src=\"\(imagePrefix)\(HTMLEscaping.escape(file))\" height=\"20\" width=\"20\">"
    }

    /// jemoji's `emoji_src`: `emoji.src` when `emoji` is a mapping that has it; jemoji fails
    /// with a Ruby error for any other kind of `emoji` or `src`, Strata with one at the key.
    private static func assetRoot(_ config: SiteConfiguration, environment: [String: String]) throws(Diagnostic) -> String {
        switch config.values["emoji"] {
        case nil:
            break
        case .object(let settings)?:
            switch settings["src"] {
            case nil: break
            case .string(let source)?: return source
            default:
                throw Diagnostic(
                    location: config.location(of: "src", below: "emoji"),
                    message: "`emoji.src` must be the URL emoji images are served from (`src: /assets/images/emoji`)",
                    source: config.texts[config.location(ofKey: "emoji").file]
                )
            }
        default:
            throw Diagnostic(
                location: config.location(ofKey: "emoji"),
                message: "`emoji` must be a mapping with `src:` (`emoji: {src: /assets/images/emoji}`), as jemoji reads it",
                source: config.texts[config.location(ofKey: "emoji").file]
            )
        }
        if var host = environment["ASSET_HOST_URL"], !host.isEmpty {
            // Ruby's `chomp("/")`: one trailing slash.
            if host.hasSuffix("/") { host.removeLast() }
            return host + "/images/icons/"
        }
        return "https://github.githubassets.com/images/icons/"
    }

    /// Ruby's `File.join(root, path)` for a `path` that does not start with `/`: one `/`
    /// between them unless `root` already ends with one (`File.join("", "x")` is `/x`).
    static func joined(_ root: String, _ path: String) -> String {
        root.hasSuffix("/") ? root + path : root + "/" + path
    }
}
