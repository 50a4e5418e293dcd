import Foundation

/// Prints an image's history as `docker history` does for an image built with BuildKit:
/// newest entry first; only the top row has an IMAGE id (the image id), the rest are
/// `<missing>` because BuildKit leaves no intermediate images; SIZE is the size of the layer
/// the entry points at (0B for `empty_layer` entries).
public enum HistoryFormatter {
    /// The width the docker CLI cuts CREATED BY to unless `--no-trunc` (its `Ellipsis(…, 45)`).
    public static let createdByWidth = 45

    /// The command whose output `table` is, for the image `name`.
    public static func command(_ name: String) -> String {
        "docker history --format \"table {{.ID}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}\" " + name
    }

    /// The table of `docker history --format "table {{.ID}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"`:
    /// the default columns without CREATED, since the model has no build times. Columns are
    /// aligned like the CLI's tabwriter (minimum width 10, padding 3).
    public static func table(_ image: Image, truncate: Bool = true) -> String {
        let rows = rows(of: image).map { row -> [String] in
            // The CLI only turns tabs into spaces; BuildKit's continuation lines keep theirs.
            let createdBy = row.entry.createdBy.replacingOccurrences(of: "\t", with: " ")
            return [
                row.id.map { truncate ? Digest.short($0) : $0 } ?? "<missing>",
                truncate ? shorten(createdBy, to: createdByWidth) : createdBy,
                humanSize(row.entry.size),
                row.entry.comment ?? "",
            ]
        }
        let header = ["IMAGE", "CREATED BY", "SIZE", "COMMENT"]
        let widths = header.indices.dropLast().map { column in
            max(([header] + rows).map { $0[column].count }.max() ?? 0, 10 - 3)
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n") + "\n"
    }

    /// The history rows newest first, each with the id `docker history` shows (only the top row's).
    static func rows(of image: Image) -> [(id: String?, entry: HistoryEntry, layer: Layer?)] {
        image.historyLayers.reversed().enumerated().map { index, pair in
            (index == 0 ? image.id : nil, pair.entry, pair.layer)
        }
    }

    /// `flask-app (4 layers, 5 history entries) ← python:3.9-slim (…) ← … ← scratch`.
    public static func chainDescription(_ image: Image) -> String {
        image.chain.reversed().map { link in
            if link.isScratch { return "scratch" }
            if link.isOpaque { return "\(link.name) (opaque: not in the catalogue)" }
            let layers = link.layerCount == 1 ? "layer" : "layers"
            let entries = link.historyCount == 1 ? "history entry" : "history entries"
            return "\(link.name) (\(link.layerCount) \(layers), \(link.historyCount) \(entries))"
        }.joined(separator: " ← ")
    }

    /// The same rows as JSON, newest first: the IMAGE id or `<missing>`, the entry's fields,
    /// the diff id of the layer it points at (null for `empty_layer`), and where it was written.
    public static func json(_ image: Image) -> String {
        let items = rows(of: image).map { row -> JSONValue in
            var fields: [(String, JSONValue)] = [
                ("id", .string(row.id ?? "<missing>")),
                ("createdBy", .string(row.entry.createdBy)),
                ("size", .number(row.entry.size)),
                ("comment", row.entry.comment.map(JSONValue.string) ?? .null),
                ("emptyLayer", .bool(row.entry.emptyLayer)),
                ("layer", row.layer.map { .string($0.id.digest) } ?? .null),
                ("from", .string(row.entry.origin)),
            ]
            if let file = row.entry.instruction.file {
                fields.append(("file", .string(file)))
                fields.append(("startLine", .number(row.entry.instruction.startLine)))
                fields.append(("endLine", .number(row.entry.instruction.endLine)))
            }
            return .object(fields)
        }
        return JSONValue.array(items).rendered(indent: "  ") + "\n"
    }

    /// Docker's sizes (go-units `HumanSizeWithPrecision(size, 3)`): decimal units and three
    /// significant digits, `0B`, `1.5kB`, `118MB`.
    public static func humanSize(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.3g", value) + units[unit]
    }

    static func shorten(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
