import Diagnostics
import Foundation
import Liquid

/// Everything a build reads before rendering: documents, layouts, static files and data.
struct SiteContent: Sendable {
    var documents: [Document]
    var layouts: [String: Layout]
    var staticFiles: [StaticFile]
    /// `_data/` as `site.data`.
    var data: ValueObject = ValueObject()
    var warnings: [Diagnostic]
    /// The earliest date of a post left out for being in the future.
    var nextPublication: Date?
}

/// Walks the content, layouts and assets folders and turns files into documents.
struct SiteReader {
    let layout: SiteFolders
    let config: SiteConfiguration
    let now: Date
    /// Told about every post read.
    var progress: (@Sendable (BuildProgress) -> Void)? = nil
    /// Posts as an earlier build read them, by path relative to the content folder, whose
    /// files have not changed since (the build cache's `RenderRecord`): taken instead of
    /// reading and parsing the file again, unless the post's date has not come yet.
    var reusablePosts: [String: Document] = [:]

    static let markdownExtensions: Set<String> = ["md", "markdown", "mkdown", "mkd", "mkdn"]
    static let renderedExtensions: Set<String> = markdownExtensions.union(["html", "htm"])

    /// A plain Jekyll folder (no `content/`): documents without `layout:` get none, as in
    /// Jekyll 4; Strata's own layout falls back to `post` and `page`.
    var isJekyllFolder: Bool { layout.assets == nil }

    /// A post found by the walk, and how many documents came before it.
    struct PostFile {
        var url: URL
        var relative: String
        var kind: Document.Kind
        var position: Int
    }

    private func readPosts(_ files: [PostFile], permalink: Permalink) -> [Result<PostResult, Diagnostic>] {
        let slots = UnsafeMutableBufferPointer<Result<PostResult, Diagnostic>>.allocate(capacity: files.count)
        defer { slots.deallocate() }
        // Each worker initialises its own slot only.
        nonisolated(unsafe) let base = slots.baseAddress!
        let counter = ProgressCounter(step: BuildStep.readContent.name, total: files.count, report: progress)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            defer { counter?.advance() }
            let file = files[index]
            let result: Result<PostResult, Diagnostic>
            if let known = reusablePosts[file.relative], known.kind == file.kind, config.future || (known.date ?? .distantPast) <= now {
                result = .success(.document(known))
            } else {
                do throws(Diagnostic) {
                    result = .success(try readPost(file.url, relative: file.relative, kind: file.kind, permalink: permalink))
                } catch {
                    result = .failure(error)
                }
            }
            (base + index).initialize(to: result)
        }
        let results = Array(slots)
        for index in 0..<files.count { (base + index).deinitialize(count: 1) }
        return results
    }

    func read() throws(DiagnosticList) -> SiteContent {
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var documents: [Document] = []
        var staticFiles: [StaticFile] = []
        var nextPublication: Date?
        var postFiles: [PostFile] = []
        let sitePermalink = Permalink(config.postsPermalink)
        do {
            try sitePermalink.validate()
        } catch {
            errors.append(Diagnostic(
                location: config.location(of: ":" + error.name, below: config.keyLines["permalink"] == nil ? "collections" : "permalink"),
                message: "unknown permalink placeholder `:\(error.name)`; \(error.suggestion)known: \(Permalink.placeholders.sorted().map { ":" + $0 }.joined(separator: ", "))"
            ))
        }
        let collections = Dictionary(config.collections.map { ("_" + $0.label, $0) }, uniquingKeysWith: { first, _ in first })

        let filter = config.entryFilter
        var foldersWithBadNames: [URL] = []
        for file in files(under: layout.content) {
            let relative = file.relative
            let components = RelativePath.components(relative).map(String.init)
            guard let top = components.first else { continue }
            if file.notUTF8 {
                let folder = file.url.deletingLastPathComponent()
                if filter.accepts(relative, from: top.hasPrefix("_") ? 1 : 0), !foldersWithBadNames.contains(folder) {
                    foldersWithBadNames.append(folder)
                }
                continue
            }
            if let problem = file.skippedLink {
                if filter.accepts(relative, from: top.hasPrefix("_") ? 1 : 0) {
                    warnings.append(Diagnostic(.warning, location: SourceLocation(file: layout.display(file.url), line: 1), message: problem))
                }
                continue
            }
            // `_posts`, `_drafts` and collections' folders, inside `collections_dir` when set.
            // A document's relative path starts at its collection's folder, as Jekyll's
            // `relative_path` does (`_posts/x.md`, not `my/_posts/x.md`).
            let depth = collectionsDepth(components)
            let folder = depth.map { components[$0] } ?? ""
            let inCollections = depth.map { components[$0...].joined(separator: "/") } ?? relative
            if let depth, folder == "_posts" || (folder == "_drafts" && config.drafts) {
                // Inside `_posts` the folder itself is Jekyll's starting point.
                guard filter.accepts(relative, from: depth + 1) else { continue }
                postFiles.append(PostFile(url: file.url, relative: inCollections, kind: folder == "_posts" ? .post : .draft, position: documents.count))
                continue
            }
            // Jekyll reads `_posts` (and `_drafts`) in every folder it walks: `blog/_posts/x.md`
            // is a post whose folders above `_posts` are its categories.
            if let nested = nestedPostsFolder(components), filter.accepts(components[..<nested.index].joined(separator: "/")),
               filter.accepts(relative, from: nested.index + 1) {
                let start = config.collectionsDirectory.split(separator: "/").count
                postFiles.append(PostFile(url: file.url, relative: components[start...].joined(separator: "/"), kind: nested.kind, position: documents.count))
                continue
            }
            if let depth, let collection = collections[folder] {
                guard filter.accepts(relative, from: depth + 1) else { continue }
                do {
                    switch try readCollectionDocument(file.url, relative: inCollections, collection: collection) {
                    case .document(let document): documents.append(document)
                    case .staticFile where collection.output:
                        staticFiles.append(StaticFile(source: file.url, outputPath: collectionFilePath(inCollections, collection: collection), collection: collection.label))
                    case .staticFile, .unpublished: break
                    }
                } catch { errors.append(error) }
                continue
            }
            guard filter.accepts(relative) else { continue }
            do {
                switch try readPageFile(file.url, relative: relative) {
                case .document(let page): documents.append(page)
                case .staticFile: staticFiles.append(StaticFile(source: file.url, outputPath: relative))
                case .unpublished: break
                }
            } catch { errors.append(error) }
        }
        // Posts are read on every core (reading and front matter were a third of a build),
        // then put back where the walk found them, errors and warnings in the same order.
        let postResults = readPosts(postFiles, permalink: sitePermalink)
        var merged: [Document] = []
        merged.reserveCapacity(documents.count + postFiles.count)
        var next = 0
        for (index, file) in postFiles.enumerated() {
            merged += documents[next..<file.position]
            next = file.position
            switch postResults[index] {
            case .success(.document(let document)): merged.append(document)
            case .success(.skipped): break
            case .success(.scheduled(let date)): nextPublication = min(nextPublication ?? date, date)
            case .success(.notAPost(let reason)): warnings.append(Diagnostic(.warning, location: SourceLocation(file: layout.display(file.url), line: 1), message: reason, kind: BuildStep.readContent.kind))
            case .failure(let error): errors.append(error)
            }
        }
        documents = merged + documents[next...]
        // Jekyll silently turns `..` into `/` so nothing is written above `_site/`; Strata
        // does the same (`URLPath.clean`) but says so, since the page lands elsewhere than written.
        for document in documents {
            guard case .string(let pattern)? = document.frontMatter["permalink"], pattern.contains("..") else { continue }
            warnings.append(Diagnostic(
                .warning, location: SourceLocation(file: document.displayPath, line: document.keyLines["permalink"] ?? 1),
                message: "permalink `\(pattern)` climbs with `..`; it is written at \(document.url), as Jekyll writes it, never outside the site",
                kind: BuildStep.readContent.kind
            ))
        }
        if let assets = layout.assets {
            let prefix = assets.lastPathComponent
            for file in files(under: assets) where filter.accepts(file.relative) {
                if let problem = file.skippedLink {
                    warnings.append(Diagnostic(.warning, location: SourceLocation(file: layout.display(file.url), line: 1), message: problem))
                    continue
                }
                staticFiles.append(StaticFile(source: file.url, outputPath: prefix + "/" + file.relative))
            }
        }

        // Jekyll stops with "invalid byte sequence in UTF-8"; Strata names each file, bytes spelled out.
        for folder in foldersWithBadNames {
            for name in FileNames.notUTF8(in: folder.path) {
                errors.append(Diagnostic(
                    location: SourceLocation(file: layout.display(folder.appendingPathComponent(name)), line: 1),
                    message: "the file name is not UTF-8, so it cannot be read or given a URL; rename it (for example with `convmv -f latin1 -t utf8`)",
                    kind: BuildStep.readContent.kind
                ))
            }
        }

        var layouts: [String: Layout] = [:]
        for file in files(under: layout.layouts) where file.skippedLink == nil && !file.notUTF8 {
            do {
                let loaded = try readLayout(file.url, relative: file.relative)
                layouts[loaded.name] = loaded
            } catch { errors.append(error) }
        }
        addThemeLayouts(to: &layouts, errors: &errors)
        addThemeAssets(documents: &documents, staticFiles: &staticFiles, errors: &errors)
        var data = ValueObject()
        do {
            data = try mergingThemeData(into: DataReader(layout: layout).read(folder: layout.content.appendingPathComponent(config.dataDirectory)))
        } catch {
            errors += error.diagnostics
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        // Jekyll's `sort_files!`: pages by file name (ties in reading order), static files
        // by path; `site.pages` and `site.static_files` show that order.
        let pages = documents.enumerated().filter { $0.element.kind == .page }.sorted {
            let left = RelativePath.lastComponent($0.element.relativePath), right = RelativePath.lastComponent($1.element.relativePath)
            return left != right ? Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8)) : $0.offset < $1.offset
        }.map(\.element)
        documents = documents.filter { $0.kind != .page } + pages
        staticFiles.sort { Array($0.outputPath.utf8).lexicographicallyPrecedes(Array($1.outputPath.utf8)) }
        // Jekyll runs generators after `sort_files!`; pages they make follow the sorted ones.
        let reused = reusablePosts
        try PageGenerators(reader: self).run(documents: &documents, staticFiles: &staticFiles, layouts: layouts) { document in
            reused[document.relativePath].map { document.isUnchangedCopy(of: $0) } ?? false
        }
        // As Jekyll's `StaticFile#defaults`: by the file's URL and its collection's label (no
        // type outside a collection, so only scopes without `type` reach it).
        if !config.frontMatterDefaults.sets.isEmpty {
            for index in staticFiles.indices {
                let values = config.frontMatterDefaults.apply(to: ValueObject(), path: staticFiles[index].outputPath, type: staticFiles[index].collection ?? "")
                if values["published"] == .bool(false) { staticFiles[index].isWritten = false }
            }
        }
        return SiteContent(documents: documents, layouts: layouts, staticFiles: staticFiles, data: data, warnings: warnings, nextPublication: nextPublication)
    }

    /// Where a collection's folder (`_posts`, `_drafts`, `_LABEL`) would be among the
    /// components of a file's path: after those of `collections_dir`; nil when the file
    /// lies outside `collections_dir` or directly in it.
    func collectionsDepth(_ components: [String]) -> Int? {
        let prefix = config.collectionsDirectory.split(separator: "/").map(String.init)
        guard components.count > prefix.count + 1, components.starts(with: prefix) else { return nil }
        return prefix.count
    }

    /// A `_posts` (or, with drafts shown, `_drafts`) folder below the first level of
    /// `collections_dir` (or of the site), with the file below it: its index among the
    /// path's components.
    func nestedPostsFolder(_ components: [String]) -> (index: Int, kind: Document.Kind)? {
        let prefix = config.collectionsDirectory.split(separator: "/").map(String.init)
        guard components.count > prefix.count + 2, components.starts(with: prefix) else { return nil }
        for index in (prefix.count + 1)..<(components.count - 1) {
            if components[index] == "_posts" { return (index, .post) }
            if components[index] == "_drafts", config.drafts { return (index, .draft) }
            if EntryFilter.isSpecial(components[index]) { return nil }
        }
        return nil
    }

    /// Jekyll's `StaticFile#url` for a file of a collection: the collection's permalink
    /// with `:path` the file's path inside the folder (no extension), `/` trimmed, then the
    /// file's own extension.
    func collectionFilePath(_ relative: String, collection: CollectionSettings) -> String {
        let inner = relative.split(separator: "/").dropFirst().joined(separator: "/")
        let ext = (inner as NSString).pathExtension
        let withoutExt = ext.isEmpty ? inner : String(inner.dropLast(ext.count + 1))
        let inputs = Permalink.Inputs(
            date: nil, timeZone: config.timeZone, title: "", slug: "", categories: [], outputExtension: "",
            path: "/" + withoutExt, basename: RelativePath.lastComponent(withoutExt), collection: collection.label
        )
        var url = Permalink(collection.permalink).expand(inputs)
        while url.hasSuffix("/") { url.removeLast() }
        return String((url + (ext.isEmpty ? "" : "." + ext)).drop(while: { $0 == "/" }))
    }

    // MARK: - Files

    struct FoundFile {
        var url: URL
        var relative: String
        /// Why a symbolic link here is not read, when it is not.
        var skippedLink: String?
        /// The name is not UTF-8: Foundation hands it over with U+FFFD in place of the bad bytes, a
        /// path that names no file, so it cannot be read or given a URL.
        var notUTF8 = false
    }

    /// Every regular file below `root`, sorted so builds are deterministic.
    func files(under root: URL) -> [FoundFile] {
        let base = root.standardizedFileURL.path
        var found: [FoundFile] = []
        let siteRoot = layout.root.resolvingSymlinksInPath().path
        for entry in ContentWalk.entries(under: base) {
            let url = URL(fileURLWithPath: base + "/" + entry.relative, isDirectory: false)
            switch entry.kind {
            case .file:
                found.append(FoundFile(url: url, relative: entry.relative))
            case .notUTF8:
                found.append(FoundFile(url: url, relative: entry.relative, notUTF8: true))
            case .symbolicLink:
                // Jekyll (outside safe mode) reads a linked file as if it were there; a link that leaves
                // the site is never followed, and a linked folder is not walked.
                let target = url.resolvingSymlinksInPath()
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder)
                let problem: String?
                if !target.path.hasPrefix(siteRoot + "/") {
                    problem = "skipped: the symbolic link points outside the site (\(target.path))"
                } else if !exists {
                    problem = "skipped: the symbolic link points to nothing (\(target.path))"
                } else if isFolder.boolValue {
                    problem = "skipped: Strata does not walk linked folders; link the files, or move the folder here"
                } else {
                    problem = nil
                }
                found.append(FoundFile(url: url, relative: entry.relative, skippedLink: problem))
            }
        }
        // Split each path once, not once per comparison.
        return found.map { ($0, RelativePath.components($0.relative).map { Array($0.utf8) }) }
            .sorted { SiteReader.jekyllOrder($0.1, $1.1) }
            .map(\.0)
    }

    /// The order Jekyll's reader meets files in, which `site.pages` and
    /// `site.static_files` keep: in each folder, its subfolders (recursively) before its
    /// own files, names in byte order.
    static func jekyllOrder(_ left: [[UInt8]], _ right: [[UInt8]]) -> Bool {
        for index in 0..<min(left.count, right.count) where left[index] != right[index] {
            let leftIsFolder = index < left.count - 1
            let rightIsFolder = index < right.count - 1
            if leftIsFolder != rightIsFolder { return leftIsFolder }
            return left[index].lexicographicallyPrecedes(right[index])
        }
        return left.count < right.count
    }

    func readText(_ url: URL) throws(Diagnostic) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic(location: SourceLocation(file: layout.display(url), line: 1), message: "cannot read the file")
        }
        return try SourceText.decode(data, path: layout.display(url))
    }
}
