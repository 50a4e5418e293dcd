import ArgumentParser
import Diagnostics
import Foundation
import Site

/// `strata new site|post|draft`: starts a site, or a post or draft in one.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a site, a post or a draft.",
        subcommands: [NewSiteCommand.self, NewPostCommand.self, NewDraftCommand.self]
    )
}

struct NewSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a working site into FOLDER: config, a post with a diagram, layouts, includes and the theme."
    )

    @Argument(help: "The folder to create; it must not exist or be empty.")
    var folder: String

    /// A folder that already holds files is a wrong command line (exit 2), like `build`'s
    /// folder that is not a site: nothing was tried, so nothing failed; nothing is written.
    func validate() throws {
        var isDirectory: ObjCBool = false
        let path = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw ValidationError("\(folder) is a file; `strata new site` writes into a new or empty folder")
        }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard existing.isEmpty else {
            throw ValidationError("\(folder) already has files in it; `strata new site` only writes into a new or empty folder\nhint: choose a new folder name, or empty this one")
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        do {
            for file in StarterSite.files(now: Date(), zone: .current) {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            Terminal.printError(Diagnostic(location: nil, message: "could not write the site into \(folder): \(error.localizedDescription)").rendered)
            throw ExitCode(1)
        }
        print("Created a site in \(folder). Next:\n  cd \(folder)\n  strata serve")
    }
}

/// Options shared by `new post`, `new draft` and `publish`.
struct NewDocumentOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder.")
    var source: String = "."

    /// A folder that holds no site is refused before anything is written (exit 2), as
    /// `strata build` refuses it: a post written there would never be published.
    func validate() throws {
        try SiteFolderValidation.validate(source: source)
    }

    var layout: SiteFolders { SiteFolders.detect(root: URL(fileURLWithPath: source, isDirectory: true)) }

    /// The site's time zone (its `timezone`, else the machine's).
    func zone(_ layout: SiteFolders) throws -> TimeZone {
        do {
            return try SiteConfiguration.load(layout: layout).timeZone
        } catch {
            Terminal.printError(error.rendered)
            throw ExitCode(1)
        }
    }

    /// Writes `text` at `url`, refusing to replace anything; prints the path.
    func create(_ url: URL, text: String, layout: SiteFolders) throws {
        let display = layout.display(url)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            Terminal.printError(Diagnostic(location: SourceLocation(file: display, line: 1), message: "\(display) already exists; choose another title (nothing was overwritten)").rendered)
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            Terminal.printError(Diagnostic(location: SourceLocation(file: display, line: 1), message: "could not write the file: \(error.localizedDescription)").rendered)
            throw ExitCode(1)
        }
        print(display)
    }

    /// A blank title would name the file `untitled.md` and print `title: ""` on the page:
    /// refused as a usage error (exit 2) before anything is written.
    static func requireTitle(_ title: String, kind: String) throws {
        guard title.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError("the \(kind)'s title is empty; give one, e.g. strata new \(kind) \"My first \(kind)\"")
        }
    }

    static func frontMatter(title: String, date: String) -> String {
        let quoted = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "---\nlayout: post\ntitle: \(quoted)\ndate: \(date)\ncategories: []\n---\n\n"
    }
}

struct NewPostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Write _posts/YYYY-MM-DD-title.md, dated now in the site's time zone, and print its path."
    )

    @Argument(help: "The post's title.")
    var title: String

    @OptionGroup var options: NewDocumentOptions

    func validate() throws { try NewDocumentOptions.requireTitle(title, kind: "post") }

    func run() throws {
        let layout = options.layout
        let zone = try options.zone(layout)
        let now = Date()
        let name = "\(PostDates.day(now, zone: zone))-\(PostNaming.slug(title)).md"
        let url = layout.content.appendingPathComponent("_posts").appendingPathComponent(name)
        try options.create(url, text: NewDocumentOptions.frontMatter(title: title, date: PostDates.frontMatter(now, zone: zone)), layout: layout)
    }
}

struct NewDraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write _drafts/title.md (shown by build --drafts; publish it with `strata publish`) and print its path."
    )

    @Argument(help: "The draft's title.")
    var title: String

    @OptionGroup var options: NewDocumentOptions

    func validate() throws { try NewDocumentOptions.requireTitle(title, kind: "draft") }

    func run() throws {
        let layout = options.layout
        let zone = try options.zone(layout)
        let url = layout.content.appendingPathComponent("_drafts").appendingPathComponent(PostNaming.slug(title) + ".md")
        try options.create(url, text: NewDocumentOptions.frontMatter(title: title, date: PostDates.frontMatter(Date(), zone: zone)), layout: layout)
    }
}

/// `strata publish DRAFT`: moves a draft into _posts/ with today's date.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Move a draft into _posts/, dated now (file name and front matter `date`), and print its new path."
    )

    @Argument(help: "The draft: a path, or a name in _drafts/ (`my-idea` or `my-idea.md`).")
    var draft: String

    @OptionGroup var options: NewDocumentOptions

    func run() throws {
        let layout = options.layout
        let drafts = layout.content.appendingPathComponent("_drafts")
        let candidates = [
            URL(fileURLWithPath: draft), drafts.appendingPathComponent(draft), drafts.appendingPathComponent(draft + ".md"),
        ]
        guard let source = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) })?.standardizedFileURL else {
            Terminal.printError(Diagnostic(location: nil, message: "no draft \(draft) (looked for it as a path and in \(layout.display(drafts))/)").rendered)
            throw ExitCode(1)
        }
        let zone = try options.zone(layout)
        let now = Date()
        let text = String(decoding: FileManager.default.contents(atPath: source.path) ?? Data(), as: UTF8.self)
        let target = layout.content.appendingPathComponent("_posts")
            .appendingPathComponent("\(PostDates.day(now, zone: zone))-\(source.lastPathComponent)")
        try options.create(target, text: PublishCommand.redated(text, date: PostDates.frontMatter(now, zone: zone)), layout: layout)
        do {
            try FileManager.default.removeItem(at: source)
        } catch {
            Terminal.printError(Diagnostic(location: nil, message: "published, but could not remove the draft \(layout.display(source)): \(error.localizedDescription)").rendered)
            throw ExitCode(1)
        }
    }

    /// The text with its front matter `date:` set to `date` (added when missing), so the
    /// post's date is the day it was published, not the day the draft was begun.
    static func redated(_ text: String, date: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let close = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces)) }) else {
            return "---\ndate: \(date)\n---\n" + text
        }
        if let line = lines[1..<close].firstIndex(where: { $0.hasPrefix("date:") }) {
            lines[line] = "date: \(date)"
        } else {
            lines.insert("date: \(date)", at: close)
        }
        return lines.joined(separator: "\n")
    }
}
