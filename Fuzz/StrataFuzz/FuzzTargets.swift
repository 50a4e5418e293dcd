import Diagrams
import Foundation
import LayerModel
import Liquid
@testable import Site

/// What one fuzz input is fed to. Each target must return normally for every input: a thrown,
/// located error is the expected answer to garbage; a trap, a hang or a leak is a finding.
enum FuzzTarget: String, CaseIterable {
    /// The front-matter splitter and YAML reader (`---` … `---`, then the body).
    case frontMatter = "front-matter"
    /// Liquid's tokenizer and parser, then a render with a few variables, under tight resource limits.
    case liquid
    /// The BuildKit-faithful Dockerfile parser.
    case dockerfile
    /// A Dockerfile through the parser, the image model (with the bundled catalogue of base images)
    /// and every SVG view.
    case model

    func run(_ bytes: [UInt8]) {
        switch self {
        case .frontMatter:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? FrontMatterFile.parse(text, path: "fuzz.md")
        case .liquid:
            let text = String(decoding: bytes, as: UTF8.self)
            var configuration = LiquidConfiguration()
            // Small limits keep each execution short; the limits themselves are what is under test.
            configuration.limits = ResourceLimits(renderLength: 1 << 20, loopIterations: 10_000, includeDepth: 10)
            let engine = LiquidEngine(configuration: configuration)
            guard let template = try? engine.parse(source: text, path: "fuzz.liquid") else { return }
            let variables: [String: Value] = [
                "site": ["title": "T & <b>", "posts": [["title": "a", "tags": ["x", "y"]], ["title": "b"]]],
                "page": ["title": "P", "date": "2021-03-07 10:00:00 +0100", "n": 3, "f": 2.5],
                "big": .int(Int.max), "small": .int(Int.min), "list": [1, 2, 3],
            ]
            _ = try? engine.render(template, variables: variables)
        case .dockerfile:
            _ = try? DockerfileParser.parse(bytes: bytes, path: "Dockerfile")
        case .model:
            guard let dockerfile = try? DockerfileParser.parse(bytes: bytes, path: "Dockerfile"),
                  let result = try? ImageBuilder(catalogue: Self.catalogue).build(dockerfile, context: .empty) else { return }
            for view in DiagramView.allCases {
                _ = try? DiagramRenderer.render(view, image: result.image, dockerfile: dockerfile)
            }
        }
    }

    /// The bundled base images (debian, python…), read once; run from the repository root.
    private static let catalogue: Catalogue = (try? Catalogue.load(directory: "content/dockerfiles")) ?? .empty
}
