import ArgumentParser
import Diagnostics

/// "Did you mean …?" for a mistyped subcommand (`strata biuld`, `strata new pots`), which
/// Argument Parser reports only as "Unexpected argument": the same `NameSuggestion` that
/// names the closest layout, include or Liquid tag.
enum SubcommandSuggestion {
    /// The usage error to report instead of Argument Parser's, when `arguments` (the command
    /// line without the program's name) names a subcommand that does not exist: the closest
    /// real one, or the list of them when none is close. Nil when every subcommand named is
    /// real, or an option comes first (Argument Parser's own message is right then).
    static func error(for arguments: [String]) -> ValidationError? {
        var command: any ParsableCommand.Type = Strata.self
        var path = [Strata._commandName]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !argument.hasPrefix("-") else { return nil }
            var names: [String: any ParsableCommand.Type] = [:]
            for subcommand in subcommands {
                names[subcommand._commandName] = subcommand
                for alias in subcommand.configuration.aliases { names[alias] = subcommand }
            }
            if let next = names[argument] {
                command = next
                path.append(argument)
                continue
            }
            // Argument Parser's own `help` subcommand, at the root only.
            if path.count == 1, argument == "help" { return nil }
            let visible = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
            let parent = path.joined(separator: " ")
            let prefix = "'\(parent) \(argument)' is not a command"
            if let guess = NameSuggestion.closest(to: argument, in: visible) {
                return ValidationError("\(prefix); did you mean '\(parent) \(guess)'?")
            }
            return ValidationError("\(prefix); the commands of '\(parent)' are \(visible.joined(separator: ", ")).")
        }
        return nil
    }
}
