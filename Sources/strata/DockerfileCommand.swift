import ArgumentParser
import Diagnostics
import Foundation
import LayerModel

/// `strata dockerfile`: parse Dockerfiles as BuildKit does and show the images they build.
struct DockerfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockerfile",
        abstract: "Parse Dockerfiles and show the layers of the images they build.",
        subcommands: [Parse.self, History.self, Inspect.self]
    )

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse a Dockerfile and print its instructions.")

        @Flag(name: .long, help: "Print the instructions as JSON, in the shape of BuildKit's parse tree.")
        var json = false

        @Argument(help: "The Dockerfile to parse.")
        var file: String

        func run() throws {
            let dockerfile = try reportingErrors { () throws(DockerfileError) in try DockerfileParser.parseFile(atPath: file) }
            if json {
                print(DockerfileJSON.encode(dockerfile), terminator: "")
            } else {
                for instruction in dockerfile.instructions {
                    let firstLine = instruction.original.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
                    print("\(instruction.startLine)-\(instruction.endLine)\t\(firstLine)")
                }
            }
        }
    }

    /// The options every command that builds an image shares.
    struct BuildArguments: ParsableArguments {
        @Option(name: .long, help: "Folder of sample base-image Dockerfiles (default: the nearest folder with catalog.txt).")
        var catalog: String?

        @Option(name: .customLong("build-arg"), help: "A build argument KEY=value (repeatable).")
        var buildArgs: [String] = []

        @Option(name: .long, help: "The stage to build (default: the last one).")
        var target: String?

        @Argument(help: "The Dockerfile to build.")
        var file: String

        /// Builds the image; a bad Dockerfile is reported with its location and exits 1.
        func build() throws -> Image {
            var arguments: [String: String] = [:]
            for pair in buildArgs {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                arguments[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
            let result = try reportingErrors { () throws(DockerfileError) -> BuildResult in
                try DockerfileBuilds.load(forDockerfile: file, explicit: catalog)
                    .build(dockerfileAt: file, options: BuildOptions(buildArgs: arguments, target: target)).result
            }
            for warning in result.warnings {
                CommandDiagnostics.print(CommandDiagnostics.diagnostic(warning))
            }
            return result.image
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the image a Dockerfile describes and print its history as `docker history` does, newest first."
        )

        @Flag(name: .long, help: "Print the history as JSON.")
        var json = false

        @Flag(name: .customLong("no-trunc"), help: "Do not shorten the IMAGE and CREATED BY columns.")
        var noTrunc = false

        @OptionGroup var build: BuildArguments

        func run() throws {
            let image = try build.build()
            print(json ? HistoryFormatter.json(image) : HistoryFormatter.table(image, truncate: !noTrunc), terminator: "")
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the image a Dockerfile describes and print its Config and RootFS as `docker image inspect` does."
        )

        @OptionGroup var build: BuildArguments

        func run() throws {
            print(ImageInspect.json(try build.build()), terminator: "")
        }
    }
}

/// Runs `body`; a Dockerfile error is printed like a compiler's (with the offending line)
/// and turned into exit status 1.
private func reportingErrors<T>(_ body: () throws(DockerfileError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        CommandDiagnostics.print(CommandDiagnostics.diagnostic(error))
        throw ExitCode(1)
    }
}
