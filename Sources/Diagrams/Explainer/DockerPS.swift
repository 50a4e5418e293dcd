import LayerModel

/// `docker ps -s --format "table {{.Names}}\t{{.Image}}\t{{.Size}}"` for containers of the
/// model: newest first, SIZE as the CLI writes it, the writable layer's bytes and, in
/// brackets, the virtual size (image layers plus writable layer). Columns aligned like the
/// CLI's tabwriter (minimum width 10, padding 3). The other `ps` columns (ids, times,
/// status) are not the model's to know.
enum DockerPS {
    static let command = "docker ps -s --format \"table {{.Names}}\\t{{.Image}}\\t{{.Size}}\""

    static func table(_ containers: [Container]) -> String {
        let rows = containers.map { container -> [String] in
            let writable = container.writableSize
            let virtual = container.image.size + writable
            return [container.name, container.image.name,
                    "\(HistoryFormatter.humanSize(writable)) (virtual \(HistoryFormatter.humanSize(virtual)))"]
        }
        return DockerTable.render(["NAMES", "IMAGE", "SIZE"], rows)
    }
}
