import ArgumentParser
import Diagnostics
import Foundation
import Site

/// `strata check`: reports mis-encoded text, links to nothing and the like; `--fix`
/// repairs the mis-encodings that are certain.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find mis-encoded text, broken links and anchors, missing images, heading and front matter slips.",
        discussion: "Exits with status 1 when it finds a problem, 0 when the site is clean. --fix rewrites only mis-encodings that are certain and keeps the originals under .strata-cache/check-backups/."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Repair mis-encoded text that is certain, keeping a backup of each changed file.")
    var fix = false

    @Option(name: .long, help: "text (for people) or json (for editors and CI).")
    var format: Format = .text

    func run() throws {
        let layout = site.layout
        let checker = SiteChecker(layout: layout, overrides: site.overrides)
        var fixed: FixReport?
        if fix {
            do {
                fixed = try checker.fix()
            } catch {
                Terminal.printError(error.rendered)
                throw ExitCode(1)
            }
        }
        let report = checker.check()
        switch format {
        case .json: try printJSON(report, fixed: fixed)
        case .text: printText(report, fixed: fixed, root: layout.root)
        }
        if !report.findings.isEmpty { throw ExitCode(1) }
    }

    private func printText(_ report: CheckReport, fixed: FixReport?, root: URL) {
        if let fixed {
            for (file, backup) in zip(fixed.changedFiles, fixed.backups) {
                print("fixed \(file) (original kept in \(backup))")
            }
        }
        var sources: [String: String] = [:]
        for finding in report.findings {
            if sources[finding.file] == nil {
                let data = FileManager.default.contents(atPath: root.appendingPathComponent(finding.file).path) ?? Data()
                sources[finding.file] = String(decoding: data, as: UTF8.self)
            }
            print(finding.diagnostic(source: sources[finding.file]).rendered + "\n")
        }
        var summary = report.findings.isEmpty
            ? "No problems in \(report.filesChecked) files."
            : "\(report.findings.count) problem\(report.findings.count == 1 ? "" : "s") in \(Set(report.findings.map(\.file)).count) of \(report.filesChecked) files."
        if let fixed { summary += " Repaired \(fixed.repairs) mis-encoding\(fixed.repairs == 1 ? "" : "s") in \(fixed.changedFiles.count) file\(fixed.changedFiles.count == 1 ? "" : "s")." }
        if !report.rendered { summary += " The site did not build, so links, images and headings were not checked." }
        print(summary)
    }

    private func printJSON(_ report: CheckReport, fixed: FixReport?) throws {
        struct Output: Encodable {
            var findings: [Finding]
            var filesChecked: Int
            var rendered: Bool
            var fixedFiles: [String]?
            var backups: [String]?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let output = Output(findings: report.findings, filesChecked: report.filesChecked, rendered: report.rendered, fixedFiles: fixed?.changedFiles, backups: fixed?.backups)
        print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }
}
