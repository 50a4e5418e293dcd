import Diagnostics
import Diagrams
import Foundation
import LayerModel
import Liquid

/// `{% layers "dockerfiles/flask-app/Dockerfile" view="stack" %}`: an SVG diagram of a
/// Dockerfile's image, drawn from the layer model and written inline into the page.
/// Options: `view` (stack, container, chain, process, shared), `other` (the second
/// Dockerfile of a shared view), `write`, `modify`, `delete` (container changes), `id`,
/// `layout` (`narrow` draws only the phone layout; by default both are written and CSS
/// picks one by the window's width) and `caption` (a figure caption).
enum LayersTag {
    static func make(models: DockerfileImages, embeds: EmbeddedHTML) -> CustomTag {
        StrataTag.make("layers", embeds: embeds) { invocation, fail throws(LiquidError) in
            try render(invocation, models: models, fail: fail)
        }
    }

    static func render(_ invocation: CustomTagInvocation, models: DockerfileImages, fail: (String) -> LiquidError) throws(LiquidError) -> String {
        var arguments = try TagArguments.parse(invocation.markup, fail: fail)
        guard arguments.positional.count == 1, let path = arguments.positional.first else {
            throw fail("expected one Dockerfile path, like {% layers \"dockerfiles/flask-app/Dockerfile\" view=\"stack\" %}")
        }
        let caption = arguments.attributes.removeValue(forKey: "caption")
        // The same diagram drawn twice on one page (a post and its excerpt on a list) must
        // not repeat ids: each tag gets its own prefix, stable across builds.
        if arguments.attributes["id"] == nil {
            arguments.attributes["id"] = "layers-" + stableHash("\(invocation.file):\(invocation.line):\(invocation.column)")
        }
        let request: DiagramRequest
        do {
            request = try DiagramRequest(attributes: arguments.attributes)
        } catch {
            throw fail("\(error)")
        }
        let image = try models.built(forTag: path, fail: fail)
        let other = try request.otherDockerfile.map { (second: String) throws(LiquidError) in try models.built(forTag: second, fail: fail) }
        // Both drawings go in the page and CSS shows one: the wide one in a text column, the
        // narrow one on a phone, where the wide one's labels would shrink under 12 px.
        var svgs: [String] = []
        do {
            for layout in request.options.layout == .narrow ? [DiagramLayout.narrow] : [.wide, .narrow] {
                var options = request.options
                options.layout = layout
                if layout == .narrow, request.options.layout == .wide, let id = options.idPrefix { options.idPrefix = id + "-narrow" }
                svgs.append(try DiagramRenderer.render(request.view, image: image.result.image, other: other?.result.image,
                                                       dockerfile: image.dockerfile, options: options))
            }
        } catch {
            throw fail("\(error)")
        }
        var html = "<figure class=\"diagram diagram-\(request.view.rawValue)\">\n" + svgs.joined(separator: "\n") + "\n"
        if let caption { html += "<figcaption>\(HTMLEscaping.escape(caption))</figcaption>\n" }
        return html + "</figure>"
    }

    /// FNV-1a, in hex: short and the same in every run (Swift's Hasher is seeded per process).
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

