import Foundation
import Diagnostics
import Liquid
import Markdown

/// The checks on one rendered page: links, `#anchors`, images and other assets that
/// lead nowhere, images without alt text, and headings that skip a level.
struct PageCheck: Sendable {
    var targets: LinkTargets
    var locator: SourceLocator

    static let linkTagNames: Set<String> = ["a", "img", "link", "script", "source", "video", "audio", "iframe"]

    /// A finding whose text the page's own source and templates do not hold: it came from
    /// another document the page shows (a post's excerpt on the home page), where it is
    /// reported instead; see `SiteChecks.place`.
    struct Unplaced: Sendable {
        var finding: Finding
        /// What the source may say for it, tried in order.
        var needles: [String]
    }

    /// The findings of one page: those located in its own source or templates, and the rest.
    struct LinkFindings: Sendable {
        var placed: [Finding] = []
        var unplaced: [Unplaced] = []

        mutating func append(_ kind: Finding.Kind, needles: [String], locator: SourceLocator, document: Document, message: String, fix: String? = nil) {
            if let location = locator.locateIfWritten(needles, in: document) {
                placed.append(Finding(kind, at: location, message: message, fix: fix))
            } else {
                unplaced.append(Unplaced(finding: Finding(kind, at: SourceLocator.fallback(for: document), message: message, fix: fix), needles: needles))
            }
        }
    }

    /// The findings of one page, from its UTF-8 bytes (as the outputs hold them: a decoded
    /// copy of a large site's index page is megabytes).
    func links(inUTF8 html: [UInt8], of document: Document) -> LinkFindings {
        var findings = LinkFindings()
        // Every `#fragment` link (a table of contents has a dozen) points into the page itself.
        let ownOutput = LinkTargets.outputPath(document.url)
        for tag in HTMLTag.scan(utf8: html, names: PageCheck.linkTagNames) {
            let attribute = (tag.name == "a" || tag.name == "link") ? "href" : "src"
            if tag.name == "img" {
                let alt = tag.attributes["alt"]?.trimmingCharacters(in: .whitespaces) ?? ""
                if alt.isEmpty {
                    let source = tag.attributes["src"] ?? ""
                    findings.append(
                        .imageAlt, needles: needles(for: source), locator: locator, document: document,
                        message: "image \(source.isEmpty ? "" : "`\(source)` ")has no alt text; screen readers and broken images show nothing",
                        fix: "describe what it shows: alt=\"…\" in HTML, ![…](\(source)) in Markdown"
                    )
                }
            }
            if tag.name == "link", let rel = tag.attributes["rel"], !["stylesheet", "icon", "preload", "manifest"].contains(where: { TextSearch.contains(rel, $0) }) {
                continue
            }
            guard let reference = tag.attributes[attribute], let problem = targets.problem(with: reference, from: document.url, pageOutput: ownOutput) else { continue }
            let searched = needles(for: reference)
            switch problem {
            case .missingFile(let path):
                let kind: Finding.Kind = tag.name == "a" ? .brokenLink : tag.name == "img" ? .missingImage : .missingAsset
                let what = kind == .brokenLink ? "link" : kind == .missingImage ? "image" : "asset"
                findings.append(kind, needles: searched, locator: locator, document: document,
                                message: "\(what) `\(reference)` points nowhere: the site has no \(path)",
                                fix: baseurlFix(for: reference, from: document.url, pageOutput: ownOutput))
            case .missingAnchor(let page, let anchor):
                let ids = targets.anchors.ids(in: page) ?? []
                let close = NameSuggestion.closest(to: anchor, in: ids)
                findings.append(
                    .missingAnchor, needles: searched, locator: locator, document: document,
                    message: "`#\(anchor)` names no heading or id in \(page)",
                    fix: close.map { "did you mean `#\($0)`?" }
                )
            }
        }
        return findings
    }

    /// With a `baseurl`, a root-relative reference written without it (`/about/` for a page
    /// served at `/blog/about/`) names a page that exists once the baseurl is added: the
    /// usual slip, whose fix is Jekyll's `relative_url` filter. Nil otherwise.
    private func baseurlFix(for reference: String, from url: String, pageOutput: String) -> String? {
        let baseurl = targets.baseurl
        guard !baseurl.isEmpty, reference.hasPrefix("/"), !reference.hasPrefix("//"), !reference.hasPrefix(baseurl + "/"),
              targets.problem(with: baseurl + reference, from: url, pageOutput: pageOutput) == nil else { return nil }
        return "the site is served under baseurl `\(baseurl)`: write `{{ '\(reference)' | relative_url }}` in a template, or `\(baseurl + reference)`"
    }

    /// A heading deeper than the one before by more than one level (`##` then `####`).
    func headingLevels(_ headings: [Heading], of document: Document) -> [Finding] {
        var findings: [Finding] = []
        var previous: Heading?
        for heading in headings {
            if let last = previous, heading.level > last.level + 1 {
                let marks = String(repeating: "#", count: heading.level)
                let location = locator.locate([marks + " " + heading.text, heading.text, "<h\(heading.level)"], in: document)
                findings.append(Finding(
                    .headingLevel, at: location,
                    message: "heading level \(heading.level) (\"\(heading.text)\") follows level \(last.level), skipping \(last.level + 1)",
                    fix: "make it level \(last.level + 1) (\(String(repeating: "#", count: last.level + 1)))"
                ))
            }
            previous = heading
        }
        return findings
    }

    /// What the source may say for a rendered reference: as written, without the
    /// baseurl (`{{ site.baseurl }}/x.png`), HTML-escaped, or just its file name.
    private func needles(for reference: String) -> [String] {
        var out = [reference]
        if !targets.baseurl.isEmpty, reference.hasPrefix(targets.baseurl + "/") {
            out.append(String(reference.dropFirst(targets.baseurl.count)))
        }
        out.append(reference.replacingOccurrences(of: "&", with: "&amp;"))
        if let last = reference.split(separator: "/").last, last.count >= 3, last != Substring(reference) { out.append(String(last)) }
        return out
    }
}
