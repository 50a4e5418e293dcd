import Foundation

extension Renderer {
    func stringFilter(_ name: String, _ input: Value, _ c: FilterCallContext) throws(LiquidError) -> Value? {
        guard FilterTable.stringFilters.contains(name) else { return nil }
        let s = input.rubyToS
        switch name {
        case "downcase": return .string(s.lowercased())
        case "upcase": return .string(s.uppercased())
        case "capitalize":
            guard let first = s.first else { return .string("") }
            return .string(first.uppercased() + s.dropFirst().lowercased())
        case "escape", "h": return input.isNull ? .null : .string(htmlEscape(s))
        case "escape_once": return .string(htmlEscapeOnce(s))
        case "url_encode": return input.isNull ? .null : .string(cgiEscape(s))
        case "url_decode":
            guard !input.isNull else { return .null }
            guard let decoded = cgiUnescape(s) else { throw c.error("invalid byte sequence in UTF-8") }
            return .string(decoded)
        case "base64_encode": return .string(Data(s.utf8).base64EncodedString())
        case "base64_url_safe_encode":
            return .string(Data(s.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        case "base64_decode", "base64_url_safe_decode":
            var text = s
            if name == "base64_url_safe_decode" {
                text = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                if !text.hasSuffix("="), text.count % 4 != 0 { text += String(repeating: "=", count: 4 - text.count % 4) }
            }
            guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                throw c.error("invalid base64 provided to \(name)")
            }
            return .string(decoded)
        case "slice":
            let offset = try c.integer(c.args[0])
            let length = try c.arg(1).map { v throws(LiquidError) in try c.integer(v) } ?? 1
            if case .array(let a) = input {
                return .array(rubySlice(a, offset, length) ?? [])
            }
            return .string(rubySlice(Array(s), offset, length).map { String($0) } ?? "")
        case "truncate":
            if input.isNull { return .null }
            let length = try c.arg(0).map { v throws(LiquidError) in try c.integer(v) } ?? 50
            let ellipsis = c.arg(1)?.rubyToS ?? "..."
            let chars = Array(s)
            guard chars.count > length else { return .string(s) }
            // Ruby: `l = length - ellipsis.length; l = 0 if l < 0`, on integers that cannot overflow.
            let keep = length <= ellipsis.count ? 0 : length - ellipsis.count
            return .string(String(chars.prefix(keep)) + ellipsis)
        case "truncatewords":
            if input.isNull { return .null }
            var words = try c.arg(0).map { v throws(LiquidError) in try c.integer(v) } ?? 15
            if words <= 0 { words = 1 }
            // Ruby hands `words + 1` to C's `split` limit, an `int`, and 5.4 reports the overflow.
            if words >= Int(Int32.max) { throw c.error("integer \(words) too big for truncatewords") }
            let ellipsis = c.arg(1)?.rubyToS ?? "..."
            let all = s.split(whereSeparator: { $0.isRubyWhitespace })
            // Ruby's `split(" ", words + 1)` keeps an empty last piece after trailing
            // whitespace, so exactly `words` words followed by a space or newline count
            // as more and get the ellipsis too (Liquid 5.4).
            let trailingSpace = s.last.map { $0.isRubyWhitespace } ?? false
            guard all.count > words || (all.count == words && trailingSpace) else { return .string(s) }
            return .string(all.prefix(words).joined(separator: " ") + ellipsis)
        case "split": return .array(rubySplit(s, c.args[0].rubyToS).map { .string($0) })
        case "strip": return .string(rubyStrip(s, leading: true, trailing: true))
        case "lstrip": return .string(rubyStrip(s, leading: true, trailing: false))
        case "rstrip": return .string(rubyStrip(s, leading: false, trailing: true))
        case "strip_html": return .string(stripHTML(s))
        case "strip_newlines": return .string(s.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: ""))
        case "newline_to_br":
            return .string(s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "<br />\n"))
        case "replace", "replace_first", "replace_last", "remove", "remove_first", "remove_last":
            let pattern = c.args[0].rubyToS
            let replacement = name.hasPrefix("remove") ? "" : (c.arg(1)?.rubyToS ?? "")
            if name.hasSuffix("_last") {
                // Byte search: Foundation's range(of:) reads a NUL in the pattern as its end and returns
                // a range past the string's end (found by fuzzing).
                guard !pattern.isEmpty, var last = TextSearch.range(of: pattern, in: s) else { return .string(s) }
                while let next = TextSearch.range(of: pattern, in: s, from: s.utf8.index(after: last.lowerBound)) { last = next }
                return .string(String(s[..<last.lowerBound]) + replacement + s[last.upperBound...])
            }
            return .string(rubySub(s, pattern, replacement, global: !name.hasSuffix("_first")))
        case "append": return .string(s + c.args[0].rubyToS)
        case "prepend": return .string(c.args[0].rubyToS + s)
        case "date":
            let format = c.args[0].rubyToS
            if format.isEmpty { return input }
            guard let date = liquidDate(from: input, timeZone: config.timeZone) else { return input }
            // Ruby raises Errno::ERANGE for a width past its buffer; Liquid reports it as an error.
            guard let formatted = date.checkedStrftime(format) else { throw c.error("Numerical result out of range - \(format)") }
            return .string(formatted)
        default: return nil
        }
    }
}

/// Ruby's `sub`/`gsub` with a string pattern: the replacement still expands `\\0`, `\\&`, `` \\` ``, `\\'` and `\\\\`.
func rubySub(_ s: String, _ pattern: String, _ replacement: String, global: Bool) -> String {
    let needsExpansion = replacement.contains("\\")
    var out = ""
    var rest = s[...]
    if pattern.isEmpty {
        // An empty pattern matches before every character and at the end.
        var result = ""
        for (i, c) in s.enumerated() {
            if i == 0 || global { result += expand(replacement, match: "", pre: String(s.prefix(i)), post: String(s.dropFirst(i)), needsExpansion) }
            result.append(c)
        }
        if global || s.isEmpty { result += expand(replacement, match: "", pre: s, post: "", needsExpansion) }
        return result
    }
    // Byte search over the whole string: Foundation's range(of:) mishandles a NUL in the pattern and
    // returned a range past the end, which trapped (found by fuzzing).
    while let r = TextSearch.range(of: pattern, in: s, from: rest.startIndex) {
        out += s[rest.startIndex..<r.lowerBound]
        out += expand(replacement, match: pattern, pre: String(s[..<r.lowerBound]), post: String(s[r.upperBound...]), needsExpansion)
        rest = s[r.upperBound...]
        if !global { break }
    }
    return out + rest
}

private func expand(_ replacement: String, match: String, pre: String, post: String, _ needed: Bool) -> String {
    guard needed else { return replacement }
    var out = ""
    var chars = replacement[...]
    while let c = chars.popFirst() {
        guard c == "\\", let n = chars.first else { out.append(c); continue }
        switch n {
        case "\\": out.append("\\")
        case "0", "&": out += match
        case "`": out += pre
        case "'": out += post
        case "1"..."9": break
        default: out.append(c); out.append(n)
        }
        chars.removeFirst()
    }
    return out
}

/// Ruby `Array#slice(start, length)`: nil when start is past the end or length is negative.
func rubySlice<T>(_ items: [T], _ offset: Int, _ length: Int) -> [T]? {
    let start = offset < 0 ? items.count + offset : offset
    guard start >= 0, start <= items.count, length >= 0 else { return nil }
    return Array(items[start..<min(items.count, start + min(length, items.count))])
}

/// Ruby `String#split(pattern)`: `" "` splits on runs of whitespace, `""` into characters; trailing empties dropped.
func rubySplit(_ s: String, _ pattern: String) -> [String] {
    var parts: [String]
    if pattern == " " {
        parts = s.split(whereSeparator: { $0.isRubyWhitespace }).map(String.init)
    } else if pattern.isEmpty {
        parts = s.map { String($0) }
    } else {
        parts = s.components(separatedBy: pattern)
    }
    while let last = parts.last, last.isEmpty { parts.removeLast() }
    return parts
}

func rubyStrip(_ s: String, leading: Bool, trailing: Bool) -> String {
    var sub = Substring(s)
    if leading { sub = sub.drop(while: { $0.isRubyWhitespace }) }
    if trailing { while let l = sub.last, l.isRubyWhitespace { sub.removeLast() } }
    return String(sub)
}

/// Escapes `& < > " '` as Ruby's `CGI.escapeHTML` does.
func htmlEscape(_ s: String) -> String {
    escapeEntities(s, apostrophe: "&#39;")
}

/// `& < > "` as entities and `'` as `apostrophe`: the one difference between Ruby's HTML
/// (`&#39;`) and XML (`&apos;`) escaping.
func escapeEntities(_ s: String, apostrophe: String) -> String {
    // Only the five ASCII characters change (each is a Character of its own scalar), so text
    // without their bytes is its own escape: most titles, dates and URLs.
    guard s.utf8.contains(where: isEscapedByte) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += apostrophe
        default: out.append(c)
        }
    }
    return out
}

/// Like `htmlEscape`, but leaves existing entities (`&amp;`, `&#39;`) alone.
func htmlEscapeOnce(_ s: String) -> String {
    guard s.utf8.contains(where: isEscapedByte) else { return s }
    let chars = Array(s)
    var out = ""
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if c == "&" {
            var j = i + 1
            if j < chars.count, chars[j] == "#" {
                j += 1
                let start = j
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                if j > start, j < chars.count, chars[j] == ";" { out.append(c); i += 1; continue }
            } else {
                let start = j
                while j < chars.count, chars[j].isASCII, chars[j].isLetter { j += 1 }
                if j > start, j < chars.count, chars[j] == ";" { out.append(c); i += 1; continue }
            }
            out += "&amp;"
        } else {
            // `htmlEscape` of the one Character, without making a String of it first.
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        i += 1
    }
    return out
}

/// `& < > " '`: the bytes HTML and XML escaping change.
private func isEscapedByte(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
        || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
}

/// Ruby's `CGI.escape`: form encoding, space as `+`.
func cgiEscape(_ s: String) -> String {
    var out = ""
    for byte in s.utf8 {
        let c = Character(Unicode.Scalar(byte))
        if byte < 128, c.isLetter || c.isNumber || "_.-~".contains(c) { out.append(c) }
        else if byte == 32 { out += "+" }
        else { out += String(format: "%%%02X", byte) }
    }
    return out
}

func cgiUnescape(_ s: String) -> String? {
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
        if u[i] == UInt8(ascii: "+") { bytes.append(32); i += 1; continue }
        if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let v = UInt8(String(decoding: u[i + 1...i + 2], as: UTF8.self), radix: 16) {
            bytes.append(v); i += 3; continue
        }
        bytes.append(u[i]); i += 1
    }
    return String(validating: bytes, as: UTF8.self)
}

/// Removes `<script>`, `<style>` and comment blocks, then every tag: Liquid's four
/// substitutions (`/<script.*?<\/script>/m`, `/<!--.*?-->/m`, `/<style.*?<\/style>/m`,
/// `/<.*?>/m`), one after another, each removing every shortest match from left to right.
/// On bytes: every delimiter is ASCII, so no match can split a character, and a regex
/// compiled per call and run through NSString cost more than the rest of an SEO tag.
func stripHTML(_ s: String) -> String {
    guard s.utf8.contains(UInt8(ascii: "<")) else { return s }
    var bytes = Array(s.utf8)
    for (open, close) in [("<script", "</script>"), ("<!--", "-->"), ("<style", "</style>"), ("<", ">")] {
        bytes = removingDelimited(bytes, open: Array(open.utf8), close: Array(close.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// `bytes` without each span from `open` to the first `close` after it (the regex
/// `open.*?close` with `.` matching newlines); an `open` with no `close` after it stays.
private func removingDelimited(_ bytes: [UInt8], open: [UInt8], close: [UInt8]) -> [UInt8] {
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var copied = 0
    var cursor = 0
    while let start = find(open, from: cursor) {
        // The shortest match ends at the first `close` after `open`; without one, no later
        // `open` has one either, so nothing more matches.
        guard let end = find(close, from: start + open.count) else { break }
        out += bytes[copied..<start]
        copied = end + close.count
        cursor = copied
    }
    out += bytes[copied...]
    return out
}
