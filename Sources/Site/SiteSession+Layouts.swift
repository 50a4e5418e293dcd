import Diagnostics
import Foundation

extension SiteSession {
    func isLayout(_ url: URL) -> Bool {
        url.path.hasPrefix(builder.layout.layouts.standardizedFileURL.path + "/")
    }

    /// An existing layout as it is now, or nil for a new or deleted one (which can change
    /// which layout every document resolves to: render everything). Bodies never read
    /// layouts, so the outputs that went through it are wrapped again, nothing more.
    func rereadLayout(_ url: URL, in state: RenderState, reader: SiteReader) throws(DiagnosticList) -> Layout? {
        let relative = String(url.path.dropFirst(builder.layout.layouts.standardizedFileURL.path.count + 1))
        guard FileManager.default.fileExists(atPath: url.path),
              state.content.layouts[RelativePath.removingExtension(relative)] != nil else { return nil }
        do {
            return try reader.readLayout(url, relative: relative)
        } catch {
            throw DiagnosticList([error])
        }
    }
}
