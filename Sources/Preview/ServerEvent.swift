import Foundation

/// A message pushed to open pages over Server-Sent Events.
enum ServerEvent: Equatable, Sendable {
    /// Outputs changed; `cssOnly` lets pages swap stylesheets instead of reloading.
    case reload(paths: [String], cssOnly: Bool)
    /// A rebuild failed: pages show the overlay.
    case failure(BuildFailure)
    /// A build succeeded after a failure: pages remove the overlay.
    case recovered

    /// Wire form: `event:` and one `data:` line of JSON, then a blank line.
    var wireText: String {
        switch self {
        case let .reload(paths, cssOnly):
            return ServerEvent.frame("reload", ReloadPayload(paths: paths, cssOnly: cssOnly))
        case let .failure(failure):
            return ServerEvent.frame("failure", FailurePayload(
                title: ErrorOverlay.title(for: failure), text: failure.rendered, location: failure.location
            ))
        case .recovered:
            return "event: recovered\ndata: {}\n\n"
        }
    }

    private struct ReloadPayload: Encodable { var paths: [String]; var cssOnly: Bool }
    private struct FailurePayload: Encodable { var title, text: String; var location: String? }

    private static func frame(_ name: String, _ payload: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and booleans cannot fail; an empty object keeps the frame valid anyway.
        let json = (try? encoder.encode(payload)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return "event: \(name)\ndata: \(json)\n\n"
    }

    /// The event for a successful build's changed outputs, or nil when nothing changed.
    static func forChangedOutputs(_ outputs: [String]) -> ServerEvent? {
        guard !outputs.isEmpty else { return nil }
        let cssOnly = outputs.allSatisfy { $0.lowercased().hasSuffix(".css") }
        return .reload(paths: outputs, cssOnly: cssOnly)
    }
}
