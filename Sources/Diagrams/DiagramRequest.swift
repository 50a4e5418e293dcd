/// Everything a `{% layers "path" view="…" … %}` tag asks for, parsed from its attributes:
/// the view, an optional second Dockerfile for the shared view, and the options.
public struct DiagramRequest: Sendable, Hashable {
    public var view: DiagramView
    /// `other="dockerfiles/worker/Dockerfile"`: the image to compare with (shared view).
    public var otherDockerfile: String?
    public var options: DiagramOptions

    /// The attribute names understood, besides `DiagramOptions.attributeNames`.
    public static let requestAttributeNames = ["view", "other"]

    /// Parses tag attributes; `view` defaults to `stack`. Unknown names are an error that
    /// lists the known ones.
    public init(attributes: [String: String]) throws(DiagramError) {
        view = try attributes["view"].map { (name: String) throws(DiagramError) in try DiagramView(parsing: name) } ?? .stack
        otherDockerfile = attributes["other"]
        if let other = otherDockerfile, other.isEmpty {
            throw .invalidOption(name: "other", value: other, expected: "the path of a Dockerfile")
        }
        if otherDockerfile != nil, view != .shared {
            throw .invalidOption(name: "other", value: otherDockerfile ?? "", expected: "no 'other' unless view=\"shared\"")
        }
        options = try DiagramOptions(attributes: attributes, ignoring: Set(Self.requestAttributeNames))
    }
}
