import Diagnostics

/// The in-page error overlay: server-rendered for pages loaded while the build is broken;
/// the live-reload script builds the same markup from a `failure` event.
enum ErrorOverlay {
    static let elementID = "strata-overlay"

    /// Inline styles so the site's own CSS cannot hide or restyle the overlay.
    static let containerStyle =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;"
        + "background:rgba(24,24,27,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;"
        + "text-align:left"
    static let titleStyle = "color:#f87171;font-weight:bold;font-size:16px;margin:0 0 .5rem"
    static let blockStyle =
        "white-space:pre-wrap;margin:0 0 1rem;padding:1rem;background:#09090b;border-radius:6px;color:#f4f4f5"

    /// The overlay as HTML; every piece of failure text is escaped.
    static func html(for failure: BuildFailure) -> String {
        var title = "Build failed"
        if let location = failure.location { title += " — " + location }
        var out = "<div id=\"\(elementID)\" role=\"alertdialog\" aria-label=\"Build failed\" style=\"\(containerStyle)\">"
        out += "<div style=\"\(titleStyle)\">\(HTMLEscaping.escape(title))</div>"
        out += "<pre style=\"\(blockStyle)\">\(HTMLEscaping.escape(failure.message))</pre>"
        let source = sourceText(for: failure)
        if !source.isEmpty {
            out += "<pre style=\"\(blockStyle)\">\(HTMLEscaping.escape(source))</pre>"
        }
        out += "<div style=\"color:#a1a1aa\">The last good build is still being served. Fix the error and save to rebuild.</div>"
        return out + "</div>"
    }

    /// Numbered source lines with a caret under the failing column, as in the terminal.
    static func sourceText(for failure: BuildFailure) -> String {
        guard !failure.excerpt.isEmpty else { return "" }
        let lastNumber = failure.excerptFirstLine + failure.excerpt.count - 1
        let width = String(lastNumber).count
        var lines: [String] = []
        for (offset, text) in failure.excerpt.enumerated() {
            let number = failure.excerptFirstLine + offset
            let label = String(number)
            lines.append(String(repeating: " ", count: width - label.count) + label + " | " + text)
            if number == failure.line {
                let column = max(1, failure.column ?? 1)
                let pad = text.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                lines.append(String(repeating: " ", count: width) + " | " + pad + "^")
            }
        }
        return lines.joined(separator: "\n")
    }
}
