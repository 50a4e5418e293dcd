import LayerModel

/// `docker ps -s --format "table {{.Names}}\t{{.Image}}\t{{.Size}}"` for containers of the
/// model: newest first, SIZE as the CLI writes it, the writable layer's bytes and, in
/// brackets, the virtual size (image layers plus writable layer). Columns aligned like the
/// CLI's tabwriter (minimum width 10, padding 3). The other `ps` columns (ids, times,
/// status) are not the model's to know.
enum DockerPS {
    static func table(_ containers: [Container]) -> String {
        let rows = containers.map { container -> [String] in
            let writable = container.writableSize
            let virtual = container.image.size + writable
            return [container.name, container.image.name,
                    "\(HistoryFormatter.humanSize(writable)) (virtual \(HistoryFormatter.humanSize(virtual)))"]
        }
        let header = ["NAMES", "IMAGE", "SIZE"]
        let widths = header.indices.dropLast().map { column in
            max(([header] + rows).map { $0[column].count }.max() ?? 0, 7)
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n") + "\n"
    }
}
