import ArgumentParser

extension Strata {
    /// Every subcommand, one per line so that parallel work merges cleanly.
    static let commands: [any ParsableCommand.Type] = [
        BuildCommand.self,
        ServeCommand.self,
        LiquidCommand.self,
        DockerfileCommand.self,
        DiagramCommand.self,
        CheckCommand.self,
        NewCommand.self,
        PublishCommand.self,
    ]
}
