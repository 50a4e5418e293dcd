import Foundation

/// A colour role of the diagram theme: one CSS custom property with a light and a dark value.
public struct ThemeColor: Sendable, Hashable {
    /// The custom property's name without the leading dashes, e.g. `strata-layer-fs`.
    public var name: String
    public var light: RGB
    public var dark: RGB
    /// What the colour is for; written as a comment into the site's stylesheet.
    public var purpose: String

    public init(_ name: String, light: RGB, dark: RGB, purpose: String) {
        self.name = name
        self.light = light
        self.dark = dark
        self.purpose = purpose
    }

    /// `var(--name, #fallback)` for the given scheme.
    public func reference(dark useDark: Bool) -> String {
        "var(--\(name), \(useDark ? dark.hex : light.hex))"
    }
}

/// An sRGB colour with 8-bit channels.
public struct RGB: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Parses `#rrggbb`; the palette is written in code, so a bad literal is a programming
    /// error caught by the theme tests rather than user input.
    public init(_ hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let value = UInt32(digits, radix: 16) ?? 0
        red = UInt8((value >> 16) & 0xFF)
        green = UInt8((value >> 8) & 0xFF)
        blue = UInt8(value & 0xFF)
    }

    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Relative luminance as defined by WCAG 2.x.
    public var luminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG contrast ratio between two colours (1…21).
    public func contrast(with other: RGB) -> Double {
        let a = luminance, b = other.luminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
