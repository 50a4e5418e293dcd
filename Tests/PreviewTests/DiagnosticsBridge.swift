import Diagnostics

enum DiagnosticsBridge {
    static let sample = Diagnostic(
        location: SourceLocation(file: "_posts/a.md", line: 3, column: 7),
        message: "unknown filter",
        source: "one\ntwo\nthree {{ x | nope }}\nfour\nfive\nsix",
        kind: Diagnostic.Kind(rawValue: "bodies")
    )
}
