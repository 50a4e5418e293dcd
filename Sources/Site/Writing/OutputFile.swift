import Foundation

/// One file of the built site.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case data(Data)
        case copy(URL)
        /// Bytes a build already wrote to this file (`PageSpool`): a writer moves it into
        /// place rather than copying it; a file inside the destination is already there.
        case staged(URL)
    }

    /// Relative to the destination, `/`-separated.
    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}
