import ArgumentParser
import Foundation

/// The check every command that works on an existing site makes before touching anything:
/// `--source` names a folder that holds a site (`_config.yml`, `_posts/` or `content/`).
/// A wrong folder is a usage error (exit 2), so that `strata build` never creates `_site/`
/// and `strata new post` never creates `_posts/` in a folder that holds no site.
enum SiteFolderValidation {
    static func validate(source: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw ValidationError("no such folder: --source \(source)\nhint: start a site there with `strata new site \(source)`")
        }
        guard isDirectory.boolValue else {
            throw ValidationError("--source \(source) is a file; it must be the site's folder")
        }
        let markers = ["_config.yml", "_posts", "content"]
        guard markers.contains(where: { FileManager.default.fileExists(atPath: (source as NSString).appendingPathComponent($0)) }) else {
            let name = source == "." ? "the working folder" : source
            throw ValidationError(
                "\(name) does not look like a site: it has no _config.yml, _posts/ or content/\n"
                + "hint: run `strata new site DIR` to start one, or pass the site's folder with --source"
            )
        }
    }
}
