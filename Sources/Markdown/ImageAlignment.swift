/// The alt-text markers of the seed's theme: `![Logo ><](…)` centres an image,
/// `<` floats it left and `>` floats it right. The marker is removed from the alt text.
public enum ImageAlignment: String, Sendable, Hashable, CaseIterable {
    case center, left, right

    public var className: String { "align-\(rawValue)" }

    /// Splits `"Docker logo ><"` into `("Docker logo", .center)`; nil when there is no marker.
    public static func split(alt: String) -> (alt: String, alignment: ImageAlignment)? {
        let trimmed = alt.trimmingCharacters(in: .whitespaces)
        let table: [(String, ImageAlignment)] = [("><", .center), ("<", .left), (">", .right)]
        for (marker, alignment) in table where trimmed.hasSuffix(marker) {
            let rest = trimmed.dropLast(marker.count)
            // A marker is a separate word: "a<" is text, "a <" is a marker.
            guard rest.isEmpty || rest.last == " " else { return nil }
            return (rest.trimmingCharacters(in: .whitespaces), alignment)
        }
        return nil
    }
}
