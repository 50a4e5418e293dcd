import Diagnostics
import Foundation
import HTTPTypes
import Hummingbird

/// Answers every request of the preview server: the built site's files, its folders'
/// `index.html`, its `404.html`, and the live-reload event stream.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let baseURL: String
    let liveReload: Bool
    let state: SiteState
    let broadcaster: EventBroadcaster
    /// Made once: it only depends on the base URL, and pages ask for it on every request.
    private let script: String
    private let cache = ResponseCache()

    init(baseURL: String, liveReload: Bool, state: SiteState, broadcaster: EventBroadcaster) {
        self.baseURL = baseURL
        self.liveReload = liveReload
        self.state = state
        self.broadcaster = broadcaster
        self.script = LiveReloadScript.html(baseURL: baseURL)
    }

    /// Every response carries these: no MIME sniffing of the author's files, and no referrer sent from a
    /// preview page to the sites it links to.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.xContentTypeOptions, "nosniff"), (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
    ]

    func respond(to request: Request, context: Context) async throws -> Response {
        var response = try await answer(request)
        for (name, value) in Self.securityHeaders { response.headers[name] = value }
        return response
    }

    private func answer(_ request: Request) async throws -> Response {
        // RFC 9112 §3.2: a request without Host is answered 400.
        guard request.head.authority != nil else {
            return Self.plain(.badRequest, "A Host header is required.\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.plain(.methodNotAllowed, "Only GET and HEAD are served.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let isHead = request.method == .head
        let path: RequestPath
        do {
            path = try RequestPath(target: request.head.path ?? "/")
        } catch {
            return Self.plain(.badRequest, "Bad request path.\n")
        }
        if liveReload, isEventsPath(path.segments) {
            return eventStream(headOnly: isHead)
        }
        guard let (rest, exact) = path.strippingBase(baseURL) else {
            // Jekyll's habit: the bare host leads to the site when it lives under a base URL.
            if path.segments.isEmpty { return Self.redirect(to: baseURL + "/", status: .found) }
            return notFound(request: request, path: path, headOnly: isHead)
        }
        if exact && !path.hasTrailingSlash && !baseURL.isEmpty {
            return Self.redirect(to: path.folderLocation, status: .movedPermanently)
        }
        if path.namesDotfile {
            return notFound(request: request, path: path, headOnly: isHead)
        }
        let snapshot = state.current
        guard let root = snapshot.siteRoot else {
            return Self.plain(.serviceUnavailable, "The site has not been built yet.\n")
        }
        switch SiteFileResolver(root: root).resolve(rest, trailingSlash: path.hasTrailingSlash) {
        case .folderWithoutSlash:
            return Self.redirect(to: path.folderLocation, status: .movedPermanently)
        case .notFound:
            return notFound(request: request, path: path, headOnly: isHead)
        case let .file(info):
            return serve(info, status: .ok, request: request, snapshot: snapshot, headOnly: isHead)
                ?? notFound(request: request, path: path, headOnly: isHead)
        }
    }

    private func isEventsPath(_ segments: [String]) -> Bool {
        let events = LiveReloadScript.eventsPath.split(separator: "/").map(String.init)
        let base = baseURL.split(separator: "/").map(String.init)
        return segments == base + events || segments == events
    }

    // MARK: Files

    /// Serves one file, with validators; nil when it vanished between resolving and reading.
    private func serve(
        _ info: ServedFileInfo, status: HTTPResponse.Status, request: Request, snapshot: SiteSnapshot, headOnly: Bool
    ) -> Response? {
        let injects = liveReload && ContentType.isHTML(info.path)
        var tag = "\"" + String(info.inode, radix: 16) + "-" + String(info.size, radix: 16) + "-"
            + String(info.modifiedSeconds, radix: 16) + "." + String(info.modifiedNanoseconds, radix: 16)
        var lastModified = info.modifiedSeconds
        if injects {
            // The page's bytes also depend on the overlay, which the file's own dates don't show.
            tag += "-l" + String(snapshot.overlayGeneration)
            lastModified = max(lastModified, snapshot.overlayChangedAt)
        }
        tag += "\""

        var headers = HTTPFields()
        headers[.contentType] = ContentType.forFile(info.path)
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = tag
        headers[.lastModified] = HTTPDate.format(secondsSince1970: lastModified)

        if status == .ok, Self.isFresh(request: request, tag: tag, lastModified: lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        let body: ByteBuffer
        if let cached = cache.body(for: info.path, validator: tag) {
            body = cached
        } else {
            guard var bytes = SiteFileResolver.contents(of: info) else { return nil }
            if injects {
                var snippet = ""
                if let failure = snapshot.failure { snippet += ErrorOverlay.html(for: failure) }
                snippet += script
                bytes = HTMLInjection.inject(snippet, into: bytes)
            }
            body = ByteBuffer(bytes: bytes)
            cache.store(body, for: info.path, validator: tag)
        }
        return Self.body(body, status: status, headers: headers, headOnly: headOnly)
    }

    /// RFC 9110: If-None-Match wins over If-Modified-Since; weak comparison for GET.
    static func isFresh(request: Request, tag: String, lastModified: Int) -> Bool {
        if let ifNoneMatch = request.headers[.ifNoneMatch] {
            let strong = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
            for candidate in ifNoneMatch.split(separator: ",") {
                var value = candidate.trimmingCharacters(in: .whitespaces)
                if value == "*" { return true }
                if value.hasPrefix("W/") { value.removeFirst(2) }
                if value == strong { return true }
            }
            return false
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
            return lastModified <= since
        }
        return false
    }

    private func notFound(request: Request, path: RequestPath, headOnly: Bool) -> Response {
        let snapshot = state.current
        if let root = snapshot.siteRoot, let page = SiteFileResolver(root: root).notFoundPage(),
           let response = serve(page, status: .notFound, request: request, snapshot: snapshot, headOnly: headOnly) {
            return response
        }
        var page = "<!doctype html><meta charset=\"utf-8\"><title>Not found</title>"
            + "<p>Nothing is built at <code>\(HTMLEscaping.escape(path.rawPath))</code>.</p>"
        if liveReload {
            if let failure = snapshot.failure { page += ErrorOverlay.html(for: failure) }
            page += script
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        return Self.body(Array(page.utf8), status: .notFound, headers: headers, headOnly: headOnly)
    }

    // MARK: Live reload

    private func eventStream(headOnly: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        guard !headOnly else { return Response(status: .ok, headers: headers) }
        // Subscribe before reading the state, so no event falls between the two.
        let events = broadcaster.subscribe()
        var greeting = "retry: 1000\n\n"
        if let failure = state.current.failure { greeting += ServerEvent.failure(failure).wireText }
        let opening = greeting
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: opening))
            for await event in events {
                try await writer.write(ByteBuffer(string: event.wireText))
            }
            try await writer.finish(nil)
        })
    }

    // MARK: Building responses

    private static func body(_ bytes: [UInt8], status: HTTPResponse.Status, headers: HTTPFields, headOnly: Bool) -> Response {
        body(ByteBuffer(bytes: bytes), status: status, headers: headers, headOnly: headOnly)
    }

    private static func body(_ buffer: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields, headOnly: Bool) -> Response {
        var headers = headers
        headers[.contentLength] = String(buffer.readableBytes)
        if headOnly { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(to location: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: status, headers: headers)
    }
}
