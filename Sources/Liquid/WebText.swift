import Foundation

/// Percent-encodes what Addressable's normalization would in a path/query, and drops `.`/`..` segments.
func normalizeURIPath(_ s: String) -> String {
    var path = Substring(s), suffix = Substring("")
    if let i = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = s[..<i]; suffix = s[i...] }
    var segments: [Substring] = []
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    for (i, part) in parts.enumerated() {
        if part == "." { if i == parts.count - 1 { segments.append("") }; continue }
        if part == ".." {
            if segments.count > 1 { segments.removeLast() }
            if i == parts.count - 1 { segments.append("") }
            continue
        }
        segments.append(part)
    }
    let cleaned = segments.joined(separator: "/")
    return percentEncode(cleaned, keeping: "-._~!$&'()*+,;=:@/") + percentEncode(String(suffix), keeping: "-._~!$&'()*+,;=:@/?#")
}

/// An absolute URL with scheme and host lower-cased and the path normalized.
func normalizeURL(_ s: String) -> String {
    guard let schemeEnd = s.range(of: "://") else { return normalizeURIPath(s) }
    let scheme = s[..<schemeEnd.lowerBound].lowercased()
    let rest = s[schemeEnd.upperBound...]
    let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
    var host = rest[..<hostEnd].lowercased()
    if (scheme == "http" && host.hasSuffix(":80")) || (scheme == "https" && host.hasSuffix(":443")), let colon = host.lastIndex(of: ":") {
        host = String(host[..<colon])
    }
    if !host.utf8.allSatisfy({ $0 < 0x80 }) { host = asciiHost(host) }
    var path = normalizeURIPath(String(rest[hostEnd...]))
    if path.isEmpty { path = "/" }
    return scheme + "://" + host + path
}

/// An authority (`user@host:port`) with an international host name in its ASCII (IDNA,
/// punycode) form, as Addressable's `normalize` writes it for Jekyll's `absolute_url`:
/// `ümlaut.example.org` → `xn--mlaut-jva.example.org`. Foundation's URLComponents does
/// the IDNA conversion (ICU's UTS #46); a host it cannot convert stays as written.
func asciiHost(_ authority: String) -> String {
    var userInfo = "", host = Substring(authority), port = ""
    if let at = host.lastIndex(of: "@") { userInfo = String(host[...at]); host = host[host.index(after: at)...] }
    if let colon = host.lastIndex(of: ":"), !host.hasPrefix("["), host[host.index(after: colon)...].allSatisfy(\.isASCII) {
        port = String(host[colon...])
        host = host[..<colon]
    }
    var components = URLComponents()
    components.host = String(host)
    guard let encoded = components.encodedHost, !encoded.isEmpty, encoded.utf8.allSatisfy({ $0 < 0x80 }), !encoded.contains("%") else { return authority }
    return userInfo + encoded + port
}

/// Percent-encodes UTF-8 bytes outside unreserved characters and `keeping`; well-formed `%XX` stays.
func percentEncode(_ s: String, keeping: String) -> String {
    // Bytes in, bytes out: Character's Unicode properties per byte cost more than the rest
    // of `relative_url`, which every page calls a dozen times.
    var keep = (low: UInt64(0), high: UInt64(0))
    for b in keeping.utf8 where b < 128 {
        if b < 64 { keep.low |= 1 << UInt64(b) } else { keep.high |= 1 << UInt64(b - 64) }
    }
    func kept(_ b: UInt8) -> Bool {
        if (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) { return true }
        return b < 64 ? keep.low & (1 << UInt64(b)) != 0 : b < 128 && keep.high & (1 << UInt64(b - 64)) != 0
    }
    let hex = Array("0123456789ABCDEF".utf8)
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b == UInt8(ascii: "%"), i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
            out += [b, upperHex(bytes[i + 1]), upperHex(bytes[i + 2])]
            i += 3
            continue
        }
        if kept(b) { out.append(b) } else { out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]] }
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

private func upperHex(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x66 ? b - 0x20 : b }

private func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }

/// Jekyll's `uri_escape` (Addressable's `normalize_component`): reserved characters stay, others are encoded.
func uriEscape(_ s: String) -> String { percentEncode(s, keeping: "-._~:/?#[]@!$&'()*+,;=") }

/// Jekyll's `slugify` with its modes: raw, default, pretty, ascii, latin (and `none`, which only lower-cases).
func slugify(_ input: String, mode rawMode: String?, cased: Bool = false) -> String {
    let mode = rawMode ?? "default"
    guard ["raw", "default", "pretty", "ascii", "latin"].contains(mode) else { return cased ? input : input.lowercased() }
    var string = input
    if mode == "latin" {
        // I18n.transliterate: strip accents; anything still non-ASCII becomes "?".
        string = String(string.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !$0.properties.isDiacritic || $0.isASCII }
            .map { $0.isASCII ? Character($0) : "?" })
    }
    func keep(_ u: Unicode.Scalar) -> Bool {
        switch mode {
        case "raw": return !u.properties.isWhitespace
        case "pretty": return isLetterMarkOrDigit(u) || "._~!$&'()+,;=@".unicodeScalars.contains(u)
        case "ascii": return u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u))
        default: return isLetterMarkOrDigit(u)
        }
    }
    var slug = ""
    var inRun = false
    for u in string.unicodeScalars {
        if keep(u) {
            slug.unicodeScalars.append(u)
            inRun = false
        } else if !inRun {
            slug += "-"
            inRun = true
        }
    }
    // Ruby's `^-|-$` anchors at line boundaries too; slugs rarely keep newlines, so the ends suffice.
    if slug.hasPrefix("-") { slug.removeFirst() }
    if slug.hasSuffix("-") { slug.removeLast() }
    return cased ? slug : slug.lowercased()
}

private func isLetterMarkOrDigit(_ u: Unicode.Scalar) -> Bool {
    switch u.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
         .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
        return true
    default: return false
    }
}

/// Ruby's `encode(xml: :attr)` without the surrounding quotes: `& < > " '` as entities.
func xmlEscape(_ s: String) -> String {
    escapeEntities(s, apostrophe: "&apos;")
}

/// SmartyPants typography as Jekyll's `smartify` applies it: curly quotes, dashes and ellipses as characters;
/// HTML tags pass through untouched and a bare `&` is escaped.
func smartify(_ s: String) -> String {
    let chars = Array(s)
    var out = ""
    var i = 0
    while i < chars.count {
        let c = chars[i]
        let prev: Character? = i > 0 ? chars[i - 1] : nil
        let opening = prev.map { $0.isWhitespace || "([{-\u{2013}\u{2014}".contains($0) } ?? true
        switch c {
        case "<":
            // A tag is copied verbatim so attribute quotes stay straight.
            if let close = chars[i...].firstIndex(of: ">"), i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "/" || chars[i + 1] == "!" {
                out += String(chars[i...close])
                i = close + 1
                continue
            }
            out += "&lt;"
        case "\"": out += opening ? "\u{201C}" : "\u{201D}"
        case "'": out += opening ? "\u{2018}" : "\u{2019}"
        case "-" where i + 2 < chars.count && chars[i + 1] == "-" && chars[i + 2] == "-": out += "\u{2014}"; i += 2
        case "-" where i + 1 < chars.count && chars[i + 1] == "-": out += "\u{2013}"; i += 1
        case "." where i + 2 < chars.count && chars[i + 1] == "." && chars[i + 2] == ".": out += "\u{2026}"; i += 2
        case ">": out += "&gt;"
        case "&":
            // kramdown writes a character reference as its character, except the three that
            // must stay escaped; a name it does not know is text, so its `&` is escaped.
            let rest = String(chars[(i + 1)...].prefix(12))
            if let match = rest.range(of: #"^(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"#, options: .regularExpression) {
                let name = String(rest[match].dropLast())
                var code: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { code = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { code = UInt32(name.dropFirst()) }
                else { code = html4Entities[name] }
                if let code, let scalar = Unicode.Scalar(code), code != 0 {
                    switch scalar {
                    case "&": out += "&amp;"
                    case "<": out += "&lt;"
                    case ">": out += "&gt;"
                    default: out.unicodeScalars.append(scalar)
                    }
                    i += name.count + 2
                    continue
                }
            }
            out += "&amp;"
        default: out.append(c)
        }
        i += 1
    }
    return out
}

/// Jekyll's highlight drops the newlines before and after the code (not other blanks).
func trimBlankEnds(_ code: String) -> String {
    var body = Substring(code)
    while let f = body.first, f == "\n" || f == "\r" || f == "\r\n" { body.removeFirst() }
    while let l = body.last, l == "\n" || l == "\r" || l == "\r\n" { body.removeLast() }
    return String(body)
}

/// The markup Jekyll's `highlight` produces, without colours (used when no highlighter is
/// configured): the code escaped inside `<pre><code>`.
func highlightHTML(_ block: HighlightBlock) -> String {
    let lang = block.language.replacingOccurrences(of: "+", with: "-")
    return "<figure class=\"highlight\"><pre><code class=\"language-\(htmlEscape(lang))\" data-lang=\"\(htmlEscape(block.language))\">"
        + escapeCode(block.code) + "</code></pre></figure>"
}

/// Rouge escapes only `&`, `<` and `>` in code; quotes stay as typed.
private func escapeCode(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
