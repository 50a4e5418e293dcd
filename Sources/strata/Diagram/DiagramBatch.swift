import Diagrams
import LayerModel

/// One SVG to write: which Dockerfile, which view, and where.
struct DiagramJob: Hashable, Sendable {
    var input: String
    var view: DiagramView
    var output: String

    init(input: String, view: DiagramView, output: String) {
        self.input = input
        self.view = view
        self.output = output
    }
}

/// A built Dockerfile, as the diagrams need it.
struct BuiltInput: Sendable {
    var image: Image
    /// The parsed Dockerfile, for the process view's instruction count.
    var dockerfile: Dockerfile?

    init(image: Image, dockerfile: Dockerfile?) {
        self.image = image
        self.dockerfile = dockerfile
    }
}

/// Why a batch of diagrams cannot be planned.
enum DiagramBatchError: Error, Hashable, Sendable, CustomStringConvertible {
    case noInputs
    /// Two inputs would write the same file.
    case outputCollision(output: String, inputs: [String])

    var description: String {
        switch self {
        case .noInputs:
            return "expected at least one Dockerfile"
        case .outputCollision(let output, let inputs):
            return "\(inputs.joined(separator: " and ")) would both be written to \(output): "
                + "give them folders with different names, or draw them one at a time with -o"
        }
    }
}

/// Plans and runs `strata diagram`: which files to write, and their contents. It lives with
/// the command, not in `Diagrams`, because only the command writes files by name.
enum DiagramBatch {
    /// With one input, one view and an output path, that path is the file; otherwise the
    /// output (default: the current folder) is a folder holding `<name>-<view>.svg` for
    /// every input and view.
    static func plan(inputs: [String], views: [DiagramView], output: String?) throws(DiagramBatchError) -> [DiagramJob] {
        guard !inputs.isEmpty else { throw .noInputs }
        let views = views.isEmpty ? DiagramView.allCases : views
        if inputs.count == 1, views.count == 1, let output, !output.hasSuffix("/") {
            return [DiagramJob(input: inputs[0], view: views[0], output: output)]
        }
        let folder = output.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "."
        var jobs: [DiagramJob] = []
        var owners: [String: String] = [:]
        for input in inputs {
            for view in views {
                let path = (folder.isEmpty ? "" : folder + "/") + fileName(for: input, view: view)
                if let owner = owners[path], owner != input {
                    throw .outputCollision(output: path, inputs: [owner, input])
                }
                owners[path] = input
                jobs.append(DiagramJob(input: input, view: view, output: path))
            }
        }
        return jobs
    }

    /// `flask-app-stack.svg` for `content/dockerfiles/flask-app/Dockerfile`; a file with its
    /// own name (`api.Dockerfile`, `Dockerfile.dev`) is named after the file instead.
    static func fileName(for input: String, view: DiagramView) -> String {
        let parts = input.split(separator: "/").map(String.init)
        let file = parts.last ?? "Dockerfile"
        var name: String
        if file == "Dockerfile" || file == "dockerfile" {
            name = parts.dropLast().last(where: { $0 != "." && $0 != ".." }) ?? "image"
        } else if file.hasSuffix(".Dockerfile") || file.hasSuffix(".dockerfile") {
            name = String(file.dropLast(".Dockerfile".count))
        } else {
            name = file.replacingDots
        }
        if name.isEmpty { name = "image" }
        return "\(name)-\(view.rawValue).svg"
    }

    /// Renders every job, building each input once. `build` turns a Dockerfile path into a
    /// model; `other` is the second image for the shared view.
    static func render<E: Error>(
        _ jobs: [DiagramJob], other: BuiltInput?, options: DiagramOptions,
        build: (String) throws(E) -> BuiltInput
    ) throws -> [(job: DiagramJob, svg: String)] {
        var built: [String: BuiltInput] = [:]
        var results: [(job: DiagramJob, svg: String)] = []
        for job in jobs {
            let input: BuiltInput
            if let cached = built[job.input] {
                input = cached
            } else {
                input = try build(job.input)
                built[job.input] = input
            }
            let svg = try DiagramRenderer.render(job.view, image: input.image, other: other?.image,
                                                 dockerfile: input.dockerfile, options: options)
            results.append((job, svg))
        }
        return results
    }
}

extension String {
    /// `Dockerfile.dev` → `Dockerfile-dev`: dots would read as extensions in the SVG's name.
    var replacingDots: String { String(map { $0 == "." ? "-" : $0 }) }
}
