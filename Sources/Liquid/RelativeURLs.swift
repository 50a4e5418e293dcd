import Foundation

/// `relative_url`'s results by site `baseurl` and input, for an engine's lifetime. The
/// filter is a pure function of the two, and every page of a build asks it for the same
/// few paths (stylesheets, the home page, categories): splitting, normalising and
/// percent-encoding them again was 6% of a build's instructions.
final class RelativeURLs: @unchecked Sendable {
    private struct Key: Hashable {
        var base: String
        var input: String
    }

    private let lock = NSLock()
    private var results: [Key: String] = [:]

    func url(base: String, input: String, make: () -> String) -> String {
        let key = Key(base: base, input: input)
        if let known = lock.withLock({ results[key] }) { return known }
        let url = make()
        lock.withLock { results[key] = url }
        return url
    }
}
