/// Language names as authors write them after ```` ``` ```` or `{% highlight %}`.
enum Language {
    /// The names of Rouge's plain-text lexer (its tag and its one alias): Rouge would give
    /// one plain token, so no worker is asked. Case matters, as in Rouge's lookup.
    static func isPlainText(_ name: String) -> Bool {
        name == "plaintext" || name == "text" || name.isEmpty
    }

    /// Names of Dockerfiles, highlighted from Strata's own parser in any case (`Dockerfile`,
    /// `docker`, `containerfile`), where Rouge's Docker lexer would take `docker`,
    /// `dockerfile` and `Dockerfile`.
    static func isDockerfile(_ name: String) -> Bool {
        ["docker", "dockerfile", "containerfile"].contains(name.lowercased())
    }
}
