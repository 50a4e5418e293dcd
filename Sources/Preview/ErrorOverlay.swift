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

    /// The overlay as HTML; every piece of failure text is escaped. The body is `failure.rendered`,
    /// the very text the terminal prints (without colour), so the browser and the terminal never
    /// disagree on a message, a caret or a note.
    static func html(for failure: BuildFailure) -> String {
        var out = "<div id=\"\(elementID)\" role=\"alertdialog\" aria-label=\"Build failed\" style=\"\(containerStyle)\">"
        out += "<div style=\"\(titleStyle)\">\(HTMLEscaping.escape(title(for: failure)))</div>"
        out += "<pre style=\"\(blockStyle)\">\(HTMLEscaping.escape(failure.rendered))</pre>"
        out += "<div style=\"color:#a1a1aa\">\(HTMLEscaping.escape(hint))</div>"
        return out + "</div>"
    }

    /// "Build failed — file:line:column" for the first diagnostic.
    static func title(for failure: BuildFailure) -> String {
        var title = "Build failed"
        if let location = failure.location { title += " — " + location }
        return title
    }

    static let hint = "The last good build is still being served. Fix the error and save to rebuild."
}
