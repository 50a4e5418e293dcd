import LayerModel

/// Hand-built images in the shape of the catalogue's chain, for tests that must not depend
/// on the builder: scratch → debian:buster-slim → python:3.9-slim → an app.
enum SampleImages {
    struct Step {
        var keyword: String
        var text: String
        var files: [FileChange] = []
    }

    static func build(_ steps: [(origin: String, steps: [Step])], name: String, file: String = "app/Dockerfile") -> Image {
        var layers: [Layer] = []
        var history: [HistoryEntry] = []
        var chain = [ChainLink(name: "scratch", reference: nil, dockerfilePath: nil, layerCount: 0,
                               historyCount: 0, isOpaque: false)]
        for (origin, group) in steps {
            var line = 1
            let before = layers.count
            for step in group {
                line += 1
                let source = InstructionSource(keyword: step.keyword, text: step.text, file: origin + "/" + file,
                                               startLine: line, endLine: line)
                // RUN, COPY and ADD always make a layer; WORKDIR when it creates its folder (has files here).
                let makesLayer = ["RUN", "COPY", "ADD"].contains(step.keyword) || (step.keyword == "WORKDIR" && !step.files.isEmpty)
                var size = 0
                if makesLayer {
                    let layer = Layer(instruction: source, createdBy: step.text, origin: origin, changes: step.files)
                    layers.append(layer)
                    size = layer.size
                }
                history.append(HistoryEntry(createdBy: step.text, comment: "buildkit.dockerfile.v0", emptyLayer: !makesLayer,
                                            instruction: source, origin: origin, size: size))
            }
            chain.append(ChainLink(name: origin, reference: try? ImageReference(parsing: origin), dockerfilePath: nil,
                                   layerCount: layers.count - before, historyCount: group.count, isOpaque: false))
        }
        return Image(name: name, layers: layers, history: history, config: ImageConfig(cmd: ["gunicorn"]), chain: chain)
    }

    static let debian: (String, [Step]) = ("debian:buster-slim", [
        Step(keyword: "ADD", text: "ADD rootfs.tar.xz /", files: [
            FileChange(path: "/bin", kind: .added, size: 4_800_000, isDirectory: true),
            FileChange(path: "/etc/hosts", kind: .added, size: 180),
            FileChange(path: "/etc/motd", kind: .added, size: 286),
            FileChange(path: "/usr", kind: .added, size: 62_000_000, isDirectory: true),
        ]),
        Step(keyword: "CMD", text: "CMD [\"bash\"]"),
    ])

    static let python: (String, [Step]) = ("python:3.9-slim", [
        Step(keyword: "ENV", text: "ENV PATH /usr/local/bin:$PATH"),
        Step(keyword: "ENV", text: "ENV LANG C.UTF-8"),
        Step(keyword: "RUN", text: "RUN set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates netbase tzdata; rm -rf /var/lib/apt/lists/*",
             files: [FileChange(path: "/etc/ssl/certs", kind: .added, size: 3_100_000, isDirectory: true)]),
        Step(keyword: "ENV", text: "ENV PYTHON_VERSION 3.9.18"),
        Step(keyword: "RUN", text: "RUN set -eux; savedAptMark=\"$(apt-mark showmanual)\"; wget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz\"; ./configure --enable-optimizations; make -j \"$(nproc)\"; make install",
             files: [FileChange(path: "/usr/local/lib/python3.9", kind: .added, size: 27_100_000, isDirectory: true)]),
        Step(keyword: "CMD", text: "CMD [\"python3\"]"),
    ])

    static func app(_ name: String, _ steps: [Step]) -> Image {
        build([debian, python, (name, steps)], name: name)
    }

    static let flask = app("flask-app", [
        Step(keyword: "WORKDIR", text: "WORKDIR /usr/src/app",
             files: [FileChange(path: "/usr/src/app", kind: .added, isDirectory: true)]),
        Step(keyword: "COPY", text: "COPY requirements.txt ./",
             files: [FileChange(path: "/usr/src/app/requirements.txt", kind: .added, size: 42)]),
        Step(keyword: "RUN", text: "RUN pip install --no-cache-dir -r requirements.txt",
             files: [FileChange(path: "/usr/local/lib/python3.9/site-packages", kind: .added, size: 9_400_000, isDirectory: true)]),
        Step(keyword: "COPY", text: "COPY . .", files: [FileChange(path: "/usr/src/app/app.py", kind: .added, size: 1_200)]),
        Step(keyword: "CMD", text: "CMD [ \"gunicorn\", \"--bind\", \"0.0.0.0:5000\", \"app:app\" ]"),
    ])

    static let worker = app("worker", [
        Step(keyword: "WORKDIR", text: "WORKDIR /srv", files: [FileChange(path: "/srv", kind: .added, isDirectory: true)]),
        Step(keyword: "COPY", text: "COPY worker.py .", files: [FileChange(path: "/srv/worker.py", kind: .added, size: 800)]),
        Step(keyword: "CMD", text: "CMD [\"python3\", \"worker.py\"]"),
    ])

    /// An app whose instructions try to break out of the SVG and overflow every box.
    static let hostile = app("evil</svg><script>alert(1)</script>&amp;", [
        Step(keyword: "RUN", text: "RUN echo '</svg><script>alert(\"x\")</script>' && echo \"a & b\" > /tmp/<x>",
             files: [FileChange(path: "/tmp/<x>", kind: .added, size: 10)]),
        Step(keyword: "LABEL", text: "LABEL description=\"]]><!-- --> <![CDATA[ & &amp; &#x3C; \u{0}\u{7} 日本語のラベル 🐳🐳🐳 "
            + String(repeating: "x", count: 400)),
        Step(keyword: "RUN", text: "RUN <<EOF\nset -e\necho \"multi\nline\"\nEOF"),
        Step(keyword: "COPY", text: "COPY --chown=app:app " + String(repeating: "very-long-path-segment/", count: 20) + " /app/",
             files: [FileChange(path: "/app/" + String(repeating: "deep/", count: 30) + "file.txt", kind: .added, size: 5)]),
    ])
}
