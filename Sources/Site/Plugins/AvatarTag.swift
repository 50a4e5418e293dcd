import Diagnostics
import Foundation
import Liquid

/// jekyll-avatar (0.7): `{% avatar hubot %}`, `{% avatar @hubot size=80 %}`,
/// `{% avatar user=page.author %}`, `{% avatar {{ site.owner }} lazy=true %}`: the gem's
/// `<img>` of a GitHub avatar, on the `avatarsN.githubusercontent.com` server the gem picks
/// (CRC-32 of the path, modulo 4), with a `srcset` at 1x to 4x. `PAGES_AVATARS_URL` (a
/// GitHub Enterprise host) is not read. Attribute values are HTML-escaped, which changes
/// nothing for GitHub user names.
enum AvatarTag {
    static let name = "jekyll-avatar"

    static func make() -> CustomTag {
        CustomTag(name: "avatar") { (invocation: CustomTagInvocation, context: TagContext) throws(LiquidError) -> String in
            let raw = invocation.markup.trimmingCharacters(in: .whitespacesAndNewlines)
            // The gem renders its markup as a Liquid template first.
            let text = try renderOutputs(raw, context: context)
            let size = firstGroup(#"\bsize=(\d+)\b"#, in: raw, caseInsensitive: true) ?? "40"
            let username: String
            if let variable = firstGroup(#"\buser=([\w.]+)\b"#, in: raw, caseInsensitive: false) {
                username = context.variable(variable).map(SiteTagText.string) ?? variable
            } else {
                let first = text.contains(" ") ? String(text.split(separator: " ").first ?? "") : text
                username = first.hasPrefix("@") ? String(first.dropFirst()) : first
            }
            let pixels = Int(size) ?? 40
            func path(_ scale: Int) -> String { "\(username)?v=3&s=\(scale == 1 ? size : String(pixels * scale))" }
            let host = "https://avatars\(crc32(Array(path(1).utf8)) % 4).githubusercontent.com"
            func url(_ scale: Int) -> String { "\(host)/\(path(scale))" }
            let srcset = (1...4).map { "\(url($0)) \($0)x" }.joined(separator: ", ")
            var attributes = [
                ("class", pixels < 48 ? "avatar avatar-small" : "avatar"), ("alt", username),
                ("width", size), ("height", size), ("data-proofer-ignore", "true"),
            ]
            if text.contains("lazy=true") {
                attributes += [("src", ""), ("data-src", url(1)), ("data-srcset", srcset)]
            } else {
                attributes += [("src", url(1)), ("srcset", srcset)]
            }
            return "<img " + attributes.map { "\($0.0)=\"\(HTMLEscaping.escape($0.1))\"" }.joined(separator: " ") + " />"
        }
    }

    /// `{{ expression }}` parts of the markup replaced by their values.
    private static func renderOutputs(_ markup: String, context: TagContext) throws(LiquidError) -> String {
        var result = ""
        var rest = Substring(markup)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let expression = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result += SiteTagText.string(try context.evaluate(expression))
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    private static func firstGroup(_ pattern: String, in text: String, caseInsensitive: Bool) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    /// zlib's CRC-32 (the gem's `Zlib.crc32`).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
