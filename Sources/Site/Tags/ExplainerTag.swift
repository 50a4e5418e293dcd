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
    static func make(models: DockerfileImages, embeds: EmbeddedHTML) -> CustomTag {
        StrataTag.make("explainer", embeds: embeds) { invocation, fail throws(LiquidError) in
            try render(invocation, models: models, fail: fail)
        }
    }

    static func render(_ invocation: CustomTagInvocation, models: DockerfileImages, fail: (String) -> LiquidError) throws(LiquidError) -> String {
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
        let built = try models.built(forTag: path, fail: fail)
        guard let url = models.resolve(path), let data = FileManager.default.contents(atPath: url.path) else {
            throw fail("cannot read the Dockerfile `\(path)`")
        }
        do {
            return try Explainer.html(dockerfile: built.dockerfile, source: String(decoding: data, as: UTF8.self),
                                      displayPath: path, image: built.result.image, options: options,
                                      id: arguments.attributes["id"] ?? "explainer",
                                      stageImages: built.result.stages.map(\.image))
        } catch {
            throw fail(error.description)
        }
    }
}
