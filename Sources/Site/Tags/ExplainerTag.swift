import Diagrams
import Foundation
import LayerModel
import Liquid

/// `{% explainer "dockerfiles/flask-app/Dockerfile" write="/usr/src/app/notes.txt" %}`: builds
/// the Dockerfile (a path inside the content folder) with the layer model and places the
/// interactive explainer of its build, run, changes and commit.
enum ExplainerTag {
    /// The tag's handler; Dockerfile paths are resolved inside `content`.
    static func make(content: URL) -> CustomTag {
        let root = content.standardizedFileURL
        return CustomTag(name: "explainer") { invocation, _ throws(LiquidError) in
            try render(invocation, content: root)
        }
    }

    static func render(_ invocation: CustomTagInvocation, content: URL) throws(LiquidError) -> String {
        func fail(_ message: String, notes: [String] = []) -> LiquidError {
            LiquidError(file: invocation.file, line: invocation.line, column: invocation.column, message: message, notes: notes)
        }
        let markup: TagMarkup
        do {
            markup = try TagMarkup(parsing: invocation.markup)
        } catch {
            throw fail("explainer: \(error.message)")
        }
        guard let relative = markup.argument, !relative.isEmpty else {
            throw fail("explainer: expected a Dockerfile path inside the content folder, e.g. {% explainer \"dockerfiles/flask-app/Dockerfile\" %}")
        }
        let file = content.appendingPathComponent(relative).standardizedFileURL
        guard file.path.hasPrefix(content.path + "/") else {
            throw fail("explainer: the Dockerfile \(relative) must be inside the content folder")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw fail("explainer: cannot read the Dockerfile \(relative) (expected a file inside the content folder)")
        }
        let source = String(decoding: data, as: UTF8.self)

        let options: ExplainerOptions
        do {
            options = try ExplainerOptions(attributes: markup.attributes, ignoring: ["id"])
        } catch {
            throw fail(error.description)
        }
        let image: Image
        let dockerfile: Dockerfile
        do {
            dockerfile = try DockerfileParser.parse(source, path: file.path)
            let folder = Catalogue.locate(forDockerfile: file.path)
            let catalogue = try folder.map { (path: String) throws(DockerfileError) in try Catalogue.load(directory: path) } ?? .empty
            image = try ImageBuilder(catalogue: catalogue).build(dockerfileAt: file.path).image
        } catch {
            throw fail("explainer: cannot build \(relative): \(error.message)", notes: ["at \(error.description)"])
        }
        do {
            return RawBlock.protect(try Explainer.html(dockerfile: dockerfile, source: source, displayPath: relative, image: image,
                                                       options: options, id: markup.attributes["id"] ?? "explainer"))
        } catch {
            throw fail(error.description)
        }
    }
}

/// A custom tag's markup: an optional first argument (quoted or bare) and `name="value"` pairs.
struct TagMarkup: Hashable, Sendable {
    /// Why the markup could not be read.
    struct Problem: Error { let message: String }

    var argument: String?
    var attributes: [String: String] = [:]

    init(parsing text: String) throws(Problem) {
        var rest = Substring(text)
        func skipSpaces() { rest = rest.drop { $0.isWhitespace } }
        func quoted() throws(Problem) -> String? {
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: quote) else { throw Problem(message: "expected a closing \(quote) in \(text)") }
            rest = body[body.index(after: end)...]
            return String(body[..<end])
        }
        func word() -> String {
            let value = rest.prefix { !$0.isWhitespace && $0 != "=" }
            rest = rest.dropFirst(value.count)
            return String(value)
        }
        skipSpaces()
        if let value = try quoted() {
            argument = value
        } else if !rest.isEmpty, !rest.prefix(while: { !$0.isWhitespace }).contains("=") {
            argument = word()
        }
        while true {
            skipSpaces()
            if rest.isEmpty { break }
            let name = word()
            guard !name.isEmpty, rest.first == "=" else {
                throw Problem(message: "expected name=\"value\" after the path, found \(name.isEmpty ? String(rest.prefix(20)) : name)")
            }
            rest = rest.dropFirst()
            let value = try quoted() ?? word()
            guard attributes[name] == nil else { throw Problem(message: "\(name) is given twice") }
            attributes[name] = value
        }
    }
}
