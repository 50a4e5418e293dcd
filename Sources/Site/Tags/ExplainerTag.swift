import Diagrams
import Foundation
import LayerModel
import Liquid

/// `{% explainer "dockerfiles/flask-app/Dockerfile" write="/usr/src/app/notes.txt" %}`: the
/// interactive explainer of a Dockerfile's build, run, changes and commit, computed from the
/// same model build as the site's diagrams. Options: `write` (`/path` or `/path:size`),
/// `modify`, `delete` (one absolute path each; chosen from the image's files when absent),
/// `container` (its name) and `id` (the figure's id and the `#<id>-step-N` hash).
enum ExplainerTag {
    static func make(models: DiagramModels, embeds: EmbeddedHTML) -> CustomTag {
        CustomTag(name: "explainer") { invocation, _ throws(LiquidError) in
            embeds.marker(for: try render(invocation, models: models))
        }
    }

    static func render(_ invocation: CustomTagInvocation, models: DiagramModels) throws(LiquidError) -> String {
        func fail(_ message: String) -> LiquidError {
            LiquidError(file: invocation.file, line: invocation.line, column: invocation.column, message: "explainer: \(message)")
        }
        let arguments = try TagArguments.parse(invocation.markup, fail: fail)
        guard arguments.positional.count == 1, let path = arguments.positional.first else {
            throw fail("expected one Dockerfile path inside the content folder, like {% explainer \"dockerfiles/flask-app/Dockerfile\" %}")
        }
        let options: ExplainerOptions
        do {
            options = try ExplainerOptions(attributes: arguments.attributes, ignoring: ["id"])
        } catch {
            throw fail(error.description)
        }
        guard let url = models.resolve(path) else {
            throw fail("'\(path)' is outside the content folder; name a Dockerfile below it, like dockerfiles/app/Dockerfile")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw fail("cannot read the Dockerfile '\(path)' (looked in \(url.path))")
        }
        let built: DiagramModels.Built
        do {
            built = try models.build(url)
        } catch {
            throw fail("cannot build '\(path)': \(error)")
        }
        do {
            return try Explainer.html(dockerfile: built.dockerfile, source: String(decoding: data, as: UTF8.self),
                                      displayPath: path, image: built.result.image, options: options,
                                      id: arguments.attributes["id"] ?? "explainer")
        } catch {
            throw fail(error.description)
        }
    }
}
