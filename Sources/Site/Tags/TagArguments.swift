import Liquid

/// The arguments of Strata's own tags: positional values, then `name="value"` pairs,
/// e.g. `"dockerfiles/flask-app/Dockerfile" view="stack" write="/app/notes.txt"`.
struct TagArguments: Sendable, Equatable {
    var positional: [String] = []
    var attributes: [String: String] = [:]

    /// Parses `markup`; `fail` turns a message into the tag's located error.
    static func parse(_ markup: String, fail: (String) -> LiquidError) throws(LiquidError) -> TagArguments {
        var result = TagArguments()
        var scalars = Substring(markup).unicodeScalars[...]
        func skipSpace() { while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" { scalars.removeFirst() } }
        func quoted() throws(LiquidError) -> String {
            let quote = scalars.removeFirst()
            var value = String.UnicodeScalarView()
            while let next = scalars.first, next != quote {
                value.append(next)
                scalars.removeFirst()
            }
            guard !scalars.isEmpty else { throw fail("a quoted value is missing its closing \(quote)") }
            scalars.removeFirst()
            return String(value)
        }
        func bare() -> String {
            var value = String.UnicodeScalarView()
            while let next = scalars.first, next != " ", next != "\t", next != "\n", next != "=" {
                value.append(next)
                scalars.removeFirst()
            }
            return String(value)
        }
        skipSpace()
        while let first = scalars.first {
            if first == "\"" || first == "'" {
                guard result.attributes.isEmpty else { throw fail("a quoted value must come before the name=\"value\" options") }
                result.positional.append(try quoted())
            } else {
                let word = bare()
                guard !word.isEmpty else { throw fail("unexpected `\(first)`; expected a quoted path or name=\"value\"") }
                if scalars.first == "=" {
                    scalars.removeFirst()
                    guard let open = scalars.first, open == "\"" || open == "'" else {
                        throw fail("the value of \(word) must be quoted: \(word)=\"…\"")
                    }
                    guard result.attributes[word] == nil else { throw fail("\(word) is given twice") }
                    result.attributes[word] = try quoted()
                } else {
                    guard result.attributes.isEmpty else { throw fail("`\(word)` must come before the name=\"value\" options") }
                    result.positional.append(word)
                }
            }
            skipSpace()
        }
        return result
    }
}
