import ArgumentParser
import Foundation
import Liquid
import Site

/// `strata liquid`: renders one template with JSON data and prints it byte for byte.
struct LiquidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liquid",
        abstract: "Render one Liquid template with JSON data and print the result (no added newline).",
        discussion: "The data's `site` object plays the site configuration: its baseurl and url drive relative_url and absolute_url."
    )

    @Argument(help: "The template file.")
    var template: String

    @Option(name: .long, help: "A JSON file holding an object: the top-level variables.")
    var data: String?

    @Option(name: .long, help: "The folder `{% include %}` reads from. Default: the site's includes folder.")
    var includes: String?

    @Option(name: .long, help: "Liquid's error_mode for markup its strict parser rejects: strict (an error), warn (a warning, then Liquid's lax reading, as Jekyll does) or lax. Default: the data's site.liquid.error_mode, else strict.")
    var errorMode: String?

    @Option(name: .long, help: "The site whose posts and pages `link` and `post_url` resolve against.")
    var source: String = "."

    func validate() throws {
        if let errorMode, LiquidErrorMode(rawValue: errorMode) == nil {
            throw ValidationError("--error-mode must be strict, warn or lax, not `\(errorMode)`")
        }
    }

    func run() throws {
        do {
            let text = try String(contentsOfFile: template, encoding: .utf8)
            let json = try data.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? "{}"
            var workbench = LiquidWorkbench(
                source: URL(fileURLWithPath: source, isDirectory: true),
                includes: includes.map { URL(fileURLWithPath: $0, isDirectory: true) }
            )
            workbench.errorMode = errorMode.flatMap(LiquidErrorMode.init(rawValue:))
            let output = try workbench.render(template: text, path: template, json: json)
            for call in workbench.unknownFilters.take() {
                var warning = CommandDiagnostics.diagnostic(call)
                warning.severity = .warning
                warning.notes.append("its input is passed on unchanged, as Liquid does without strict_filters")
                CommandDiagnostics.print(warning)
            }
            for parse in workbench.laxParses.take() {
                var warning = CommandDiagnostics.diagnostic(parse)
                warning.severity = .warning
                CommandDiagnostics.print(warning)
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch let error as LiquidError {
            CommandDiagnostics.print(CommandDiagnostics.diagnostic(error))
            throw ExitCode(1)
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
