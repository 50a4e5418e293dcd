import ArgumentParser
import Foundation

/// Strata's exit statuses, as documented in the README: 0 success, 1 a build (or other
/// runtime) error, 2 a usage error. Swift Argument Parser reports usage errors as 64
/// (EX_USAGE); Strata follows Jekyll, Hugo and most Unix tools in using 2.
enum ExitStatus {
    /// The command line itself is wrong: an unknown option, a bad value, a folder that is not a site.
    static let usage: Int32 = 2

    /// For `strata --help`.
    static let summary = "Exit status: 0 success, 1 the build (or another command) failed, 2 the command line is wrong."
}

extension Strata {
    /// Parses and runs the command as Argument Parser's own `main` does, but exits with
    /// status 2 instead of 64 when the command line itself is wrong.
    static func main() async {
        do {
            var command: any ParsableCommand
            do {
                command = try parseAsRoot()
            } catch {
                // Same path, same exit status (2), but naming the subcommand that was meant.
                throw SubcommandSuggestion.error(for: Array(CommandLine.arguments.dropFirst())) ?? error
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let text = message.hasSuffix("\n") ? message : message + "\n"
                if code.rawValue == ExitCode.success.rawValue {
                    FileHandle.standardOutput.write(Data(text.utf8))
                } else {
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
            terminate(code.rawValue == ExitCode.validationFailure.rawValue ? ExitStatus.usage : code.rawValue)
        }
    }
}

/// Outside the command's type, where `exit` would name Argument Parser's `exit(withError:)`.
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
