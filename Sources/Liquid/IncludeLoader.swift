import Foundation

/// Finds and reads include files. `resolve` names the file (the cache key); `read` returns its text.
public protocol IncludeLoader: Sendable {
    /// The path for `name` as included from the template at `includer`, or throws `IncludeLoadError`.
    func resolve(name: String, includer: String) throws(IncludeLoadError) -> String
    func read(path: String) throws(IncludeLoadError) -> String
}

/// Why an include could not be loaded; the engine adds the location.
public struct IncludeLoadError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Loads includes from one folder (Jekyll's `_includes`), refusing names that leave it, including via symlinks.
public struct DirectoryIncludeLoader: IncludeLoader {
    public let root: URL
    /// How paths are shown in errors and dependency lists, e.g. `_includes`.
    public let displayRoot: String

    public init(root: URL, displayRoot: String? = nil) {
        self.root = root.standardizedFileURL
        self.displayRoot = displayRoot ?? root.path
    }

    public func resolve(name: String, includer: String) throws(IncludeLoadError) -> String {
        if let problem = includeNameProblem(name, allowingSpaces: true) { throw IncludeLoadError(problem) }
        try checkInside(root.appendingPathComponent(name), name: name, base: root)
        return displayRoot.isEmpty ? name : (displayRoot.hasSuffix("/") ? displayRoot + name : displayRoot + "/" + name)
    }

    public func read(path: String) throws(IncludeLoadError) -> String {
        let prefix = displayRoot.isEmpty ? "" : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/")
        let name = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        if let problem = includeNameProblem(name, allowingSpaces: true) { throw IncludeLoadError(problem) }
        let url = root.appendingPathComponent(name)
        try checkInside(url, name: name, base: root)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw IncludeLoadError("could not read include `\(name)`")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Loads `include_relative` files from the including file's folder, never leaving `root` (the site source).
public struct RelativeIncludeLoader: IncludeLoader {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public func resolve(name: String, includer: String) throws(IncludeLoadError) -> String {
        if let problem = includeNameProblem(name, allowingSpaces: true) { throw IncludeLoadError(problem) }
        let includerDir = (includer as NSString).deletingLastPathComponent
        let path = includerDir.isEmpty ? name : includerDir + "/" + name
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        try checkInside(url, name: name, base: root)
        return path
    }

    public func read(path: String) throws(IncludeLoadError) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        try checkInside(url, name: path, base: root)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw IncludeLoadError("could not read included file `\(path)`")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Throws unless `url`, with symlinks resolved, is a regular file inside `base` (also resolved).
private func checkInside(_ url: URL, name: String, base: URL) throws(IncludeLoadError) {
    let realBase = base.resolvingSymlinksInPath().path
    let real = url.resolvingSymlinksInPath().path
    let prefix = realBase.hasSuffix("/") ? realBase : realBase + "/"
    guard real.hasPrefix(prefix) else {
        throw IncludeLoadError("include `\(name)` resolves outside \(base.path) (through a symlink?); refusing to read it")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw IncludeLoadError("could not locate the included file `\(name)` in \(base.path)")
    }
}

/// Serves includes from memory: for tests, the `strata liquid` command and previews.
public struct InMemoryIncludeLoader: IncludeLoader {
    public var files: [String: String]

    public init(files: [String: String]) { self.files = files }

    public func resolve(name: String, includer: String) throws(IncludeLoadError) -> String {
        if let problem = includeNameProblem(name, allowingSpaces: true) { throw IncludeLoadError(problem) }
        guard files[name] != nil else { throw IncludeLoadError("could not locate the included file `\(name)`") }
        return name
    }

    public func read(path: String) throws(IncludeLoadError) -> String {
        guard let text = files[path] else { throw IncludeLoadError("could not locate the included file `\(path)`") }
        return text
    }
}
