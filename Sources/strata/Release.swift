import Markdown
import Site

/// What `strata --version` prints: Strata's version, then each C library it links.
enum Release {
    /// Semantic version of this release; CHANGELOG.md has a section for each one.
    static let version = "0.1.0"

    /// The C libraries linked at run time, with the version each reports. A feature that
    /// links another library adds one line here.
    static let libraries: [(name: String, version: String)] = [
        ("cmark-gfm", CmarkLibrary.version),
        ("libsass", SassLibrary.version),
    ]

    /// `strata 0.1.0`, then `  cmark-gfm 0.29.0.gfm.6` and so on, one library a line.
    static var versionText: String {
        (["strata \(version)"] + libraries.map { "  \($0.name) \($0.version)" }).joined(separator: "\n")
    }
}
