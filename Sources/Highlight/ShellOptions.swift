/// Rouge's shell lexer marks command options (`-r`, `--no-cache-dir`) as `nt`; Pygments'
/// bash lexer leaves them in plain text. Splitting them out of Pygments' plain runs makes
/// shell (and the RUN lines of Dockerfiles) look as they do under a Rouge theme.
enum ShellOptions {
    static let languages: Set<String> = ["bash", "sh", "shell", "zsh", "ksh", "console", "shell-session"]

    static func mark(_ tokens: [HighlightToken]) -> [HighlightToken] {
        var out: [HighlightToken] = []
        out.reserveCapacity(tokens.count)
        var previousEndsWord = false
        for token in tokens {
            guard token.className == nil, token.text.utf8.contains(UInt8(ascii: "-")) else {
                out.append(token)
                previousEndsWord = !(token.text.last?.isWhitespace ?? true)
                continue
            }
            let characters = Array(token.text)
            var plainStart = 0
            var index = 0
            while index < characters.count {
                let atWordStart = index == 0 ? !previousEndsWord : characters[index - 1] == " " || characters[index - 1] == "\t"
                if atWordStart, characters[index] == "-", index + 1 < characters.count,
                   characters[index + 1] == "-" || characters[index + 1].isLetter || characters[index + 1].isNumber {
                    var end = index + 1
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "-" || characters[end] == "_" { end += 1 }
                    let named = characters[index..<end].contains { $0.isLetter || $0.isNumber }
                    if named && (end == characters.count || characters[end] == " " || characters[end] == "=" || characters[end] == "\t" || characters[end] == "\n") {
                        if plainStart < index { out.append(HighlightToken(String(characters[plainStart..<index]))) }
                        out.append(HighlightToken(String(characters[index..<end]), "nt"))
                        plainStart = end
                        index = end
                        continue
                    }
                }
                index += 1
            }
            if plainStart < characters.count { out.append(HighlightToken(String(characters[plainStart...]))) }
            previousEndsWord = !(token.text.last?.isWhitespace ?? true)
        }
        return out
    }
}
