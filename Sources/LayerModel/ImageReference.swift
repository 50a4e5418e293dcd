/// A parsed, normalised image reference such as `docker.io/library/python:3.9-slim`.
public struct ImageReference: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The registry host, with its port when one was given (`docker.io`, `localhost:5000`).
    public let domain: String
    /// The repository path below the registry (`library/python`, `team/app`).
    public let path: String
    /// The tag, or nil when the reference names only a digest or nothing at all.
    public let tag: String?
    /// The content digest (`sha256:…`), when the reference pins one.
    public let digest: String?

    static let defaultDomain = "docker.io"
    static let officialPrefix = "library/"

    /// Parses `text` the way Docker does: a missing registry means Docker Hub, a
    /// one-part Hub name lives under `library/`, and a missing tag means `latest`.
    public init(parsing text: String) throws(ImageReferenceError) {
        guard !text.isEmpty else { throw ImageReferenceError(reference: text, reason: "expected an image name, got nothing") }
        var remainder = Substring(text)
        var digest: String?
        if let at = remainder.firstIndex(of: "@") {
            let value = String(remainder[remainder.index(after: at)...])
            guard Self.isValidDigest(value) else {
                throw ImageReferenceError(reference: text, reason: "expected a digest like sha256:<64 hex digits> after '@'")
            }
            digest = value
            remainder = remainder[..<at]
        }
        var tag: String?
        if let colon = remainder.lastIndex(of: ":"), !remainder[colon...].contains("/") {
            let value = String(remainder[remainder.index(after: colon)...])
            guard Self.isValidTag(value) else {
                throw ImageReferenceError(reference: text, reason: "expected a tag of letters, digits, '_', '.' or '-' (at most 128) after ':'")
            }
            tag = value
            remainder = remainder[..<colon]
        }
        let name = String(remainder)
        var domain = Self.defaultDomain
        var path = name
        if let slash = name.firstIndex(of: "/") {
            let first = name[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
                domain = String(first)
                path = String(name[name.index(after: slash)...])
            }
        }
        guard Self.isValidDomain(domain) else {
            throw ImageReferenceError(reference: text, reason: "expected a registry host name with an optional :port, got '\(domain)'")
        }
        if domain == "index.docker.io" { domain = Self.defaultDomain }
        if path.lowercased() != path {
            throw ImageReferenceError(reference: text, reason: "repository name must be lowercase")
        }
        guard Self.isValidPath(path) else {
            throw ImageReferenceError(
                reference: text,
                reason: "expected a repository path of lower-case components separated by '/' (each made of a-z, 0-9 and single '.', '_', '__' or '-' separators)"
            )
        }
        if domain == Self.defaultDomain && !path.contains("/") { path = Self.officialPrefix + path }
        guard domain.count + 1 + path.count <= 255 else {
            throw ImageReferenceError(reference: text, reason: "repository name must not be longer than 255 characters")
        }
        self.domain = domain
        self.path = path
        self.tag = tag ?? (digest == nil ? "latest" : nil)
        self.digest = digest
    }

    /// The fully qualified form: `docker.io/library/python:3.9-slim`.
    public var normalized: String {
        var out = domain + "/" + path
        if let tag { out += ":" + tag }
        if let digest { out += "@" + digest }
        return out
    }

    /// The short form people type: `python:3.9-slim`, `team/app:1`, `localhost:5000/app:latest`.
    public var familiar: String {
        var name = domain + "/" + path
        if domain == Self.defaultDomain {
            name = path.hasPrefix(Self.officialPrefix) ? String(path.dropFirst(Self.officialPrefix.count)) : path
        }
        if let tag { name += ":" + tag }
        if let digest { name += "@" + digest }
        return name
    }

    /// The repository without tag or digest: `docker.io/library/python`.
    public var repository: String { domain + "/" + path }

    public var description: String { normalized }

    static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.unicodeScalars.first, tag.unicodeScalars.count <= 128, isWord(first) else { return false }
        return tag.unicodeScalars.allSatisfy { isWord($0) || $0 == "." || $0 == "-" }
    }

    static func isValidDigest(_ digest: String) -> Bool {
        let parts = digest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let algorithm = parts.first, let hex = parts.last,
              let head = algorithm.unicodeScalars.first, isASCIILetter(head),
              algorithm.unicodeScalars.allSatisfy({ isASCIILetter($0) || isDigit($0) || "-_+.".unicodeScalars.contains($0) }),
              hex.count >= 32, hex.unicodeScalars.allSatisfy({ isDigit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) })
        else { return false }
        if algorithm == "sha256" { return hex.count == 64 }
        return true
    }

    static func isValidDomain(_ domain: String) -> Bool {
        var host = Substring(domain)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            guard !inside.isEmpty, inside.unicodeScalars.allSatisfy({ isHex($0) || $0 == ":" }) else { return false }
            host = host[host.index(after: close)...]
            return host.isEmpty || isValidPort(host)
        }
        if let colon = host.firstIndex(of: ":") {
            guard isValidPort(host[colon...]) else { return false }
            host = host[..<colon]
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.unicodeScalars.first, let last = label.unicodeScalars.last,
                  isAlphanumeric(first), isAlphanumeric(last) else { return false }
            return label.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" }
        }
    }

    private static func isValidPort(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && !digits.isEmpty && digits.unicodeScalars.allSatisfy(isDigit)
    }

    static func isValidPath(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        return components.allSatisfy(isValidComponent)
    }

    /// One path component: alphanumeric runs joined by `.`, `_`, `__` or a run of `-`.
    private static func isValidComponent(_ component: Substring) -> Bool {
        let scalars = Array(component.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last,
              isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isLowerAlphanumeric(scalar) { index += 1; continue }
            var run = index
            while run < scalars.count, !isLowerAlphanumeric(scalars[run]) { run += 1 }
            let separator = String(String.UnicodeScalarView(scalars[index..<run]))
            let allDashes = separator.allSatisfy { $0 == "-" }
            guard separator == "." || separator == "_" || separator == "__" || allDashes else { return false }
            index = run
        }
        return true
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
    private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isDigit(s) || isASCIILetter(s) }
    private static func isLowerAlphanumeric(_ s: Unicode.Scalar) -> Bool { isDigit(s) || ("a"..."z").contains(s) }
    private static func isHex(_ s: Unicode.Scalar) -> Bool { isDigit(s) || ("a"..."f").contains(s) || ("A"..."F").contains(s) }
    private static func isWord(_ s: Unicode.Scalar) -> Bool { isAlphanumeric(s) || s == "_" }
}

/// Why a text is not a valid image reference.
public struct ImageReferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that failed to parse.
    public let reference: String
    /// What was expected instead.
    public let reason: String

    public var description: String { "invalid image reference '\(reference)': \(reason)" }
}
