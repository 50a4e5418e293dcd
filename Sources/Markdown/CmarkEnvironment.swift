import CCmarkGFM
import Foundation

/// The process-wide facts of cmark-gfm: its extensions are registered once, and its
/// inline parser is not re-entrant, so every parse goes through one lock.
enum CmarkEnvironment {
    /// cmark-gfm keeps a process-global table of special inline characters that each
    /// parse with extensions rewrites; two parses at once silently lose strikethrough
    /// and autolinks. Rendering a finished tree does not touch that table.
    static let parseLock = NSLock()

    /// Runs `cmark_gfm_core_extensions_ensure_registered` exactly once (Swift's lazy
    /// static initialisation is thread-safe) and looks the extensions up.
    static let extensions: Result<[String: ExtensionHandle], MarkdownError> = {
        cmark_gfm_core_extensions_ensure_registered()
        var found: [String: ExtensionHandle] = [:]
        for name in MarkdownOptions.extensionNames {
            guard let ext = cmark_find_syntax_extension(name) else {
                return .failure(.extensionMissing(name))
            }
            found[name] = ExtensionHandle(pointer: ext)
        }
        return .success(found)
    }()
}

/// A registered syntax extension. The pointee is an immutable registry entry owned by
/// cmark-gfm for the life of the process, so sharing the pointer across threads is safe.
struct ExtensionHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// A failure of the Markdown library itself (never of the author's text: any text is
/// valid Markdown).
public enum MarkdownError: Error, Sendable, Hashable, CustomStringConvertible {
    case extensionMissing(String)
    case parserUnavailable

    public var description: String {
        switch self {
        case .extensionMissing(let name):
            return "cmark-gfm has no '\(name)' extension registered; is libcmark-gfm-extensions installed?"
        case .parserUnavailable:
            return "cmark-gfm could not create a parser (out of memory?)"
        }
    }
}
