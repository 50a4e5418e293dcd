import Diagnostics
import Foundation
import LayerModel
import Liquid

/// The one way the commands that work on single files (`liquid`, `dockerfile`, `diagram`) print what
/// went wrong: as a `Diagnostic`, rendered as `build` renders it (location, source line, caret, notes),
/// painted on a terminal. Their engines' errors carry a location but not the excerpt, which is read here.
enum CommandDiagnostics {
    static func diagnostic(_ error: LiquidError) -> Diagnostic {
        Diagnostic(
            location: SourceLocation(file: error.file, line: max(error.line, 1), column: max(error.column, 1)),
            message: error.message, notes: error.notes, source: source(of: error.file, line: error.line)
        )
    }

    static func diagnostic(_ error: DockerfileError) -> Diagnostic {
        Diagnostic(
            location: SourceLocation(file: error.file, line: max(error.line, 1), column: max(error.column, 1)),
            message: error.message, source: source(of: error.file, line: error.line)
        )
    }

    static func diagnostic(_ warning: BuildWarning) -> Diagnostic {
        Diagnostic(
            .warning, location: SourceLocation(file: warning.file, line: max(warning.line, 1), column: max(warning.column, 1)),
            message: warning.message, source: source(of: warning.file, line: warning.line)
        )
    }

    /// Prints `diagnostic` on standard error, coloured on a terminal.
    static func print(_ diagnostic: Diagnostic) {
        Terminal.printError(Terminal().paint(diagnostic.rendered))
    }

    /// A file's text for the excerpt; nil when the error is about the file as a whole (line 0) or the
    /// file cannot be read as UTF-8.
    private static func source(of path: String, line: Int) -> String? {
        guard line >= 1 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
