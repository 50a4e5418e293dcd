import LayerModel

/// `docker image ls --format "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}"` for images
/// of the model, newest first as the CLI sorts them: the short image id (the config's
/// digest) and the size as `docker history` writes sizes. CREATED is left out, since the
/// model has no build times.
enum DockerImages {
    static let command = "docker image ls --format \"table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.Size}}\""

    static func table(_ newestFirst: [Image]) -> String {
        let rows = newestFirst.map { image -> [String] in
            let reference = image.reference
            let tag = reference?.tag ?? "latest"
            // `familiar` ends in `:tag` when the reference has one; the table shows it in its own column.
            let repository = reference.map { $0.tag == nil ? $0.familiar : String($0.familiar.dropLast(tag.count + 1)) } ?? image.name
            return [repository, tag, image.shortID, HistoryFormatter.humanSize(image.size)]
        }
        return DockerTable.render(["REPOSITORY", "TAG", "IMAGE ID", "SIZE"], rows)
    }
}
