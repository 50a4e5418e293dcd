import Foundation
import StrataTestSupport
import XCTest

/// Runs the real `strata` binary built next to the tests, with a chosen environment.
struct StrataRunner {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // Test bundles sit next to the products they were built with (on Linux the
        // bundle URL is already the products folder).
        let bundle = Bundle(for: BundleMarker.self).bundleURL
        let folder = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
        return folder.appendingPathComponent("strata")
    }

    /// The repository's root, for the files that ship with it (Dockerfile, docs/).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `strata arguments…`; `environment` replaces the inherited one's keys it names
    /// (nil removes a key).
    static func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String?] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once so that neither can fill up and stall the child.
        let group = DispatchGroup()
        let stderrData = DataBox()
        group.enter()
        DispatchQueue.global().async {
            stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    /// A fresh folder holding `files` (`[path: contents]`), removed after the test.
    static func site(_ files: [String: String], for test: XCTestCase) throws -> URL {
        try SiteFiles.folder(files, test: test)
    }
}

private final class BundleMarker {}

/// Written by one thread and read after `DispatchGroup.wait()`, which orders the two.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
