/// Width estimates for monospace labels and their shortening with an ellipsis.
///
/// Diagrams cannot measure text while rendering (there is no browser), so widths are
/// estimated from the character count. The estimate deliberately errs wide: a label that
/// is a little short of its box looks fine, one that spills out does not.
public struct TextMetrics: Sendable, Hashable {
    /// Font size in SVG user units.
    public var fontSize: Double
    /// Advance width of one monospace cell, as a fraction of the font size. Common
    /// monospace faces (DejaVu Sans Mono, Menlo, Consolas, SF Mono) are 0.60–0.62.
    public var advance: Double

    public init(fontSize: Double, advance: Double = 0.62) {
        self.fontSize = fontSize
        self.advance = advance
    }

    /// The ellipsis appended to shortened labels.
    public static let ellipsis: Character = "…"

    /// Estimated rendered width of `text` in user units.
    public func width(of text: String) -> Double {
        columns(of: text) * advance * fontSize
    }

    /// Estimated width of `text` in monospace cells.
    public func columns(of text: String) -> Double {
        text.reduce(0) { $0 + Self.columns(of: $1) }
    }

    /// Cells one character occupies: two for East Asian wide characters and emoji, a
    /// little more than one for scripts the monospace font probably lacks (the fallback
    /// font is proportional and often wider), zero for invisible format characters.
    public static func columns(of character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 1 }  // drawn as U+FFFD
        switch value {
        case 0..<0x250, 0x370...0x52F: return 1  // Latin, Greek, Cyrillic
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: return 0
        case 0x2010...0x205E, 0x2190...0x22FF, 0x2500...0x25FF: return 1  // punctuation, arrows, maths, shapes
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            if scalar.properties.isEmojiPresentation { return 2 }
            if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
            return 1.5
        }
    }

    /// Collapses runs of whitespace (including the newlines of continued instructions and
    /// heredocs) into single spaces, so a label is one line.
    public static func singleLine(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace || character.isNewline {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(character)
        }
        return out
    }

    /// `text` on one line, shortened with an ellipsis so that it fits in `maxWidth`.
    public func fit(_ text: String, maxWidth: Double) -> FittedText {
        let line = Self.singleLine(text)
        if width(of: line) <= maxWidth {
            return FittedText(display: line, full: text, isShortened: false)
        }
        let budget = maxWidth / (advance * fontSize) - Self.columns(of: Self.ellipsis)
        var used = 0.0
        var kept = ""
        for character in line {
            let cells = Self.columns(of: character)
            if used + cells > budget { break }
            used += cells
            kept.append(character)
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        let display = budget < 0 ? "" : kept + String(Self.ellipsis)
        return FittedText(display: display, full: text, isShortened: true)
    }
}

/// A label as drawn (`display`) and as written (`full`, shown in a tooltip when shortened).
public struct FittedText: Sendable, Hashable {
    public var display: String
    public var full: String
    public var isShortened: Bool
}
