/// What a kramdown document defines for the whole of itself, wherever the definition
/// stands: attribute list definitions (`{:name: .class}`), abbreviations
/// (`*[HTML]: Hyper Text Markup Language`) and `{::options … /}` settings. Blocks
/// rendered apart (`markdown="1"`, definition lists) inherit them.
struct KramdownDefinitions {
    /// Attribute list definitions by name, referenced as `{: name}`.
    var attributeLists: [String: AttributeList] = [:]
    /// Abbreviations and their titles (an empty title writes no `title`).
    var abbreviations: [String: String] = [:]
    /// The document's options: the site's, then its `{::options}`.
    var options: KramdownOptions

    init(options: KramdownOptions) {
        self.options = options
    }

    /// `list` with the definitions it references put in before its own attributes, as
    /// kramdown's `update_attr_with_ial` does (a definition may reference others; a cycle
    /// stops at the first repeat).
    func resolving(_ list: AttributeList) -> AttributeList {
        guard !list.references.isEmpty, !attributeLists.isEmpty else { return list }
        var seen: Set<String> = []
        var out = AttributeList()
        func add(_ current: AttributeList) {
            for reference in current.references {
                guard let definition = attributeLists[reference], seen.insert(reference).inserted else { continue }
                add(definition)
            }
            out.merge(AttributeList(attributes: current.attributes, references: []))
        }
        add(list)
        out.references = list.references
        return out
    }

    /// Abbreviations, longest first: kramdown tries them in that order at each place.
    var abbreviationsLongestFirst: [(abbreviation: [UInt8], title: String)] {
        abbreviations.sorted { $0.key.utf8.count != $1.key.utf8.count ? $0.key.utf8.count > $1.key.utf8.count : $0.key < $1.key }
            .map { (Array($0.key.utf8), $0.value) }
    }
}
