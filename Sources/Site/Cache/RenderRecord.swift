import Foundation
import Liquid
import Markdown

/// What the last render of a site produced that a later `strata build` needs in order to
/// re-render only what one edited post can show: each post's rendered body (content, excerpt,
/// table of contents, the files its body read), who reads what of other posts
/// (`PostContentUsage.Readers`), and the files each output read (the dependency graph the
/// preview session keeps, `SiteBuildReport.dependencies`). Kept in `.strata-cache/render`.
///
/// The file is a log of binary records, each a tag, its length and its fields: a full build
/// writes it anew, a build that re-rendered a few posts appends their records, and a later
/// record replaces an earlier one of the same key. Reading maps the file and walks the records'
/// lengths: posts as read, the readers and the dependency graph are decoded, but a body (most
/// of the file: at 10,000 posts, 100 MB of HTML) only when `body(_:)` asks for it, and a
/// one-post edit asks for a few. The manifest records the file's stamp, so a file cut short or
/// written by anything but the build that wrote the manifest is never read (`CachedSiteBuild`).
struct RenderRecord {
    static let formatLine = "strata-render-record 2\n"

    /// A post's body as the last render left it.
    struct Body {
        /// The post's front matter and everything derived from its path and front matter:
        /// when it changes the post may move or show differently in lists (`identity(of:)`).
        var identity: ContentHash
        var contentHTML: String
        var excerptHTML: String
        var headings: [Heading]
        var dependencies: Set<String>
    }

    /// Where a body's record lies in the file, with its identity (read without the body).
    struct BodyEntry {
        var identity: ContentHash
        /// The record's fields after the path and identity, as offsets into the file.
        var fields: Range<Int>
    }

    /// The file's bytes, kept for the bodies decoded on demand.
    private let file: RecordBytes
    /// By the post's display path (relative to the site root, as the manifest's inputs are).
    private(set) var bodyEntries: [String: BodyEntry] = [:]
    /// Each post (and draft) as read from its file, by display path: a later build takes it
    /// instead of reading the file again when the file has not changed.
    var posts: [String: Document] = [:]
    var readers = PostContentUsage.Readers()
    /// By output path.
    var dependencies: [String: Set<String>] = [:]

    private init(file: RecordBytes) {
        self.file = file
    }

    /// The body recorded for the post at `path`; nil when there is none, or when its record
    /// does not read as a whole body (then the record is no record: render everything).
    func body(_ path: String) -> Body? {
        guard let entry = bodyEntries[path] else { return nil }
        var reader = RecordReader(bytes: UnsafeRawBufferPointer(rebasing: file.bytes[entry.fields]))
        guard let content = reader.string(), let excerpt = reader.string(), let headingCount = reader.int(),
              headingCount >= 0, headingCount <= entry.fields.count else { return nil }
        var headings: [Heading] = []
        headings.reserveCapacity(headingCount)
        for _ in 0..<headingCount {
            guard let level = reader.int(), let text = reader.string(), let id = reader.string() else { return nil }
            headings.append(Heading(level: level, text: text, id: id))
        }
        guard let dependencies = reader.strings(), reader.atEnd else { return nil }
        return Body(identity: entry.identity, contentHTML: content, excerptHTML: excerpt, headings: headings, dependencies: Set(dependencies))
    }

    /// What a post's body and place in the site follow from besides its text: the fields
    /// `readEdit` of the preview compares, plus the lines of its front matter keys (which
    /// diagnostics cite). Encoded field by field: a `ValueObject` prints its keys in hash order.
    static func identity(of document: Document) -> ContentHash {
        var writer = RecordWriter()
        writer.string(document.kind.rawValue)
        writer.string(document.url)
        writer.string(document.outputPath)
        writer.string(document.title)
        writer.string(document.slug)
        writer.string(document.layout ?? "\u{0}")
        writer.strings(document.categories)
        writer.strings(document.tags)
        writer.int(document.bodyFirstLine)
        writer.string(document.date.map { String($0.timeIntervalSince1970) } ?? "-")
        writer.int(document.isWritten ? 1 : 0)
        for key in document.keyLines.keys.sorted() {
            writer.string(key)
            writer.int(document.keyLines[key] ?? 0)
        }
        writer.value(.object(document.frontMatter))
        return ContentHash(writer.data)
    }

    // MARK: - Writing

    /// Writes (`append` false: a new file) or appends bodies, the readers and outputs' inputs
    /// to the file at `path`, a few megabytes at a time: a large site's bodies are hundreds of
    /// megabytes, which must not be held twice. False when the file cannot be written.
    static func write(to path: String, append: Bool, posts: [Document], bodies: [(path: String, body: Body)], readers: PostContentUsage.Readers,
                      dependencies: [String: Set<String>]) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var writer = RecordWriter()
        if !append { writer.raw(formatLine) }
        for post in posts where post.pagination == nil && post.paginator == nil && post.sassSyntax == nil && post.origin == nil {
            writer.document(post)
            if writer.data.count > 4 << 20 {
                guard writer.flush(to: descriptor) else { return false }
            }
        }
        for (path, body) in bodies {
            writer.body(path, body)
            if writer.data.count > 4 << 20 {
                guard writer.flush(to: descriptor) else { return false }
            }
        }
        writer.readers(readers)
        for (output, inputs) in dependencies.sorted(by: { $0.key < $1.key }) { writer.dependency(output, inputs) }
        return writer.flush(to: descriptor)
    }

    // MARK: - Reading

    /// The record in the file at `path`, mapped rather than read: the bodies not asked for
    /// are never copied. Nil when it cannot be read or is not a whole record of this format.
    static func mapping(_ path: String) -> RenderRecord? {
        RecordBytes(mapping: path).flatMap(decode)
    }

    /// Nil for anything but a whole record of this format.
    static func decode(_ data: Data) -> RenderRecord? {
        decode(RecordBytes(copying: data))
    }

    private static func decode(_ file: RecordBytes) -> RenderRecord? {
        var reader = RecordReader(bytes: file.bytes)
        guard reader.raw(formatLine.utf8.count) == formatLine else { return nil }
        var record = RenderRecord(file: file)
        while !reader.atEnd {
            guard let tag = reader.byte(), let length = reader.int() else { return nil }
            let start = reader.offset
            guard let fields = reader.slice(length) else { return nil }
            var fieldReader = RecordReader(bytes: fields)
            switch tag {
            case UInt8(ascii: "B"):
                guard let path = fieldReader.string(), let high = fieldReader.uint64(), let low = fieldReader.uint64() else { return nil }
                record.bodyEntries[path] = BodyEntry(identity: ContentHash(high: high, low: low), fields: start + fieldReader.offset..<start + length)
                continue
            case UInt8(ascii: "P"):
                // The post's text stays in the file until something reads it (`Document.Source`).
                guard let document = fieldReader.document(textIn: file, at: start) else { return nil }
                record.posts[document.displayPath] = document
            case UInt8(ascii: "R"):
                guard let content = fieldReader.strings(), let posts = fieldReader.strings(), let excerpts = fieldReader.strings(),
                      let statics = fieldReader.strings(), let feedCount = fieldReader.int(), feedCount >= 0, feedCount <= length else { return nil }
                var feeds: [String: Set<String>] = [:]
                for _ in 0..<feedCount {
                    guard let feed = fieldReader.string(), let shown = fieldReader.strings() else { return nil }
                    feeds[feed] = Set(shown)
                }
                record.readers = PostContentUsage.Readers(contentPages: Set(content), feedPages: feeds, contentPosts: Set(posts),
                                                          excerptPosts: Set(excerpts), staticFileReaders: Set(statics))
            case UInt8(ascii: "D"):
                guard let output = fieldReader.string(), let inputs = fieldReader.strings() else { return nil }
                record.dependencies[output] = Set(inputs)
            default:
                return nil
            }
            guard fieldReader.atEnd else { return nil }
        }
        return record
    }
}

/// A record file's bytes: mapped from the file (pages the reader never touches are never
/// read from disk) or, for a record given as `Data`, a copy.
final class RecordBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Nil when the file cannot be opened or mapped.
    init?(mapping path: String) {
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            mapped = false
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        mapped = true
    }

    init(copying data: Data) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 8)
        _ = data.copyBytes(to: copy.bindMemory(to: UInt8.self))
        bytes = UnsafeRawBufferPointer(rebasing: copy[0..<data.count])
        mapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            base.deallocate()
        }
    }
}

/// The record's encoding: little-endian integers, strings as a length and UTF-8 bytes.
struct RecordWriter {
    private(set) var data = Data()

    mutating func raw(_ text: String) { data.append(contentsOf: Array(text.utf8)) }

    /// Writes what was encoded so far to `descriptor` and starts over.
    mutating func flush(to descriptor: Int32) -> Bool {
        let complete = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        data.removeAll(keepingCapacity: true)
        return complete
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            int(bytes.count)
            if let base = bytes.baseAddress, !bytes.isEmpty { data.append(base, count: bytes.count) }
        }
    }

    mutating func strings<S: Collection>(_ texts: S) where S.Element == String {
        int(texts.count)
        for text in texts { string(text) }
    }

    /// One record: its tag, the length of its fields, then the fields `write` appends.
    private mutating func framed(_ tag: Character, _ write: (inout RecordWriter) -> Void) {
        data.append(tag.asciiValue!)
        let lengthAt = data.count
        int(0)
        write(&self)
        let length = UInt64(data.count - lengthAt - 8).littleEndian
        withUnsafeBytes(of: length) { data.replaceSubrange(lengthAt..<lengthAt + 8, with: $0) }
    }

    mutating func body(_ path: String, _ body: RenderRecord.Body) {
        framed("B") { $0.bodyFields(path, body) }
    }

    /// The path and identity first: reading the record decodes them alone.
    private mutating func bodyFields(_ path: String, _ body: RenderRecord.Body) {
        string(path)
        uint64(body.identity.high)
        uint64(body.identity.low)
        string(body.contentHTML)
        string(body.excerptHTML)
        int(body.headings.count)
        for heading in body.headings {
            int(heading.level)
            string(heading.text)
            string(heading.id)
        }
        strings(body.dependencies.sorted())
    }

    /// A post as read (no pagination, Sass or origin: those are pages' and generators').
    mutating func document(_ document: Document) {
        framed("P") { $0.documentFields(document) }
    }

    private mutating func documentFields(_ document: Document) {
        string(document.kind.rawValue)
        string(document.relativePath)
        string(document.displayPath)
        value(.object(document.frontMatter))
        int(document.keyLines.count)
        for key in document.keyLines.keys.sorted() {
            string(key)
            int(document.keyLines[key] ?? 0)
        }
        string(document.body)
        int(document.bodyFirstLine)
        if let date = document.date {
            raw("d")
            uint64(date.timeIntervalSince1970.bitPattern)
        } else {
            raw("-")
        }
        string(document.slug)
        string(document.title)
        strings(document.categories)
        strings(document.tags)
        optional(document.layout)
        raw(document.isMarkdown ? "m" : "-")
        string(document.url)
        string(document.outputPath)
        optional(document.collection)
        raw(document.isWritten ? "w" : "-")
    }

    mutating func optional(_ text: String?) {
        if let text {
            raw("s")
            string(text)
        } else {
            raw("-")
        }
    }

    mutating func readers(_ readers: PostContentUsage.Readers) {
        framed("R") { writer in
            writer.strings(readers.contentPages.sorted())
            writer.strings(readers.contentPosts.sorted())
            writer.strings(readers.excerptPosts.sorted())
            writer.strings(readers.staticFileReaders.sorted())
            writer.int(readers.feedPages.count)
            for (feed, shown) in readers.feedPages.sorted(by: { $0.key < $1.key }) {
                writer.string(feed)
                writer.strings(shown.sorted())
            }
        }
    }

    mutating func dependency(_ output: String, _ inputs: Set<String>) {
        framed("D") { writer in
            writer.string(output)
            writer.strings(inputs.sorted())
        }
    }

    /// A Liquid value, tagged by case; objects keep their key order.
    mutating func value(_ value: Value) {
        switch value {
        case .null: raw("n")
        case .bool(let flag): raw(flag ? "t" : "f")
        case .int(let number): raw("i"); int(number)
        case .double(let number): raw("d"); uint64(number.bitPattern)
        case .string(let text): raw("s"); string(text)
        case .array(let items):
            raw("a")
            int(items.count)
            for item in items { self.value(item) }
        case .object(let object):
            raw("o")
            int(object.count)
            for (key, item) in object.pairs {
                string(key)
                self.value(item)
            }
        case .date(let date):
            raw("D")
            uint64(date.instant.timeIntervalSince1970.bitPattern)
            int(date.utcOffset)
            string(date.zoneName ?? "\u{0}")
            raw(date.isUTC ? "u" : "-")
        case .range(let lower, let upper):
            raw("r")
            int(lower)
            int(upper)
        }
    }
}

/// Reads what `RecordWriter` wrote; every read is bounds-checked and nil past the end.
struct RecordReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func raw(_ count: Int) -> String? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    /// The next `count` bytes, skipped over.
    mutating func slice(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    mutating func uint64() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func int() -> Int? {
        uint64().map { Int(Int64(bitPattern: $0)) }
    }

    mutating func string() -> String? {
        guard let count = int() else { return nil }
        return raw(count)
    }

    mutating func optional() -> String?? {
        switch byte() {
        case UInt8(ascii: "s"): return string().map { .some($0) }
        case UInt8(ascii: "-"): return .some(nil)
        default: return nil
        }
    }

    mutating func flag(_ set: Character) -> Bool? {
        guard let byte = byte() else { return nil }
        if byte == set.asciiValue { return true }
        return byte == UInt8(ascii: "-") ? false : nil
    }

    /// A post `RecordWriter.document` wrote. With `file` (the record these bytes lie in, at
    /// offset `base`), its text is left there and decoded when read; else decoded now.
    mutating func document(textIn file: RecordBytes? = nil, at base: Int = 0) -> Document? {
        guard let kindName = string(), let kind = Document.Kind(rawValue: kindName), let relativePath = string(), let displayPath = string(),
              case .object(let frontMatter)? = value(depth: 0), let keyCount = int(), keyCount >= 0, keyCount <= bytes.count - offset else { return nil }
        var keyLines: [String: Int] = [:]
        for _ in 0..<keyCount {
            guard let key = string(), let line = int() else { return nil }
            keyLines[key] = line
        }
        guard let bodyLength = int(), let bodyStart = Optional(offset), slice(bodyLength) != nil,
              let bodyFirstLine = int(), let hasDate = flag("d") else { return nil }
        let body = file == nil ? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyStart + bodyLength]), as: UTF8.self) : ""
        var date: Date?
        if hasDate {
            guard let seconds = uint64() else { return nil }
            date = Date(timeIntervalSince1970: Double(bitPattern: seconds))
        }
        guard let slug = string(), let title = string(), let categories = strings(), let tags = strings(), let layout = optional(),
              let isMarkdown = flag("m"), let url = string(), let outputPath = string(), let collection = optional(), let isWritten = flag("w")
        else { return nil }
        let document = Document(kind: kind, relativePath: relativePath, displayPath: displayPath, frontMatter: frontMatter, keyLines: keyLines,
                                body: body, bodyFirstLine: bodyFirstLine, date: date, slug: slug, title: title, categories: categories, tags: tags,
                                layout: layout, isMarkdown: isMarkdown, url: url, outputPath: outputPath, collection: collection, isWritten: isWritten)
        guard let file else { return document }
        return Document(recorded: document, source: file, range: base + bodyStart..<base + bodyStart + bodyLength)
    }

    /// What `RecordWriter.value` wrote; nil past a nesting of 10,000 (no front matter nests so deep).
    mutating func value(depth: Int) -> Value? {
        guard depth < 10_000, let tag = byte() else { return nil }
        switch tag {
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "i"): return int().map(Value.int)
        case UInt8(ascii: "d"): return uint64().map { .double(Double(bitPattern: $0)) }
        case UInt8(ascii: "s"): return string().map(Value.string)
        case UInt8(ascii: "a"):
            guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
            var items: [Value] = []
            for _ in 0..<count {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
            }
            return .array(items)
        case UInt8(ascii: "o"):
            guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
            var object = ValueObject()
            for _ in 0..<count {
                guard let key = string(), let item = value(depth: depth + 1) else { return nil }
                object[key] = item
            }
            return .object(object)
        case UInt8(ascii: "D"):
            guard let seconds = uint64(), let offset = int(), let zone = string(), let utc = flag("u") else { return nil }
            return .date(LiquidDate(instant: Date(timeIntervalSince1970: Double(bitPattern: seconds)), utcOffset: offset,
                                    zoneName: zone == "\u{0}" ? nil : zone, isUTC: utc))
        case UInt8(ascii: "r"):
            guard let lower = int(), let upper = int() else { return nil }
            return .range(lower: lower, upper: upper)
        default:
            return nil
        }
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            texts.append(text)
        }
        return texts
    }
}
