/// The diagram palette: every colour the views use, as CSS custom properties with light and
/// dark values, and the scoped style block embedded in each SVG.
public enum DiagramTheme {
    public static let background = ThemeColor("strata-diagram-bg", light: RGB("#ffffff"), dark: RGB("#0d1117"),
                                              purpose: "diagram background")
    public static let text = ThemeColor("strata-diagram-text", light: RGB("#1f2328"), dark: RGB("#e6edf3"),
                                        purpose: "labels")
    public static let muted = ThemeColor("strata-diagram-muted", light: RGB("#59636e"), dark: RGB("#9ea7b3"),
                                         purpose: "secondary labels, arrows, group brackets")
    public static let fsLayer = ThemeColor("strata-layer-fs", light: RGB("#dbeafe"), dark: RGB("#12304f"),
                                           purpose: "filesystem layer fill")
    public static let fsLayerStroke = ThemeColor("strata-layer-fs-stroke", light: RGB("#1d4ed8"), dark: RGB("#58a6ff"),
                                                 purpose: "filesystem layer outline")
    public static let emptyLayer = ThemeColor("strata-layer-empty", light: RGB("#f6f8fa"), dark: RGB("#161b22"),
                                              purpose: "config-only (empty) layer fill")
    public static let emptyLayerStroke = ThemeColor("strata-layer-empty-stroke", light: RGB("#6e7781"),
                                                    dark: RGB("#8b949e"), purpose: "config-only layer dashed outline")
    public static let shared = ThemeColor("strata-layer-shared", light: RGB("#116329"), dark: RGB("#3fb950"),
                                          purpose: "marker of layers shared with another image")
    public static let writable = ThemeColor("strata-layer-writable", light: RGB("#fff8c5"), dark: RGB("#2e2508"),
                                            purpose: "container's writable layer fill")
    public static let writableStroke = ThemeColor("strata-layer-writable-stroke", light: RGB("#9a6700"),
                                                  dark: RGB("#d29922"), purpose: "writable layer outline")
    public static let changeAdded = ThemeColor("strata-change-added", light: RGB("#116329"), dark: RGB("#56d364"),
                                               purpose: "a file written in the container")
    public static let changeModified = ThemeColor("strata-change-modified", light: RGB("#7d4e00"), dark: RGB("#e3b341"),
                                                  purpose: "a file copied up and modified")
    public static let changeDeleted = ThemeColor("strata-change-deleted", light: RGB("#b3261e"), dark: RGB("#ff7b72"),
                                                 purpose: "a whiteout (deleted file)")
    public static let image = ThemeColor("strata-image", light: RGB("#e8ecff"), dark: RGB("#1c2348"),
                                         purpose: "image node fill (chain, process)")
    public static let imageStroke = ThemeColor("strata-image-stroke", light: RGB("#4c5fd5"), dark: RGB("#8c9eff"),
                                               purpose: "image node outline")
    public static let group = ThemeColor("strata-group", light: RGB("#f3f4f6"), dark: RGB("#11161d"),
                                         purpose: "band behind the layers of one source image")

    /// Every colour, in the order they are written to CSS.
    public static let all: [ThemeColor] = [
        background, text, muted, fsLayer, fsLayerStroke, emptyLayer, emptyLayerStroke, shared,
        writable, writableStroke, changeAdded, changeModified, changeDeleted, image, imageStroke, group,
    ]

    /// Text/background pairs that the views actually draw, for the contrast tests.
    public static let textPairs: [(foreground: ThemeColor, background: ThemeColor)] = [
        (text, background), (muted, background), (text, fsLayer), (text, emptyLayer), (muted, emptyLayer),
        (text, writable), (muted, writable), (changeAdded, writable), (changeModified, writable),
        (changeDeleted, writable), (text, image), (muted, image), (shared, background), (shared, group),
        (text, group), (muted, group), (shared, fsLayer), (muted, fsLayer),
    ]

    /// The monospace stack: no web fonts, only what the reader's system has.
    public static let fontFamily =
        "ui-monospace, SFMono-Regular, 'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"

    /// The stylesheet for the site: the custom properties for both schemes.
    public static var siteCSS: String {
        var out = "/* Diagram colours (generated from DiagramTheme; re-record with STRATA_RECORD=1). */\n"
        out += ":root {\n"
        for color in all { out += "  --\(color.name): \(color.light.hex); /* \(color.purpose) */\n" }
        out += "}\n\n@media (prefers-color-scheme: dark) {\n  :root {\n"
        for color in all { out += "    --\(color.name): \(color.dark.hex);\n" }
        out += "  }\n}\n\n"
        out += ".strata-diagram {\n  max-width: 100%;\n  height: auto;\n}\n"
        return out
    }

    /// The `<style>` content of one diagram, every rule scoped to its root id so several
    /// inline diagrams never affect each other. Colours go through the custom properties, so
    /// the site's themes win; the fallbacks make a standalone file right in both schemes.
    static func scopedCSS(rootID: String) -> String {
        let scope = "#" + rootID
        func rules(dark: Bool) -> [String] {
            func c(_ color: ThemeColor) -> String { color.reference(dark: dark) }
            return [
                "\(scope) .bg { fill: \(c(background)); }",
                "\(scope) text { fill: \(c(text)); font-family: \(fontFamily); }",
                "\(scope) .muted { fill: \(c(muted)); }",
                "\(scope) .layer-fs { fill: \(c(fsLayer)); stroke: \(c(fsLayerStroke)); }",
                "\(scope) .layer-empty { fill: \(c(emptyLayer)); stroke: \(c(emptyLayerStroke)); }",
                "\(scope) .layer-writable { fill: \(c(writable)); stroke: \(c(writableStroke)); }",
                "\(scope) .group { fill: \(c(group)); stroke: \(c(muted)); }",
                "\(scope) .node-image { fill: \(c(image)); stroke: \(c(imageStroke)); }",
                "\(scope) .node-other { fill: \(c(emptyLayer)); stroke: \(c(muted)); }",
                "\(scope) .node-container { fill: \(c(writable)); stroke: \(c(writableStroke)); }",
                "\(scope) .shared-mark { fill: \(c(shared)); stroke: \(c(shared)); }",
                "\(scope) text.shared { fill: \(c(shared)); }",
                "\(scope) text.change-added { fill: \(c(changeAdded)); }",
                "\(scope) text.change-modified { fill: \(c(changeModified)); }",
                "\(scope) text.change-deleted { fill: \(c(changeDeleted)); }",
                "\(scope) .arrow { stroke: \(c(muted)); fill: none; }",
                "\(scope) .arrow-head { fill: \(c(muted)); }",
                "\(scope) .link { stroke: \(c(shared)); fill: none; }",
            ]
        }
        var lines = ["\(scope) { max-width: 100%; height: auto; }"]
        lines += rules(dark: false)
        lines.append("@media (prefers-color-scheme: dark) {")
        lines += rules(dark: true).map { "  " + $0 }
        lines.append("}")
        return "\n" + lines.joined(separator: "\n") + "\n"
    }
}
