import Foundation
import Liquid
import Markdown

extension SiteConfiguration {
    /// `markdown:` and `kramdown:` as Jekyll reads them: kramdown unless `markdown` names
    /// CommonMark or GFM (then GitHub's rendering, as before kramdown support).
    var markdownOptions: MarkdownOptions {
        var options = MarkdownOptions()
        let engine: String
        if case .string(let name)? = values["markdown"] { engine = name.lowercased() } else { engine = "kramdown" }
        guard engine == "kramdown" else { return options }
        var kramdown = KramdownOptions()
        if case .object(let settings)? = values["kramdown"] {
            if case .bool(let flag)? = settings["auto_ids"] { kramdown.autoIDs = flag }
            if case .string(let prefix)? = settings["auto_id_prefix"] { kramdown.autoIDPrefix = prefix }
            if case .string(let input)? = settings["input"] { kramdown.gfmInput = input.lowercased() == "gfm" }
            // Four entity names; an unknown name (Jekyll stops on it) keeps kramdown's default.
            switch settings["smart_quotes"] {
            case .string(let quotes)?: kramdown.smartQuotes = SmartQuotes(option: quotes) ?? .typographic
            case .array(let items)?:
                let names = items.compactMap { if case .string(let name) = $0 { name } else { nil } }
                kramdown.smartQuotes = SmartQuotes(option: names.joined(separator: ",")) ?? .typographic
            default: break
            }
            switch settings["toc_levels"] {
            case .array(let items)?:
                kramdown.tocLevels = Set(items.compactMap { if case .int(let level) = $0 { level } else { nil } })
            case .string(let range)?:
                kramdown.tocLevels = KramdownOptions.tocLevels(parsing: range) ?? []
            case .int(let level)?:
                kramdown.tocLevels = [level]
            default: break
            }
        }
        options.kramdown = kramdown
        return options
    }

    /// Whether kramdown colours Markdown's code, as Jekyll 4.3 sets it up: the highlighter is
    /// `kramdown.syntax_highlighter`, else `highlighter`, else `rouge`; kramdown writes code
    /// plain (`<pre><code class="language-X">`, `<code>`) for any other name (`pygments`, whose
    /// gem Jekyll 4 no longer uses; `none`) and with `syntax_highlighter_opts.disable: true`.
    /// Only kramdown: other `markdown:` engines keep Strata's coloured code. `{% highlight %}`
    /// is Jekyll's own tag and always uses Rouge, so it is not affected.
    /// kramdown's `syntax_highlighter_opts: {block: {line_numbers: true}}` (or the same at the
    /// options' top level, which kramdown merges into the block options): Rouge's table of line
    /// numbers around every fenced or indented code block, as mediumish turns on. Only with
    /// kramdown, as only kramdown reads these options.
    var kramdownBlockLineNumbers: Bool {
        if case .string(let name)? = values["markdown"], name.lowercased() != "kramdown" { return false }
        guard case .object(let kramdown)? = values["kramdown"], case .object(let options)? = kramdown["syntax_highlighter_opts"] else { return false }
        if case .object(let block)? = options["block"], let value = block["line_numbers"] { return value.isTruthy }
        return options["line_numbers"]?.isTruthy ?? false
    }

    var kramdownColoursCode: Bool {
        if case .string(let name)? = values["markdown"], name.lowercased() != "kramdown" { return true }
        let kramdown: ValueObject
        if case .object(let settings)? = values["kramdown"] { kramdown = settings } else { kramdown = ValueObject() }
        if case .object(let options)? = kramdown["syntax_highlighter_opts"], case .bool(true)? = options["disable"] { return false }
        if case .string(let name)? = kramdown["syntax_highlighter"] { return name == "rouge" }
        if case .string(let name)? = values["highlighter"] { return name == "rouge" }
        return true
    }
}
