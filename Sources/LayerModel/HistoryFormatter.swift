/// Prints an image's history like `docker history`: newest layer first.
public enum HistoryFormatter {
    /// The width CREATED BY is cut to unless `truncate` is false (docker uses 45).
    public static let createdByWidth = 60

    /// A text table: LAYER (short id, or `<missing>` for layers built elsewhere), CREATED BY,
    /// SIZE, KIND (filesystem or empty) and FROM (the image of the chain), then the chain.
    public static func table(_ image: Image, truncate: Bool = true) -> String {
        let rows = image.history.reversed().map { entry -> [String] in
            let createdBy = oneLine(entry.createdBy)
            return [
                entry.builtElsewhere ? "<missing>" : entry.layerID.short,
                truncate ? shorten(createdBy, to: createdByWidth) : createdBy,
                humanSize(entry.size),
                entry.emptyLayer ? "empty" : "filesystem",
                entry.origin,
            ]
        }
        let header = ["LAYER", "CREATED BY", "SIZE", "KIND", "FROM"]
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }
        var lines = [render(header)] + rows.map(render)
        lines.append("")
        lines.append("chain: " + chainDescription(image))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `flask-app (5 layers) ← python:3.9-slim (9 layers) ← debian:buster-slim (2 layers) ← scratch`.
    public static func chainDescription(_ image: Image) -> String {
        image.chain.reversed().map { link in
            if link.isScratch { return "scratch" }
            if link.isOpaque { return "\(link.name) (opaque: not in the catalogue)" }
            let noun = link.layerCount == 1 ? "layer" : "layers"
            return "\(link.name) (\(link.layerCount) \(noun), \(link.filesystemLayerCount) with files)"
        }.joined(separator: " ← ")
    }

    /// The same rows as JSON, newest first, with the instruction's file and lines.
    public static func json(_ image: Image) -> String {
        let byID = Dictionary(image.layers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = image.history.reversed().map { entry -> String in
            var fields = [
                "\"id\": " + DockerfileJSON.quote(entry.builtElsewhere ? "<missing>" : entry.layerID.short),
                "\"layerID\": " + DockerfileJSON.quote(entry.layerID.digest),
                "\"createdBy\": " + DockerfileJSON.quote(entry.createdBy),
                "\"size\": \(entry.size)",
                "\"emptyLayer\": \(entry.emptyLayer)",
                "\"from\": " + DockerfileJSON.quote(entry.origin),
            ]
            if let source = byID[entry.layerID]?.instruction, let file = source.file {
                fields.append("\"file\": " + DockerfileJSON.quote(file))
                fields.append("\"startLine\": \(source.startLine)")
                fields.append("\"endLine\": \(source.endLine)")
            }
            return "  {" + fields.joined(separator: ", ") + "}"
        }
        return rows.isEmpty ? "[]\n" : "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    /// Docker's style: decimal units, `0B`, `12.3kB`, `4.5MB`.
    public static func humanSize(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes)B" }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + units[unit]
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func shorten(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
