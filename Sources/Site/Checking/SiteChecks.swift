import Diagnostics
import Foundation
import Markdown

/// The checks that need the rendered site, shared by `strata check` and `strata build`
/// (which prints the mis-encoding and broken-link findings as warnings).
enum SiteChecks {
    /// Link, anchor, image, alt and (when asked) heading findings for every post and page,
    /// plus mis-encodings in their bodies; each once.
    static func pageFindings(state: RenderState, includes: [SourceLocator.Text], includeHeadings: Bool, progress: ProgressCounter? = nil) -> [Finding] {
        // The bytes are shared with the outputs, or read back from the files a build staged
        // them in (`PageSpool`); each page is decoded only while it is checked (a decoded copy
        // of every page was a fifth of a large site's peak memory).
        var collected: [String: OutputFile.Contents] = [:]
        for file in state.files where file.path.hasSuffix(".html") {
            switch file.contents {
            case .data, .staged: collected[file.path] = file.contents
            case .copy: break
            }
        }
        let pagesHTML = collected
        let anchors = AnchorIndex(outputs: pagesHTML)
        let targets = LinkTargets(baseurl: state.config.baseurl, outputs: Set(state.files.map(\.path)), anchors: anchors)
        let layouts = state.content.layouts.values.sorted { $0.name < $1.name }.map {
            SourceLocator.Text(path: $0.displayPath, firstLine: $0.bodyFirstLine, text: $0.body)
        }
        let check = PageCheck(targets: targets, locator: SourceLocator(templates: layouts + includes))
        // Pages are independent: checked on every core, like they were rendered.
        let documents = state.posts + state.pages
        let perPage = (try? Parallel.map(documents, progress: progress) { (document: Document) throws(Diagnostic) -> PageCheck.LinkFindings in
            var found = PageCheck.LinkFindings()
            found.placed = TextScan(path: document.displayPath, firstLine: document.bodyFirstLine, isMarkdown: document.isMarkdown)
                .mojibakeFindings(document.body)
            if let contents = pagesHTML[document.outputPath], let data = AnchorIndex.bytes(of: contents) {
                let links = check.links(inUTF8: [UInt8](data), of: document)
                found.placed += links.placed
                found.unplaced += links.unplaced
            }
            return found
        }) ?? []
        var findings = perPage.flatMap(\.placed)
        findings += place(perPage.flatMap(\.unplaced), among: documents, reported: findings)
        if includeHeadings {
            for body in state.bodies { findings += check.headingLevels(body.headings, of: body.document) }
            for page in state.pages where page.isMarkdown {
                if let body = try? state.renderer.renderBody(page, site: state.site) {
                    findings += check.headingLevels(body.headings, of: page)
                }
            }
        }
        return findings
    }

    /// Findings a page shows but neither it nor its templates write, such as a post's missing
    /// image in its excerpt on the home page. One the writing document already reports (same
    /// kind and message) is dropped, so it is reported once, at its real place; another is
    /// located in the first document whose body writes it, else left at the page's first line.
    /// The bodies are searched once per distinct reference, and only for these leftovers.
    static func place(_ unplaced: [PageCheck.Unplaced], among documents: [Document], reported: [Finding]) -> [Finding] {
        struct Key: Hashable {
            var kind: Finding.Kind
            var message: String
        }
        let known = Set(reported.map { Key(kind: $0.kind, message: $0.message) })
        let remaining = unplaced.filter { !known.contains(Key(kind: $0.finding.kind, message: $0.finding.message)) }
        guard !remaining.isEmpty else { return [] }
        let bodies = documents.map { SourceLocator.Text(path: $0.displayPath, firstLine: $0.bodyFirstLine, text: $0.body) }
        var located: [[String]: SourceLocation?] = [:]
        return remaining.map { item in
            let location: SourceLocation?
            if let cached = located[item.needles] {
                location = cached
            } else {
                location = SourceLocator.first(item.needles, in: bodies)
                located[item.needles] = location
            }
            guard let location else { return item.finding }
            var finding = item.finding
            (finding.file, finding.line, finding.column) = (location.file, location.line, location.column)
            return finding
        }
    }

    /// What `build` warns about: mis-encoded text, links, anchors, images and assets that
    /// lead nowhere, and the image model's warnings about the Dockerfiles drawn; one warning
    /// per finding.
    /// `includes`: the include files' texts (`includeTexts`), so that a broken link an include
    /// writes is reported once at the include's line, as `strata check` reports it.
    static func buildWarnings(state: RenderState, includes: [SourceLocator.Text] = [], progress: ProgressCounter? = nil) -> [Diagnostic] {
        let kinds: Set<Finding.Kind> = [.mojibake, .brokenLink, .missingAnchor, .missingImage, .missingAsset]
        let findings = pageFindings(state: state, includes: includes, includeHeadings: false, progress: progress).filter { kinds.contains($0.kind) }
        return SiteChecker.ordered(findings + dockerfileFindings(state: state)).map { $0.diagnostic() }
    }

    /// The texts of the site's `_includes` files (UTF-8 ones; a file that does not decode is
    /// skipped), each from line 1, for locating what an include writes.
    static func includeTexts(_ layout: SiteFolders) -> [SourceLocator.Text] {
        FileWalk.files(under: layout.includes).compactMap { file in
            guard let data = FileManager.default.contents(atPath: file.url.path),
                  case .success(let text) = SiteChecker.TextFile.decode(data) else { return nil }
            return SourceLocator.Text(path: layout.display(file.url), firstLine: 1, text: text)
        }
    }

    /// The image model's warnings about the Dockerfiles the site's diagrams drew.
    static func dockerfileFindings(state: RenderState) -> [Finding] {
        state.renderer.templates.diagramModels.findings
    }
}
