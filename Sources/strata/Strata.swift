import ArgumentParser

/// The `strata` command line: build, serve and the tools around the model.
@main
struct Strata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "A static site generator for technical blogs that explain things with pictures.",
        discussion: ExitStatus.summary,
        version: Release.versionText,
        subcommands: Strata.commands
    )
}
