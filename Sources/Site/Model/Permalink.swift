import Foundation
import Diagnostics
import Liquid

/// Expands Jekyll permalink styles and patterns such as
/// `/:categories/:year/:month/:day/:title:output_ext` into URLs.
struct Permalink: Sendable {
    let pattern: String

    static let styles: [String: String] = [
        "date": "/:categories/:year/:month/:day/:title:output_ext",
        "pretty": "/:categories/:year/:month/:day/:title/",
        "ordinal": "/:categories/:year/:y_day/:title:output_ext",
        "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none": "/:categories/:title:output_ext",
    ]

    /// The placeholders Strata knows; any other `:name` is an error.
    static let placeholders: Set<String> = [
        "year", "month", "i_month", "short_month", "long_month", "day", "i_day", "y_day", "short_year",
        "hour", "minute", "second", "week", "w_year", "w_day", "short_day", "long_day", "title", "slug", "name",
        "categories", "slugified_categories", "category", "output_ext", "path", "basename", "collection",
    ]

    /// Resolves a style name to its pattern.
    init(_ styleOrPattern: String) {
        pattern = Permalink.styles[styleOrPattern] ?? styleOrPattern
    }

    /// What Jekyll appends to a page's or a collection document's default URL for the site's
    /// `permalink:` as written (a style name or a pattern): `/` for `pretty` or a pattern ending
    /// in `/`, `:output_ext` for `date`, `ordinal`, `none` or a pattern ending in `:output_ext`,
    /// nothing otherwise (so `/:slug.html` or `weekdate` give pages extensionless URLs such as
    /// `/about`, still written to `about.html`). Follows Jekyll 4.3's `Utils.add_permalink_suffix`.
    static func defaultSuffix(forSiteStyle style: String) -> String {
        switch style {
        case "pretty": return "/"
        case "date", "ordinal", "none": return ":output_ext"
        default:
            return style.hasSuffix("/") ? "/" : (style.hasSuffix(":output_ext") ? ":output_ext" : "")
        }
    }

    struct UnknownPlaceholder: Error {
        let name: String

        /// "did you mean `:year`? " for a likely typo, else empty; for the error's message.
        var suggestion: String {
            NameSuggestion.closest(to: name, in: Permalink.placeholders).map { "did you mean `:\($0)`? " } ?? ""
        }
    }

    /// Checks the pattern once, before any document uses it.
    func validate() throws(UnknownPlaceholder) {
        for token in tokens() {
            if case .placeholder(let name) = token, !Permalink.placeholders.contains(name) {
                throw UnknownPlaceholder(name: name)
            }
        }
    }

    enum Token: Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// Splits the pattern; a placeholder name is letters, digits and `_` after a `:`.
    func tokens() -> [Token] {
        var tokens: [Token] = []
        var literal = ""
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            let next = pattern.index(after: index)
            if character == ":", next < pattern.endIndex, pattern[next].isLetter {
                var end = next
                while end < pattern.endIndex, pattern[end].isLetter || pattern[end].isNumber || pattern[end] == "_" {
                    end = pattern.index(after: end)
                }
                if !literal.isEmpty { tokens.append(.literal(literal)); literal = "" }
                tokens.append(.placeholder(String(pattern[next..<end])))
                index = end
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        return tokens
    }

    /// Values for one document; `date` is read in `timeZone`.
    struct Inputs {
        var date: Date?
        var timeZone: TimeZone
        /// The document's slug as written (front matter `slug:` or the file name's):
        /// `:title` slugifies it keeping case, `:slug` lower-cased, as Jekyll's `UrlDrop`.
        var title: String
        var slug: String
        var categories: [String]
        var outputExtension: String
        /// The source path without extension, relative to the content folder (pages).
        var path: String
        var basename: String
        var collection: String = "posts"
    }

    func expand(_ inputs: Inputs) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = inputs.timeZone
        let parts = inputs.date.map { calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday, .weekOfYear], from: $0) }
        let dayOfYear = inputs.date.flatMap { calendar.ordinality(of: .day, in: .year, for: $0) } ?? 0
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let monthName = parts?.month.map { months[$0 - 1] } ?? ""
        let dayName = parts?.weekday.map { days[$0 - 1] } ?? ""
        // `%V`, `%G` and `%u`: the ISO 8601 week, its year and the weekday (Monday 1).
        // Built only for patterns that use them: a Calendar costs more than the rest here.
        let tokens = tokens()
        let isoParts = tokens.contains(where: { [.placeholder("week"), .placeholder("w_year")].contains($0) })
            ? inputs.date.map { date -> DateComponents in
                var iso = Calendar(identifier: .iso8601)
                iso.timeZone = inputs.timeZone
                return iso.dateComponents([.weekOfYear, .yearForWeekOfYear], from: date)
            }
            : nil
        let isoWeekday = parts?.weekday.map { ($0 + 5) % 7 + 1 } ?? 0
        // Jekyll lower-cases categories in URLs and drops duplicates, keeping order.
        var seen = Set<String>()
        let categories = inputs.categories.map { $0.lowercased() }.filter { seen.insert($0).inserted }
        var url = ""
        for token in tokens {
            switch token {
            case .literal(let text): url += text
            case .placeholder(let name):
                switch name {
                case "year": url += pad(parts?.year, 4)
                case "short_year": url += pad((parts?.year ?? 0) % 100)
                case "month": url += pad(parts?.month)
                case "i_month": url += String(parts?.month ?? 0)
                case "short_month": url += String(monthName.prefix(3))
                case "long_month": url += monthName
                case "day": url += pad(parts?.day)
                case "i_day": url += String(parts?.day ?? 0)
                case "y_day": url += pad(dayOfYear, 3)
                case "hour": url += pad(parts?.hour)
                case "minute": url += pad(parts?.minute)
                case "second": url += pad(parts?.second)
                case "week": url += pad(isoParts?.weekOfYear)
                case "w_year": url += pad(isoParts?.yearForWeekOfYear, 4)
                case "w_day": url += String(isoWeekday)
                case "short_day": url += String(dayName.prefix(3))
                case "long_day": url += dayName
                case "title": url += URLPath.escapeSegment(JekyllSlug.make(inputs.title, mode: "pretty", cased: true))
                case "slug": url += URLPath.escapeSegment(JekyllSlug.make(inputs.slug))
                case "name": url += URLPath.escapeSegment(JekyllSlug.make(inputs.basename))
                case "collection": url += inputs.collection
                // Jekyll escapes the joined categories as a path, so a `/` inside a category nests
                // folders, and `..` is left for `clean` to drop.
                case "categories": url += URLPath.escapePath(categories.joined(separator: "/"))
                case "slugified_categories":
                    var slugs: [String] = []
                    for name in inputs.categories.map({ JekyllSlug.make($0) }) where !slugs.contains(name) { slugs.append(name) }
                    url += slugs.map(URLPath.escapeSegment).joined(separator: "/")
                case "category": url += categories.first.map(URLPath.escapePath) ?? ""
                case "output_ext": url += inputs.outputExtension
                case "path": url += inputs.path
                case "basename": url += URLPath.escapeSegment(inputs.basename)
                default: break
                }
            }
        }
        return URLPath.clean(url)
    }
}

/// Small helpers for URL paths.
enum URLPath {
    /// Jekyll 4.3's `URL#sanitize_url`: a leading `/`, every `..` turned into `/`, `./` removed and runs
    /// of `/` squeezed, so no permalink, slug or category can climb out of the site.
    static func clean(_ url: String) -> String {
        var text = "/" + url
        text = replacingAll("..", with: "/", in: text)
        text = replacingAll("./", with: "", in: text)
        var out = ""
        var lastWasSlash = false
        for character in text {
            if character == "/" {
                if !lastWasSlash { out.append("/") }
                lastWasSlash = true
            } else {
                out.append(character)
                lastWasSlash = false
            }
        }
        return out
    }

    /// Ruby's `gsub` with a plain string: non-overlapping matches, left to right.
    private static func replacingAll(_ target: String, with replacement: String, in text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// Jekyll's `URL.escape_path`: percent-encodes what may not appear in a URL path, keeping `/`.
    static func escapePath(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? text
    }

    /// Percent-encodes what may not appear in a path segment.
    static func escapeSegment(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The file a URL is written to, as Jekyll's `destination`: `/a/` → `a/index.html`, `/a.html` →
    /// `a.html`, and the output extension added when the URL lacks it (`/a` → `a.html`). The URL is
    /// percent-decoded and then resolved as Jekyll's `PathManager.sanitized_path` resolves it against
    /// the destination (`File.expand_path(path, "/")`): `.` and empty segments vanish and `..` cannot go
    /// above the top, so the result always lies inside the destination.
    static func outputPath(for url: String, outputExtension: String = ".html") -> String {
        // Without a `%` there is nothing to decode; Foundation's decoding cost most of this.
        let decoded = url.utf8.contains(UInt8(ascii: "%")) ? url.removingPercentEncoding ?? url : url
        var kept: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !kept.isEmpty { kept.removeLast() }
            default: kept.append(segment)
            }
        }
        var path = kept.joined(separator: "/")
        if path.isEmpty || decoded.hasSuffix("/") || decoded.hasSuffix("/.") || decoded.hasSuffix("/..") {
            path += path.isEmpty ? "index" : "/index"
        }
        if !path.hasSuffix(outputExtension) { path += outputExtension }
        return path
    }
}
