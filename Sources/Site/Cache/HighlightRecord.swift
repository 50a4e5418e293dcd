import Foundation
import Highlight

/// Pygments' answers kept between builds in `.strata-cache/highlight`: a build that
/// re-renders a post whose code blocks did not change (an edit to its prose) takes their
/// tokens from here and starts no Python at all (a quarter of a second, more than rendering
/// the post). Answers are by language and code, the whole of what the worker is asked
/// (`PygmentsScript` sets every lexer option itself), so they are good for as long as the
/// same Pygments answers: the file records the interpreter `python3` resolves to and the
/// stamp of the `__init__.py` of the Pygments it imported, which any upgrade rewrites.
/// Anything else (another format, a file cut short, another interpreter or Pygments) is no
/// record, and the build asks Pygments as it would without one. A launcher that picks the
/// interpreter itself (pyenv's shims) stands for whatever it runs: a switch behind it to a
/// Python whose Pygments differs is not seen, and `--no-cache` is the way out.
/// It also records what Pygments was to the last build, so that the build cache never keeps
/// pages whose code a working Pygments would colour differently: when Pygments ran, the
/// interpreter and module stamp must still be the same; when it could not answer (no Python,
/// no Pygments, a worker that died), a later build checks whether it runs now, and renders
/// every page again if it does; when no block needed it, nothing is checked.
struct HighlightRecord: Equatable {
    static let formatLine = "strata-highlight-record 2\n"

    /// What Pygments was to the build that wrote the record.
    enum Pygments: Equatable {
        /// No block needed it.
        case unused
        /// It answered every block asked: the module's path and stamp.
        case ran(moduleFile: String, moduleStamp: FileStamp)
        /// At least one block came out plain because it could not answer.
        case missing
    }

    /// The interpreter's resolved path (`""` when none is on `PATH`).
    var interpreter: String
    var pygments: Pygments
    var answers: [PygmentsLibrary.Answer]

    /// True when pages the last build rendered with this record's Pygments are what `library`
    /// would render now. Starts a worker only when the record says Pygments could not answer.
    func stands(for library: PygmentsLibrary) -> Bool {
        switch pygments {
        case .unused:
            return true
        case .ran(let moduleFile, let moduleStamp):
            guard library.interpreterPath == interpreter, let stamp = FileStamp.of(moduleFile) else { return false }
            return moduleStamp.matches(stamp, at: moduleFile)
        case .missing:
            return (library.interpreterPath ?? "") == interpreter && !library.isAvailable
        }
    }

    /// Reads the record at `path`; when it stands for `library` (`stands(for:)`), loads its
    /// answers into the library's cache and returns it. Nil when there is none, it is of
    /// another format, or it does not stand: the last build's pages must then all be rendered
    /// again, since some of their code may be coloured otherwise now.
    static func load(from path: String, into library: PygmentsLibrary) -> HighlightRecord? {
        guard let data = FileManager.default.contents(atPath: path), let record = decode(data),
              record.stands(for: library) else { return nil }
        library.remember(record.answers)
        return record
    }

    /// Writes what this build made of Pygments to `path`, unless `loaded` (what the build read
    /// at its start) says the same and Pygments gave no new answers.
    static func save(to path: String, from library: PygmentsLibrary, loaded: HighlightRecord?) {
        let pygments: Pygments
        if library.missedAnswers {
            pygments = .missing
        } else if let module = library.moduleFile, let stamp = FileStamp.of(module) {
            pygments = .ran(moduleFile: module, moduleStamp: stamp)
        } else if let loaded {
            // Nothing asked of Pygments this time (a build that rendered nothing, or only code
            // it had answered before): the pages stand as the last build left them.
            pygments = loaded.pygments
        } else {
            pygments = .unused
        }
        let interpreter = library.interpreterPath ?? ""
        let fresh = library.newAnswers()
        if let loaded, loaded.interpreter == interpreter, loaded.pygments == pygments, fresh == nil { return }
        let record = HighlightRecord(interpreter: interpreter, pygments: pygments,
                                     answers: pygments == .missing ? [] : fresh ?? library.allAnswers())
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileWriting.replace(record.encoded(), at: path)
    }

    func encoded() -> Data {
        var writer = RecordWriter()
        writer.raw(Self.formatLine)
        writer.string(interpreter)
        switch pygments {
        case .unused:
            writer.int(0)
        case .missing:
            writer.int(1)
        case .ran(let moduleFile, let moduleStamp):
            writer.int(2)
            writer.string(moduleFile)
            writer.int(Int(moduleStamp.size))
            writer.int(Int(moduleStamp.modified))
            writer.int(Int(moduleStamp.changed))
            writer.uint64(moduleStamp.inode)
        }
        writer.int(answers.count)
        for answer in answers {
            writer.string(answer.language)
            writer.string(answer.code)
            guard let tokens = answer.tokens else {
                writer.int(-1)
                continue
            }
            writer.int(tokens.count)
            for token in tokens {
                // Pygments has no class named "": it stands for plain text, as in the worker's answers.
                writer.string(token.className ?? "")
                writer.string(token.text)
            }
        }
        return writer.data
    }

    /// Nil for anything but a whole record of this format.
    static func decode(_ data: Data) -> HighlightRecord? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> HighlightRecord? in
            var reader = RecordReader(bytes: buffer)
            guard reader.raw(formatLine.utf8.count) == formatLine, let interpreter = reader.string(), let kind = reader.int() else { return nil }
            let pygments: Pygments
            switch kind {
            case 0: pygments = .unused
            case 1: pygments = .missing
            case 2:
                guard let module = reader.string(), let size = reader.int(), let modified = reader.int(), let changed = reader.int(),
                      let inode = reader.uint64() else { return nil }
                pygments = .ran(moduleFile: module, moduleStamp: FileStamp(size: Int64(size), modified: Int64(modified),
                                                                          changed: Int64(changed), inode: inode, hash: nil))
            default: return nil
            }
            guard let count = reader.int(), count >= 0, count <= buffer.count else { return nil }
            var answers: [PygmentsLibrary.Answer] = []
            answers.reserveCapacity(count)
            for _ in 0..<count {
                guard let language = reader.string(), let code = reader.string(), let tokenCount = reader.int(),
                      tokenCount >= -1, tokenCount <= buffer.count else { return nil }
                var tokens: [HighlightToken]?
                if tokenCount >= 0 {
                    var found: [HighlightToken] = []
                    found.reserveCapacity(tokenCount)
                    for _ in 0..<tokenCount {
                        guard let className = reader.string(), let text = reader.string() else { return nil }
                        found.append(HighlightToken(text, className.isEmpty ? nil : className))
                    }
                    tokens = found
                }
                answers.append(PygmentsLibrary.Answer(language: language, code: code, tokens: tokens))
            }
            guard reader.atEnd else { return nil }
            return HighlightRecord(interpreter: interpreter, pygments: pygments, answers: answers)
        }
    }
}
