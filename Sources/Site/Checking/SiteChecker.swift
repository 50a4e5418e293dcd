import Diagnostics
import Foundation

/// What `strata check` found in a site, in file order.
public struct CheckReport: Sendable {
    public var findings: [Finding]
    /// Text files read (content, layouts, includes, assets).
    public var filesChecked: Int
    /// False when the site did not render, so links, images and headings went unchecked.
    public var rendered: Bool
}

/// What `strata check --fix` changed.
public struct FixReport: Sendable {
    /// Site-relative paths of rewritten files.
    public var changedFiles: [String]
    /// Where the originals were kept, site-relative.
    public var backups: [String]
    public var repairs: Int
}

/// `strata check`: reads the site as `build` does and reports what a reader would trip
/// over. Text checks (encoding, control characters, front matter keys) run on every text
/// file; link, anchor, image and heading checks run on the rendered site, so permalinks,
/// Liquid and heading ids are exactly those `build` makes.
public struct SiteChecker: Sendable {
    public var layout: SiteFolders
    public var overrides: SiteConfiguration.Overrides
    public var now: @Sendable () -> Date

    public init(layout: SiteFolders, overrides: SiteConfiguration.Overrides = .init(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.layout = layout
        self.overrides = overrides
        self.now = now
    }

    /// The files whose text is checked: every page the reader renders, and other text formats.
    static let textExtensions: Set<String> = SiteReader.renderedExtensions.union([
        "xml", "yml", "yaml", "txt", "css", "js", "json", "liquid", "svg",
    ])

    public func check() -> CheckReport {
        let files = textFiles()
        var findings: [Finding] = []
        var templateTexts: [String] = []
        var decoded: [(file: TextFile, text: String)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.url.path) else { continue }
            switch TextFile.decode(data) {
            case .success(let text):
                decoded.append((file, text))
                if file.isTemplate || file.hasFrontMatter(text) { templateTexts.append(text) }
            case .failure(let invalid):
                findings += invalid.list.map { Finding(.invalidUTF8, at: SourceLocation(file: file.display, line: $0.line, column: $0.column), message: "bytes that are not UTF-8 (\($0.bytes)); the build refuses the file", fix: $0.suggestion) }
            }
        }
        let keys = FrontMatterKeys(templates: templateTexts)
        for (file, text) in decoded {
            findings += TextScan(path: file.display, isMarkdown: file.isMarkdown).scan(text).findings
            if file.isConfig, let config = try? YAMLReader(path: file.display, firstLine: 1).read(text) {
                findings += keys.findings(keys: config.keyLines, path: file.display, isConfig: true)
            } else if !file.isTemplate, let parsed = try? FrontMatterFile.parse(text, path: file.display), parsed.hasFrontMatter {
                findings += keys.findings(keys: parsed.keyLines, path: file.display, isConfig: false)
            }
        }
        let site = siteFindings()
        findings += site.findings
        return CheckReport(findings: SiteChecker.ordered(findings), filesChecked: files.count, rendered: site.rendered)
    }

    /// Rewrites the certain mis-encodings in place, keeping each original under
    /// `.strata-cache/check-backups/` (outside the content, so it is never published).
    public func fix() throws(Diagnostic) -> FixReport {
        var report = FixReport(changedFiles: [], backups: [], repairs: 0)
        let backupRoot = layout.root.appendingPathComponent(".strata-cache/check-backups")
        for file in textFiles() {
            guard let data = FileManager.default.contents(atPath: file.url.path), case .success(let text) = TextFile.decode(data) else { continue }
            let result = TextScan(path: file.display, isMarkdown: file.isMarkdown).scan(text)
            let repairs = result.findings.filter(\.isFixable).count
            guard repairs > 0, result.repaired != text else { continue }
            let bom: [UInt8] = data.starts(with: [0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF] : []
            var backup = backupRoot.appendingPathComponent(file.display)
            var counter = 1
            while FileManager.default.fileExists(atPath: backup.path) {
                backup = backupRoot.appendingPathComponent(file.display + ".\(counter)")
                counter += 1
            }
            do {
                try FileManager.default.createDirectory(at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: backup)
                try Data(bom + Array(result.repaired.utf8)).write(to: file.url, options: .atomic)
            } catch {
                throw Diagnostic(location: SourceLocation(file: file.display, line: 1), message: "could not rewrite the file: \(error.localizedDescription)")
            }
            report.changedFiles.append(file.display)
            report.backups.append(layout.display(backup))
            report.repairs += repairs
        }
        return report
    }

    // MARK: - The rendered site

    private func siteFindings() -> (findings: [Finding], rendered: Bool) {
        let state: RenderState
        do {
            state = try SiteBuilder(layout: layout, overrides: overrides, now: now).renderState()
        } catch {
            let findings = error.diagnostics.map { diagnostic in
                let step = diagnostic.kind.flatMap { BuildStep(rawValue: $0.rawValue) }
                return Finding(
                    step == .collectOutputs ? .duplicateURL : .buildError,
                    at: diagnostic.location ?? SourceLocation(file: layout.display(layout.content), line: 1),
                    message: ([diagnostic.message] + diagnostic.notes).joined(separator: "; "),
                    step: step
                )
            }
            return (findings, false)
        }
        var findings = SiteChecks.pageFindings(state: state, includes: SiteChecks.includeTexts(layout), includeHeadings: true)
        findings.removeAll { $0.kind == .mojibake }
        findings += SiteChecks.dockerfileFindings(state: state)
        // The Liquid warnings the render gave (`strata build` prints the same ones).
        let liquidKinds: Set<Diagnostic.Kind> = [Finding.Kind.unknownFilter.diagnosticKind, Finding.Kind.laxMarkup.diagnosticKind]
        for warning in state.report.warnings {
            guard let kind = warning.kind, liquidKinds.contains(kind), let found = Finding.Kind(rawValue: kind.rawValue) else { continue }
            findings.append(Finding(found, at: warning.location ?? SourceLocation(file: layout.display(layout.content), line: 1),
                                    message: warning.message))
        }
        return (findings, true)
    }

    // MARK: - Files

    struct TextFile {
        var url: URL
        var display: String
        var isMarkdown: Bool
        var isTemplate: Bool
        var isConfig: Bool

        func hasFrontMatter(_ text: String) -> Bool { text.hasPrefix("---") }

        struct Invalid {
            var line: Int
            var column: Int
            var bytes: String
            var suggestion: String?
        }

        static func decode(_ data: Data) -> Result<String, InvalidBytes> {
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
            return .failure(InvalidBytes(list: invalidPositions(bytes)))
        }

        struct InvalidBytes: Error {
            var list: [Invalid]
        }

        /// One position per line with bad bytes: where they start and what Windows-1252 would read.
        static func invalidPositions(_ bytes: [UInt8]) -> [Invalid] {
            var found: [Invalid] = []
            var line = 1
            var lineStart = 0
            var index = 0
            var reportedLine = 0
            while index < bytes.count {
                if bytes[index] == 0x0A { line += 1; lineStart = index + 1; index += 1; continue }
                let length = SourceText.sequenceLength(bytes, at: index)
                if length > 0 { index += length; continue }
                var end = index + 1
                while end < bytes.count, bytes[end] >= 0x80, SourceText.sequenceLength(bytes, at: end) == 0 { end += 1 }
                if reportedLine != line {
                    reportedLine = line
                    let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                    let hex = bytes[index..<end].map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
                    let asLatin = String(String.UnicodeScalarView(bytes[index..<end].map { Unicode.Scalar($0) }))
                    found.append(Invalid(
                        line: line, column: prefix.count + 1, bytes: hex,
                        suggestion: "if the file was saved as Windows-1252 or Latin-1 (this reads `\(asLatin)` there), save it again as UTF-8"
                    ))
                }
                index = end
            }
            return found
        }
    }

    /// Every text file the build reads: content (minus excluded and hidden folders and the
    /// destination), layouts, includes and assets.
    func textFiles() -> [TextFile] {
        let exclude = (try? SiteConfiguration.load(layout: layout, overrides: overrides).exclude) ?? SiteConfiguration.defaultExcludes
        let destination = layout.destination.standardizedFileURL.path
        var files: [TextFile] = []
        func add(_ root: URL, isTemplate: Bool, skipExcluded: Bool) {
            for file in FileWalk.files(under: root) {
                let components = file.relative.split(separator: "/").map(String.init)
                let ext = file.url.pathExtension.lowercased()
                guard SiteChecker.textExtensions.contains(ext), !components.contains(where: { $0.hasPrefix(".") }),
                      !file.url.path.hasPrefix(destination + "/") else { continue }
                if skipExcluded, let top = components.first, exclude.contains(top) || top == "_site" || (top.hasPrefix("_") && (top == "_layouts" || top == "_includes")) { continue }
                files.append(TextFile(
                    url: file.url, display: layout.display(file.url), isMarkdown: SiteReader.markdownExtensions.contains(ext),
                    isTemplate: isTemplate, isConfig: !isTemplate && file.relative == "_config.yml"
                ))
            }
        }
        add(layout.content, isTemplate: false, skipExcluded: true)
        add(layout.layouts, isTemplate: true, skipExcluded: false)
        add(layout.includes, isTemplate: true, skipExcluded: false)
        if let assets = layout.assets { add(assets, isTemplate: false, skipExcluded: false) }
        return files
    }

    static func ordered(_ findings: [Finding]) -> [Finding] {
        var seen: Set<Finding> = []
        return findings.filter { seen.insert($0).inserted }.sorted {
            ($0.file, $0.line, $0.column, $0.kind.rawValue) < ($1.file, $1.line, $1.column, $1.kind.rawValue)
        }
    }
}
