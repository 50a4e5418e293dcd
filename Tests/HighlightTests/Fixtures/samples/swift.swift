import Foundation

/// A post.
struct Post: Sendable {
    let title: String
    var count = 42
    func render() throws -> String { "<h1>\(title)</h1>" }
}
