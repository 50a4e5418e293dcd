import Foundation
@testable import Preview
import XCTest

/// `serve --open` without a browser passed on several lines of `xdg-open`'s own errors;
/// now the opener's output is dropped and a failure is one note with the address.
final class BrowserOpenerTests: XCTestCase {
    func testAFailingOpenerIsOneNoteWithTheAddress() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("opener")
        try "#!/bin/sh\necho 'no method available for opening' >&2\nexit 3\n".write(to: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)

        let told = expectation(description: "the failure is reported")
        let notes = NotesHeard()
        BrowserOpener.open("http://127.0.0.1:4000/", tool: tool.path) { note in
            notes.add(note)
            told.fulfill()
        }
        wait(for: [told], timeout: 30)
        XCTAssertEqual(notes.all, ["note: cannot open a browser (\(tool.path) exited with status 3); visit http://127.0.0.1:4000/"])
    }

    func testAMissingOpenerSaysWhereToGo() {
        let notes = NotesHeard()
        BrowserOpener.open("http://127.0.0.1:4000/", tool: "/nonexistent/xdg-open") { notes.add($0) }
        XCTAssertEqual(notes.all, ["note: cannot open a browser (/nonexistent/xdg-open is missing); visit http://127.0.0.1:4000/"])
    }
}

private final class NotesHeard: @unchecked Sendable {
    private let lock = NSLock()
    private var notes: [String] = []
    func add(_ note: String) { lock.withLock { notes.append(note) } }
    var all: [String] { lock.withLock { notes } }
}
