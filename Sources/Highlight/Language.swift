/// Language names as authors write them after ```` ``` ```` or `{% highlight %}`.
enum Language {
    /// Lower-cased, as Rouge looks lexers up (`Dockerfile` and `dockerfile` are one).
    static func normalised(_ name: String) -> String {
        let lower = name.lowercased()
        return rougeAliases[lower] ?? lower
    }

    /// Names Rouge accepts that Pygments spells differently.
    private static let rougeAliases: [String: String] = [
        "yml": "yaml", "shell-session": "console", "sh-session": "console", "erb": "rhtml", "ru": "ruby",
        "jsonc": "json", "jsonnet": "jsonnet", "proto": "protobuf", "terraform": "hcl", "tf": "hcl",
    ]

    /// Rouge's plain-text lexer names: no colours, but Rouge's markup.
    static func isPlainText(_ name: String) -> Bool {
        ["plaintext", "text", "plain", "txt", ""].contains(name)
    }

    /// Rouge's names for its Dockerfile lexer, highlighted here from Strata's own parser.
    static func isDockerfile(_ name: String) -> Bool {
        ["docker", "dockerfile", "containerfile"].contains(name)
    }
}
