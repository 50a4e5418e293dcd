/// How a view is laid out: for a text column (`wide`) or a phone (`narrow`).
///
/// A wide drawing shrinks with its column: 720–920 units in a phone's ~330 px column would
/// draw 12-unit labels at 5 px. The narrow drawing is 300 units wide, stacks what the wide
/// one puts side by side (the process's boxes, the shared view's columns, the group names
/// beside the layers), wraps long labels, and uses nothing under 12 units, so in any column
/// at least 300 px wide every label is at least 12 CSS px. Pages carry both and let CSS pick.
public enum DiagramLayout: String, CaseIterable, Sendable, Hashable, Codable {
    case wide
    case narrow

    /// Parses a layout name, or says which names exist.
    public init(parsing text: String) throws(DiagramError) {
        guard let layout = DiagramLayout(rawValue: text) else {
            throw .invalidOption(name: "layout", value: text,
                                 expected: "one of " + DiagramLayout.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = layout
    }
}
