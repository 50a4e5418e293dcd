import XCTest
@testable import LayerModel

final class MultiStageTests: XCTestCase {
    let dockerfile = """
        FROM scratch AS build
        WORKDIR /src
        COPY main.go .
        RUN go build -o /out/app
        FROM scratch AS runtime
        COPY --from=build /src/main.go /usr/share/doc/
        CMD ["app"]
        """

    func testTheFinalStageIsTheImageAndCopyFromRecordsTheDependency() throws {
        let result = try buildText(dockerfile, files: ["main.go": 120])
        XCTAssertEqual(result.stages.map(\.name), ["build", "runtime"])
        XCTAssertEqual(result.image.name, "app")
        XCTAssertEqual(result.image.history.map(\.instruction.keyword), ["COPY", "CMD"])
        XCTAssertEqual(result.image.layers.map(\.instruction.keyword), ["COPY"])
        XCTAssertEqual(result.image.layers[0].changes, [FileChange(path: "/usr/share/doc/main.go", kind: .added, size: 120)])
        XCTAssertEqual(result.image.stageDependencies, [StageDependency(source: "build", target: "runtime", kind: .copyFrom, line: 6)])
        XCTAssertEqual(result.stages[0].image.name, "build")
    }

    func testTargetStopsAtANamedStage() throws {
        let result = try buildText(dockerfile, files: ["main.go": 1], options: BuildOptions(name: "app", target: "build"))
        XCTAssertEqual(result.stages.count, 1)
        XCTAssertEqual(result.image.layers.map(\.instruction.keyword), ["WORKDIR", "COPY", "RUN"])
        XCTAssertThrowsError(try buildText(dockerfile, options: BuildOptions(target: "nope")))
    }

    func testFromStageContinuesThatStage() throws {
        let result = try buildText("FROM scratch AS base\nRUN one\nFROM base AS next\nRUN two\nFROM next\nRUN three\n")
        let image = result.image
        XCTAssertEqual(image.layers.map(\.origin), ["base", "next", "app"])
        XCTAssertEqual(image.chain.map(\.name), ["scratch", "base", "next", "app"])
        XCTAssertEqual(image.layers[0].id, result.stages[0].image.layers[0].id)
        XCTAssertEqual(image.stageDependencies.map(\.kind), [.fromStage, .fromStage])
    }

    func testCopyFromStageByIndex() throws {
        let result = try buildText("FROM scratch\nCOPY a /a\nFROM scratch\nCOPY --from=0 /a /b\n", files: ["a": 5])
        XCTAssertEqual(result.image.layers[0].changes, [FileChange(path: "/b", kind: .added, size: 5)])
    }
}

final class OnBuildTests: XCTestCase {
    func testTriggersRunWhenTheImageIsUsedAsABase() throws {
        let result = try buildText("FROM scratch AS base\nONBUILD COPY app.py /app/\nONBUILD ENV READY=1\nFROM base\nRUN true\n", files: ["app.py": 9])
        let image = result.image
        XCTAssertEqual(image.history.map(\.instruction.keyword), ["ONBUILD", "ONBUILD", "COPY", "ENV", "RUN"])
        XCTAssertEqual(image.layers.map(\.instruction.keyword), ["COPY", "RUN"])
        XCTAssertEqual(image.layers[0].changes, [FileChange(path: "/app/app.py", kind: .added, size: 9)])
        XCTAssertEqual(image.layers[0].instruction.startLine, 4, "a trigger is located at the FROM that ran it")
        XCTAssertEqual(image.config.environment["READY"], "1")
        XCTAssertEqual(image.config.onBuild, [], "triggers are not inherited")
        XCTAssertEqual(result.stages[0].image.config.onBuild, ["COPY app.py /app/", "ENV READY=1"])
    }
}
