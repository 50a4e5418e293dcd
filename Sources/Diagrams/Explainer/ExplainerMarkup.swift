import Foundation
import LayerModel

/// The explainer's HTML: a static version that reads fine without JavaScript (the steps in
/// words, the Dockerfile and the model's SVG diagrams) plus the story as JSON for the script.
public enum Explainer {
    /// Builds the story and renders the figure. `id` names the figure; the step hash is
    /// `#<id>-step-N` (`#explainer-step-4` with the default id). `stageImages` are every
    /// stage's image of the build (for the bases' digests in `docker build`'s output).
    public static func html(
        dockerfile: Dockerfile, source: String, displayPath: String, image: Image,
        options: ExplainerOptions = ExplainerOptions(), id: String = "explainer", stageImages: [Image] = []
    ) throws(ExplainerError) -> String {
        let story = try ExplainerStoryBuilder.story(dockerfile: dockerfile, source: source, displayPath: displayPath,
                                                    image: image, options: options, stageImages: stageImages)
        let choices = try ExplainerChoices(image: image, options: options)
        let changes: [DiagramOptions.Change] = [
            .write(path: choices.write, size: options.writeSize), .modify(path: choices.modify), .delete(path: choices.delete),
        ]
        let safeID = DiagramID.sanitize(id)
        func diagramOptions(_ view: String, _ layout: DiagramLayout) -> DiagramOptions {
            DiagramOptions(idPrefix: "\(safeID)-\(view)" + (layout == .narrow ? "-narrow" : ""),
                           containerName: options.containerName, changes: changes, layout: layout)
        }
        // The story succeeded with the same changes, so these cannot fail; a missing picture
        // still leaves the steps in words. Each view is drawn wide and narrow; CSS shows one.
        let diagrams = [DiagramView.process, .container].map { view in
            DiagramLayout.allCases.compactMap { layout in
                try? DiagramRenderer.render(view, image: image, dockerfile: dockerfile, options: diagramOptions(view.rawValue, layout))
            }.joined(separator: "\n")
        }.filter { !$0.isEmpty }
        return markup(story: story, id: safeID, diagrams: diagrams)
    }

    /// The figure for a story already built; `diagrams` are inline SVGs for the static version
    /// (each may hold a view's wide and narrow drawing, for CSS to pick from).
    public static func markup(story: ExplainerStory, id: String, diagrams: [String]) -> String {
        let id = DiagramID.sanitize(id)
        let attr = XMLEscaping.attribute
        let text = XMLEscaping.text
        let name = story.images.first?.name ?? "the image"
        var html = "<figure class=\"explainer\" id=\"\(attr(id))\" data-explainer data-hash-prefix=\"\(attr(id))-step-\""
            + " aria-labelledby=\"\(attr(id))-title\">\n"
        html += "<figcaption class=\"explainer-caption\" id=\"\(attr(id))-title\">From Dockerfile to container and back: "
            + "<code>\(text(name))</code>, step by step</figcaption>\n"
        html += "<div class=\"explainer-static\">\n"
        html += "<pre class=\"explainer-static-dockerfile\" aria-label=\"\(attr(story.dockerfile.path))\"><code>"
        html += story.dockerfile.lines.map(text).joined(separator: "\n")
        html += "</code></pre>\n"
        // One list per part of the story (build, run, change, commit), numbered on across them.
        for part in ExplainerStep.Part.allCases {
            let steps = story.steps.filter { $0.part == part }
            guard let first = steps.first else { continue }
            html += "<h4 class=\"explainer-static-part\">\(text(part.title))</h4>\n"
            html += "<ol class=\"explainer-static-steps\" start=\"\(first.number)\">\n"
            html += steps.map(staticStep).joined()
            html += "</ol>\n"
        }
        for diagram in diagrams {
            html += "<div class=\"explainer-static-diagram\">\(diagram)</div>\n"
        }
        html += "</div>\n"
        html += "<script type=\"application/json\" class=\"explainer-data\">\(json(story))</script>\n"
        html += "</figure>"
        return html
    }

    private static func staticStep(_ step: ExplainerStep) -> String {
        let text = XMLEscaping.text
        var html = "<li><strong>\(text(step.title)).</strong> \(text(step.text))"
        if let command = step.command {
            html += "\n<pre class=\"explainer-static-command\"><code>$ \(text(command))</code></pre>"
            if let output = step.output, !output.isEmpty {
                html += "\n<pre class=\"explainer-static-output\"><code>\(text(output))</code></pre>"
            }
        }
        return html + "</li>\n"
    }

    /// The story as JSON that cannot end the script element: `<`, `>` and `&` are written
    /// as `\u003c`, `\u003e`, `\u0026`, which also covers `</script` and `<!--`.
    public static func json(_ story: ExplainerStory) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types cannot fail; an empty object keeps the page valid if it ever did.
        guard let data = try? encoder.encode(story), let raw = String(data: data, encoding: .utf8) else { return "{}" }
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for character in raw.unicodeScalars {
            switch character {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
