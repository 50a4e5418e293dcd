import Diagnostics

extension BuildFailure {
    /// Makes the overlay's view of a build diagnostic, keeping its position and excerpt.
    public init(_ diagnostic: Diagnostic) {
        self.init(
            message: diagnostic.message,
            file: diagnostic.location?.file,
            line: diagnostic.location?.line,
            column: diagnostic.location?.column,
            excerptFirstLine: diagnostic.excerpt?.firstLine ?? 1,
            excerpt: diagnostic.excerpt?.lines ?? [],
            rendered: diagnostic.rendered
        )
    }
}
