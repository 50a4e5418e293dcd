import Foundation
import Highlight

/// Rouge's answers kept between builds in `.strata-cache/highlight`: a build that
/// re-renders a post whose code blocks did not change (an edit to its prose) takes their
/// tokens from here and starts no Ruby at all (a third of a second, more than rendering
/// the post). Answers are by language and code, the whole of what the worker is asked
/// (`RougeScript` passes no other option), so they are good for as long as the same Rouge
/// answers: the file records the interpreter `ruby` resolves to and the stamp of the
/// `rouge.rb` it loaded, whose folder names the gem's version. Anything else (another
/// format, a file cut short, another interpreter or Rouge) is no record, and the build asks
/// Rouge as it would without one. A launcher that picks the interpreter itself (rbenv's
/// shims) stands for whatever it runs: a switch behind it to a Ruby whose Rouge differs is
/// not seen, and `--no-cache` is the way out.
/// It also records what Rouge was to the last build, so that the build cache never keeps
/// pages whose code a working Rouge would colour differently: when Rouge ran, the
/// interpreter and module stamp must still be the same; when it could not answer (no Ruby,
/// no Rouge, a worker that died), a later build checks whether it runs now, and renders
/// every page again if it does; when no block needed it, nothing is checked.
/// Format 3: Rouge's answers (format 2 held Pygments', which no longer colours Strata's code).
struct HighlightRecord: Equatable {
    static let formatLine = "strata-highlight-record 3\n"

    /// What Rouge was to the build that wrote the record.
    enum Rouge: Equatable {
        /// No block needed it.
        case unused
        /// It answered every block asked: the module's path and stamp.
        case ran(moduleFile: String, moduleStamp: FileStamp)
        /// At least one block came out plain because it could not answer.
        case missing
    }

    /// The interpreter's resolved path (`""` when none is on `PATH`).
    var interpreter: String
    var rouge: Rouge
    var answers: [RougeLibrary.Answer]

    /// True when pages the last build rendered with this record's Rouge are what `library`
    /// would render now. Starts a worker only when the record says Rouge could not answer.
    func stands(for library: RougeLibrary) -> Bool {
        switch rouge {
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
    static func load(from path: String, into library: RougeLibrary) -> HighlightRecord? {
        guard let data = FileManager.default.contents(atPath: path), let record = decode(data),
              record.stands(for: library) else { return nil }
        library.remember(record.answers)
        return record
    }

    /// Writes what this build made of Rouge to `path`, unless `loaded` (what the build read
    /// at its start) says the same and Rouge gave no new answers.
    static func save(to path: String, from library: RougeLibrary, loaded: HighlightRecord?) {
        let rouge: Rouge
        if library.missedAnswers {
            rouge = .missing
        } else if let module = library.moduleFile, let stamp = FileStamp.of(module) {
            rouge = .ran(moduleFile: module, moduleStamp: stamp)
        } else if let loaded {
            // Nothing asked of Rouge this time (a build that rendered nothing, or only code
            // it had answered before): the pages stand as the last build left them.
            rouge = loaded.rouge
        } else {
            rouge = .unused
        }
        let interpreter = library.interpreterPath ?? ""
        let fresh = library.newAnswers()
        if let loaded, loaded.interpreter == interpreter, loaded.rouge == rouge, fresh == nil { return }
        let record = HighlightRecord(interpreter: interpreter, rouge: rouge,
                                     answers: rouge == .missing ? [] : fresh ?? library.allAnswers())
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? FileWriting.replace(record.encoded(), at: path)
    }

    func encoded() -> Data {
        var writer = RecordWriter()
        writer.raw(Self.formatLine)
        writer.string(interpreter)
        switch rouge {
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
                // Rouge's plain Text token is the one whose short name is "", as in the worker's answers.
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
            let rouge: Rouge
            switch kind {
            case 0: rouge = .unused
            case 1: rouge = .missing
            case 2:
                guard let module = reader.string(), let size = reader.int(), let modified = reader.int(), let changed = reader.int(),
                      let inode = reader.uint64() else { return nil }
                rouge = .ran(moduleFile: module, moduleStamp: FileStamp(size: Int64(size), modified: Int64(modified),
                                                                          changed: Int64(changed), inode: inode, hash: nil))
            default: return nil
            }
            guard let count = reader.int(), count >= 0, count <= buffer.count else { return nil }
            var answers: [RougeLibrary.Answer] = []
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
                answers.append(RougeLibrary.Answer(language: language, code: code, tokens: tokens))
            }
            guard reader.atEnd else { return nil }
            return HighlightRecord(interpreter: interpreter, rouge: rouge, answers: answers)
        }
    }
}
