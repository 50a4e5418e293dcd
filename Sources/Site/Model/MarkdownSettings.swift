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
            if case .string(let quotes)? = settings["smart_quotes"] {
                kramdown.typography = !quotes.replacingOccurrences(of: " ", with: "").lowercased().hasPrefix("apos,apos")
            }
            switch settings["toc_levels"] {
            case .array(let items)?:
                kramdown.tocLevels = Set(items.compactMap { if case .int(let level) = $0 { level } else { nil } })
            case .string(let range)?:
                // "2..3" or "1,2,3", as kramdown reads the option.
                let parts = range.components(separatedBy: "..").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if parts.count == 2, parts[0] <= parts[1] {
                    kramdown.tocLevels = Set(parts[0]...parts[1])
                } else {
                    kramdown.tocLevels = Set(range.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
                }
            case .int(let level)?:
                kramdown.tocLevels = [level]
            default: break
            }
        }
        options.kramdown = kramdown
        return options
    }
}
