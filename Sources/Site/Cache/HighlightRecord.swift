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
struct HighlightRecord: Equatable {
    static let formatLine = "strata-highlight-record 1\n"

    /// The interpreter's resolved path and the Pygments module's path and stamp.
    var interpreter: String
    var moduleFile: String
    var moduleStamp: FileStamp
    var answers: [PygmentsLibrary.Answer]

    /// The record's answers when its interpreter and Pygments are the ones `library` would run now.
    func answers(for library: PygmentsLibrary) -> [PygmentsLibrary.Answer]? {
        guard library.interpreterPath == interpreter, let stamp = FileStamp.of(moduleFile), moduleStamp.matches(stamp, at: moduleFile) else { return nil }
        return answers
    }

    /// Loads the record at `path` into `library`'s cache when it fits; false when it does not.
    @discardableResult
    static func load(from path: String, into library: PygmentsLibrary) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), let record = decode(data),
              let answers = record.answers(for: library) else { return false }
        library.remember(answers)
        return true
    }

    /// Writes `library`'s answers to `path` when Pygments gave new ones this build (nothing
    /// to write otherwise: the file on disk already holds what the build used).
    static func save(to path: String, from library: PygmentsLibrary) {
        guard let module = library.moduleFile, let stamp = FileStamp.of(module), let interpreter = library.interpreterPath,
              let answers = library.newAnswers() else { return }
        let record = HighlightRecord(interpreter: interpreter, moduleFile: module, moduleStamp: stamp, answers: answers)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileWriting.replace(record.encoded(), at: path)
    }

    func encoded() -> Data {
        var writer = RecordWriter()
        writer.raw(Self.formatLine)
        writer.string(interpreter)
        writer.string(moduleFile)
        writer.int(Int(moduleStamp.size))
        writer.int(Int(moduleStamp.modified))
        writer.int(Int(moduleStamp.changed))
        writer.uint64(moduleStamp.inode)
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
            guard reader.raw(formatLine.utf8.count) == formatLine, let interpreter = reader.string(), let module = reader.string(),
                  let size = reader.int(), let modified = reader.int(), let changed = reader.int(), let inode = reader.uint64(),
                  let count = reader.int(), count >= 0, count <= buffer.count else { return nil }
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
            return HighlightRecord(interpreter: interpreter, moduleFile: module,
                                   moduleStamp: FileStamp(size: Int64(size), modified: Int64(modified), changed: Int64(changed), inode: inode, hash: nil),
                                   answers: answers)
        }
    }
}
