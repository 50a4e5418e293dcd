import Diagnostics
import Foundation
import Liquid

extension CachedSiteBuild {
    /// Where the last render's bodies, readers and dependency graph are kept (`RenderRecord`).
    var renderRecordPath: String { cacheFolder.appendingPathComponent("render").path }

    /// The fast path of a cached build after an edit to the text of existing posts: the
    /// preview session's steps (`SiteSession.renderEdits`), run over the last build's record
    /// instead of a state kept in memory. Every file is read again (cheap beside rendering);
    /// the edited posts' bodies are rendered, every other post's comes from the record; then
    /// what can show an edited post (`SiteSession.scope`: its page, with a new excerpt its
    /// neighbours and every list, the pages that read posts' content) is rendered, checked
    /// and written where its bytes changed.
    ///
    /// Returns nil whenever the record cannot prove that subset is enough: `changed` holds
    /// anything but existing posts, a post's front matter, date or place changed, posts read
    /// other posts' content, an excerpt changed and posts show excerpts, pagination, the last build warned about anything but configuration and reading, or the
    /// edited outputs raise a warning or lose an id another page may link to. The caller then
    /// renders everything, which is always right. Errors also return nil: the full render
    /// reports them as a build without the cache would.
    func renderEdits(changed: [String], previous: BuildManifest, inputs: [String: FileStamp], steps: inout StepRunner) -> (result: SiteBuildReport, outcome: Outcome)? {
        // Only a file in a `_posts/` or `_drafts/` folder can be a post: anything else is known
        // to need the whole render before the record (200 MB at 10,000 posts) is read.
        guard !changed.isEmpty, !changed.contains(where: { $0.hasPrefix("--config ") }),
              changed.allSatisfy({ $0.split(separator: "/").dropLast().contains { $0 == "_posts" || $0 == "_drafts" } }),
              previous.warnings.allSatisfy({ $0.kind == BuildStep.readConfig.kind || $0.kind == BuildStep.readContent.kind }),
              let stamp = previous.render, let now = FileStamp.of(renderRecordPath), stamp.matches(now, at: ""),
              let saved = RenderRecord.mapping(renderRecordPath)
        else { return nil }
        steps.lap(.checkCache)
        do throws(DiagnosticList) {
            return try renderEdits(changed: changed, saved: saved, previous: previous, inputs: inputs, steps: &steps)
        } catch {
            return nil
        }
    }

    private func renderEdits(changed: [String], saved: RenderRecord, previous: BuildManifest, inputs: [String: FileStamp],
                             steps: inout StepRunner) throws(DiagnosticList) -> (result: SiteBuildReport, outcome: Outcome)? {
        // Posts whose files did not change are taken as the last build read them.
        var reusable: [String: Document] = [:]
        let changedPaths = Set(changed)
        for (path, document) in saved.posts where !changedPaths.contains(path) { reusable[document.relativePath] = document }
        var state = try builder.prepare(&steps, reusablePosts: reusable)
        guard !state.pages.contains(where: { $0.pagination != nil }),
              saved.bodyEntries.count == state.posts.count, !saved.readers.postsReadContent else { return nil }

        // Every post's body is in the record, unless its source changed; and a changed post
        // must keep its front matter and place, or lists and neighbours move.
        var edited: [Int] = []
        // A post the reader took from the record and nothing changed since (it still shares
        // the record's storage) has the identity its body was recorded with: the record's
        // post and body entries are written together, from the same read, and what derives a
        // post's place from it (configuration, layouts) is unchanged, or this path is not taken.
        // Only the others are hashed.
        let rehashed = state.posts.indices.filter { index in
            let post = state.posts[index]
            return !(reusable[post.relativePath].map(post.isUnchangedCopy) ?? false)
        }
        let identities = Self.identities(of: rehashed.map { state.posts[$0] })
        for (slot, index) in rehashed.enumerated() {
            guard saved.bodyEntries[state.posts[index].displayPath]?.identity == identities[slot] else { return nil }
        }
        for (index, document) in state.posts.enumerated() {
            guard saved.bodyEntries[document.displayPath] != nil else { return nil }
            if changedPaths.contains(document.displayPath) { edited.append(index) }
        }
        guard edited.count == changedPaths.count else { return nil }
        // Decoded now: the edited posts' bodies (their excerpts are compared) and the posts'
        // beside them (their pages show them as `page.previous` and `page.next`); the others
        // only if the edit reaches further (below).
        guard restore(Self.neighbourhood(of: edited, count: state.posts.count), from: saved, into: &state) else { return nil }
        state.readers = saved.readers
        state.report.dependencies = saved.dependencies

        let excerptsChanged = try steps.run(.renderBodies) { () throws(DiagnosticList) in try state.renderBodies(edited, progress: builder.progress) }
        if !excerptsChanged.isEmpty, state.readers.postsReadExcerpts { return nil }
        let scope = SiteSession.scope(of: SiteSession.Edit(posts: edited), excerptsChanged: excerptsChanged, in: state)
        // Post pages alone, with the posts beside them restored, see no other body; a scope
        // with `site`, pages or archives may show any post's.
        let postPagesOnly = !scope.needsCurrentSite && !scope.archives && scope.pageOutputs?.isEmpty == true
        if !postPagesOnly || !state.unrestored.isDisjoint(with: Self.neighbourhood(of: scope.posts, count: state.posts.count)) {
            guard restore(state.unrestored.sorted(), from: saved, into: &state) else { return nil }
        }
        try steps.run(.buildSite) { () throws(DiagnosticList) in state.buildSite(for: scope) }
        let postPages = try steps.run(.applyLayouts) { () throws(DiagnosticList) in try state.applyLayouts(scope, progress: builder.progress) }
        let pages = try steps.run(.generatePages) { () throws(DiagnosticList) in try state.generatePages(scope) }
        var finished = postPages + pages
        let rendered = finished.map(\.document)
        state.record(finished, root: builder.layout.root)
        let files = try steps.run(.collectOutputs) { () throws(DiagnosticList) in try SiteBuilder.outputs(pages: &finished, staticFiles: []) }
        // A diagram drawn again may warn about its Dockerfile: the full render lists those warnings in order.
        guard state.renderer.templates.diagramModels.findings.isEmpty,
              files.allSatisfy({ previous.outputs[$0.path] != nil }) else { return nil }

        // The site's outputs, without the files `keep_files` kept (see `build`'s record of them).
        let siteOutputs = previous.outputs.filter { $0.value.fingerprint != ContentHash("kept \($0.value.stamp.size) \($0.value.stamp.modified) \($0.value.stamp.inode)") }
        let clean = try steps.run(.checkOutputs) { () throws(DiagnosticList) -> Bool in
            checkEdited(state: state, rendered: rendered, files: files, outputs: Array(siteOutputs.keys))
        }
        guard clean else { return nil }

        // Only outputs whose bytes changed are written; the record of the rest stands.
        var outputs = previous.outputs
        var fingerprints: [String: ContentHash] = [:]
        var changedFiles: [OutputFile] = []
        for file in files {
            guard case .data(let bytes) = file.contents else { return nil }
            let fingerprint = ContentHash(bytes)
            fingerprints[file.path] = fingerprint
            if outputs[file.path]?.fingerprint != fingerprint { changedFiles.append(file) }
        }
        // A build that stops half-way must not leave a record of the site it replaced.
        unlink(manifestPath)
        var writer = OutputWriter(site: builder.layout.destination, keepFiles: [])
        do {
            _ = try writer.update(changedFiles, complete: false)
        } catch {
            throw DiagnosticList([error])
        }
        let destination = builder.layout.destination.path
        for file in changedFiles {
            guard let stamp = FileStamp.of(destination + "/" + file.path), let fingerprint = fingerprints[file.path] else { return nil }
            outputs[file.path] = BuildManifest.Output(stamp: stamp, fingerprint: fingerprint)
        }
        let renderStamp = appendRecord(state: state, edited: edited, rendered: rendered)
        steps.lap(.write)

        let warnings = state.config.warnings.map { $0.inStep(.readConfig) } + state.content.warnings.map { $0.inStep(.readContent) }
        let result = SiteBuildReport(posts: state.posts.count, pages: state.pages.count, staticFiles: state.content.staticFiles.count,
                                 timings: steps.timings, warnings: warnings, dependencies: state.report.dependencies)
        record(BuildManifest(environment: previous.environment, nextPublication: state.content.nextPublication, posts: result.posts,
                             pages: result.pages, staticFiles: result.staticFiles, warnings: warnings, render: renderStamp,
                             inputs: inputs, outputs: outputs))
        return (result, .updated(rendered: rendered.count, written: changedFiles.count, kept: outputs.count - changedFiles.count))
    }

    /// `RenderRecord.identity(of:)` of every post, on every core: hashing each post's front
    /// matter is a tenth of a one-post edit at 10,000 posts.
    private static func identities(of posts: [Document]) -> [ContentHash] {
        let slots = UnsafeMutableBufferPointer<ContentHash>.allocate(capacity: posts.count)
        defer { slots.deallocate() }
        // Each worker initializes its own slot only.
        nonisolated(unsafe) let base = slots.baseAddress
        DispatchQueue.concurrentPerform(iterations: posts.count) { index in
            (base! + index).initialize(to: RenderRecord.identity(of: posts[index]))
        }
        return Array(slots)
    }

    /// The posts at `indices` and the ones beside them.
    private static func neighbourhood(of indices: [Int], count: Int) -> [Int] {
        Set(indices.flatMap { [$0 - 1, $0, $0 + 1] }).filter { (0..<count).contains($0) }.sorted()
    }

    /// Restores the bodies of the posts at `indices` from the record; false when one does not
    /// read back (the caller then renders everything).
    private func restore(_ indices: [Int], from saved: RenderRecord, into state: inout RenderState) -> Bool {
        var restored: [(index: Int, body: RenderedBody)] = []
        restored.reserveCapacity(indices.count)
        for index in indices {
            let document = state.posts[index]
            guard let body = saved.body(document.displayPath) else { return false }
            restored.append((index, RenderedBody(document: document, contentHTML: body.contentHTML, excerptHTML: body.excerptHTML,
                                                 headings: body.headings, dependencies: body.dependencies)))
        }
        state.restoreBodies(restored)
        return true
    }

    /// Step `checkOutputs` over the re-rendered outputs, which must raise no warning (the last
    /// build raised none, so the site's warnings stay none) and keep every id of their
    /// previous version (another page's `#fragment` link may point at it). Pages not rendered
    /// again are read from the destination only when a link points into them.
    private func checkEdited(state: RenderState, rendered: [Document], files: [OutputFile], outputs: [String]) -> Bool {
        let destination = builder.layout.destination.path
        let fresh = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for (path, file) in fresh where path.hasSuffix(".html") {
            guard case .data(let bytes) = file.contents else { return false }
            let old = FileManager.default.contents(atPath: destination + "/" + path) ?? Data()
            let before = HTMLTag.ids(in: String(decoding: old, as: UTF8.self))
            guard before.isSubset(of: HTMLTag.ids(in: String(decoding: bytes, as: UTF8.self))) else { return false }
        }
        // Every output the site has, so that links to them resolve; of the pages not rendered
        // again, only those a `#fragment` link of an edited page points into are read.
        var pageBytes: [String: Data] = [:]
        for (path, file) in fresh where path.hasSuffix(".html") {
            if case .data(let bytes) = file.contents { pageBytes[path] = bytes }
        }
        let linked = fragmentTargets(of: pageBytes, rendered: rendered, config: state.config, outputs: Set(outputs))
        var check = state
        check.files = outputs.map { path in
            if let file = fresh[path] { return file }
            if linked.contains(path), let bytes = FileManager.default.contents(atPath: destination + "/" + path) {
                return OutputFile(path: path, contents: .data(bytes))
            }
            // A file by its record: no `stat` to ask whether it is a folder, 10,000 times at 10,000 posts.
            return OutputFile(path: path, contents: .copy(URL(fileURLWithPath: destination + "/" + path, isDirectory: false)))
        }
        let renderedOutputs = Set(rendered.map(\.outputPath))
        check.posts = state.posts.filter { renderedOutputs.contains($0.outputPath) }
        check.pages = state.pages.filter { renderedOutputs.contains($0.outputPath) }
        return SiteChecks.buildWarnings(state: check).isEmpty
    }

    /// The pages not in `pages` that a link with a `#fragment` in one of `pages` reaches: the
    /// check's own resolution, asked with every other page taken to have no ids.
    private func fragmentTargets(of pages: [String: Data], rendered: [Document], config: SiteConfiguration, outputs: Set<String>) -> Set<String> {
        var empty = pages
        for path in outputs where path.hasSuffix(".html") && pages[path] == nil { empty[path] = Data() }
        let targets = LinkTargets(baseurl: config.baseurl, outputs: outputs, anchors: AnchorIndex(pageBytes: empty))
        var found = Set<String>()
        for document in rendered {
            guard let bytes = pages[document.outputPath] else { continue }
            for tag in HTMLTag.scan(String(decoding: bytes, as: UTF8.self), names: PageCheck.linkTagNames) {
                let attribute = (tag.name == "a" || tag.name == "link") ? "href" : "src"
                guard let reference = tag.attributes[attribute], reference.contains("#"),
                      case .missingAnchor(let page, _)? = targets.problem(with: reference, from: document.url),
                      pages[page] == nil else { continue }
                found.insert(page)
            }
        }
        return found
    }

    /// Appends the edited posts' bodies, the readers and the re-rendered outputs' inputs to the
    /// render record; returns its new stamp, nil when it could not be written (the next build
    /// then renders everything).
    private func appendRecord(state: RenderState, edited: [Int], rendered: [Document]) -> FileStamp? {
        let bodies = edited.map { index in
            let body = state.bodies[index]
            return (path: body.document.displayPath, body: RenderRecord.Body(
                identity: RenderRecord.identity(of: body.document), contentHTML: body.contentHTML, excerptHTML: body.excerptHTML,
                headings: body.headings, dependencies: body.dependencies))
        }
        var dependencies: [String: Set<String>] = [:]
        for document in rendered { dependencies[document.outputPath] = state.report.dependencies[document.outputPath] }
        // As read, before generators (`redirect_to`) changed them.
        let editedPaths = Set(edited.map { state.posts[$0].displayPath })
        let posts = state.content.documents.filter { ($0.kind == .post || $0.kind == .draft) && editedPaths.contains($0.displayPath) }
        guard RenderRecord.write(to: renderRecordPath, append: true, posts: posts, bodies: bodies, readers: state.readers, dependencies: dependencies) else {
            unlink(renderRecordPath)
            return nil
        }
        return FileStamp.of(renderRecordPath)
    }

    /// A new render record of a whole render; returns its stamp, nil when it could not be written.
    func writeRecord(of state: RenderState) -> FileStamp? {
        try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        let bodies = state.bodies.map { body in
            (path: body.document.displayPath, body: RenderRecord.Body(
                identity: RenderRecord.identity(of: body.document), contentHTML: body.contentHTML, excerptHTML: body.excerptHTML,
                headings: body.headings, dependencies: body.dependencies))
        }
        let posts = state.content.documents.filter { $0.kind == .post || $0.kind == .draft }
        guard RenderRecord.write(to: renderRecordPath, append: false, posts: posts, bodies: bodies, readers: state.readers, dependencies: state.report.dependencies) else {
            unlink(renderRecordPath)
            return nil
        }
        return FileStamp.of(renderRecordPath)
    }
}
