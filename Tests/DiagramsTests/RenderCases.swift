import Diagrams
import LayerModel

/// The diagrams under test: each view of the sample images, and of a hostile one.
struct RenderCase {
    var name: String
    var view: DiagramView
    var image: Image
    var other: Image?
    var options: DiagramOptions

    func render() throws -> String {
        try DiagramRenderer.render(view, image: image, other: other, options: options)
    }

    static let containerChanges = DiagramOptions(changes: [
        .write(path: "/usr/src/app/instance/app.log", size: 2_048),
        .modify(path: "/etc/hosts"),
        .delete(path: "/etc/motd"),
    ])

    static let hostileChanges = DiagramOptions(containerName: "c</svg>&", changes: [
        .write(path: "/tmp/</svg><script>alert(1)</script>&amp;.txt", size: 1),
        .modify(path: "/tmp/<x>"),
        .delete(path: "/etc/motd"),
    ])

    /// Every case, drawn for a text column and, as `…-narrow.svg`, for a phone.
    static let all: [RenderCase] = wide + wide.map { testCase in
        var narrow = testCase
        narrow.name = String(testCase.name.dropLast(4)) + "-narrow.svg"
        narrow.options.layout = .narrow
        return narrow
    }

    static let wide: [RenderCase] = [
        RenderCase(name: "flask-app-stack.svg", view: .stack, image: SampleImages.flask, options: DiagramOptions()),
        RenderCase(name: "flask-app-container.svg", view: .container, image: SampleImages.flask, options: containerChanges),
        RenderCase(name: "flask-app-container-empty.svg", view: .container, image: SampleImages.flask, options: DiagramOptions()),
        RenderCase(name: "flask-app-chain.svg", view: .chain, image: SampleImages.flask, options: DiagramOptions()),
        RenderCase(name: "flask-app-process.svg", view: .process, image: SampleImages.flask, options: containerChanges),
        RenderCase(name: "flask-app-shared-worker.svg", view: .shared, image: SampleImages.flask,
                   other: SampleImages.worker, options: DiagramOptions()),
        RenderCase(name: "flask-app-shared-base.svg", view: .shared, image: SampleImages.flask, options: DiagramOptions()),
        RenderCase(name: "hostile-stack.svg", view: .stack, image: SampleImages.hostile, options: DiagramOptions()),
        RenderCase(name: "hostile-container.svg", view: .container, image: SampleImages.hostile, options: hostileChanges),
        RenderCase(name: "hostile-chain.svg", view: .chain, image: SampleImages.hostile, options: DiagramOptions()),
        RenderCase(name: "hostile-process.svg", view: .process, image: SampleImages.hostile, options: hostileChanges),
        RenderCase(name: "hostile-shared.svg", view: .shared, image: SampleImages.hostile, other: SampleImages.flask,
                   options: DiagramOptions()),
    ]
}
