/// A table as the docker CLI prints `--format "table …"`: its tabwriter has a minimum
/// cell width of 10 including 3 spaces of padding, and the last column is not padded.
enum DockerTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
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
}
