/// Everything the interactive explainer shows, computed from the layer model at build time
/// and embedded in the page as JSON, so the script and the static diagrams cannot disagree.
public struct ExplainerStory: Hashable, Sendable, Codable {
    /// The Dockerfile as written: its display path and lines.
    public let dockerfile: ExplainerDockerfile
    /// Every instruction of the Dockerfile in file order.
    public let instructions: [ExplainerInstruction]
    /// Every layer of the original image, then the layer the commit added (if the
    /// container changed anything). Layers only: config-only steps are history entries.
    public let layers: [ExplainerLayer]
    /// The base-image chain of the original image, base first.
    public let chain: [ExplainerChainLink]
    /// The original image (index 0) and the one the commit made (index 1).
    public let images: [ExplainerImage]
    /// The story, one state per step; the script only ever displays one of these.
    public let steps: [ExplainerStep]
}

/// A Dockerfile's path (relative to the site's content folder) and its lines.
public struct ExplainerDockerfile: Hashable, Sendable, Codable {
    public let path: String
    public let lines: [String]
}

/// One instruction and the layer (if any) it added to the final image.
public struct ExplainerInstruction: Hashable, Sendable, Codable {
    /// Upper-case keyword (`FROM`, `RUN`…).
    public let keyword: String
    /// 1-based first and last line.
    public let startLine: Int
    public let endLine: Int
    /// Index into `ExplainerStory.layers`; nil when the instruction adds no layer to the
    /// final image (a config-only instruction, FROM, a global ARG, an earlier build stage).
    public let layer: Int?
    /// True when the instruction only changed the image config: a history entry marked
    /// `empty_layer` and no layer.
    public let configOnly: Bool
}

/// One layer as drawn in the stack.
public struct ExplainerLayer: Hashable, Sendable, Codable {
    /// The 12-digit short id.
    public let id: String
    public let keyword: String
    /// The history line (`CREATED BY`).
    public let createdBy: String
    /// The chain image the layer comes from (`python:3.9-slim`, the app's name, a commit's name).
    public let origin: String
    /// Size in bytes.
    public let size: Int
    /// The Dockerfile lines that made it; nil for base-image layers and the commit layer.
    public let startLine: Int?
    public let endLine: Int?
}

/// One image of the base-image chain.
public struct ExplainerChainLink: Hashable, Sendable, Codable {
    public let name: String
    public let layerCount: Int
    /// True for a base the catalogue could not expand into layers.
    public let opaque: Bool
}

/// An image: a name, a short id (the config digest, as `docker images` shows it), its
/// layers (indices into `ExplainerStory.layers`), size, history length and config.
public struct ExplainerImage: Hashable, Sendable, Codable {
    public let name: String
    public let id: String
    public let layers: [Int]
    public let size: Int
    /// `docker history` rows: the layers plus the `empty_layer` entries.
    public let historyCount: Int
    /// The config as `Key value` lines (`WorkingDir /usr/src/app`, `Cmd [...]`).
    public let settings: [String]
    /// dive's efficiency score (0…1) and wasted bytes for the image's layers (`ImageEfficiency`).
    public let efficiency: Double
    public let wastedBytes: Int
}

/// A row of the folder tree of what the current step's container (or image) sees, as dive
/// draws it: listed files and folders, plus the folders above them (status `folder`).
public struct ExplainerFile: Hashable, Sendable, Codable {
    public let path: String
    /// How far the row is indented: 0 for a path right below `/`.
    public let depth: Int
    /// Index into `ExplainerStory.layers`; nil when it lives in the container's writable layer.
    public let layer: Int?
    /// For a copy-up: the index of the lower layer whose copy it replaces.
    public let copiedFrom: Int?
    public let size: Int?
    public let directory: Bool
    /// `image` (unchanged), `added` (new in the writable layer), `copied-up` (modified in the
    /// writable layer, copied from `copiedFrom`), `whiteout` (deleted, hidden but still stored below),
    /// `folder` (a folder above listed paths: no layer, its size is what is listed below it).
    public let status: String
}

/// What overlay2 keeps on disk for a container: the image's layers as read-only lower
/// directories, the container's upper directory, and (after `docker commit`) the tar of the
/// new layer, where a deletion becomes a `.wh.` file.
public struct ExplainerDisk: Hashable, Sendable, Codable {
    /// The lower directories, top first (indices into `ExplainerStory.layers`), as overlay2's `lowerdir=` lists them.
    public let lower: [Int]
    /// The upper (writable) directory's entries, relative to it.
    public let upper: [ExplainerDiskEntry]
    /// The committed layer's tar entries, in path order; empty before the commit.
    public let tar: [ExplainerDiskEntry]
}

/// One entry of an upper directory or a layer tar: `etc/motd` and what it is.
public struct ExplainerDiskEntry: Hashable, Sendable, Codable {
    /// Relative path; folders end in `/`.
    public let path: String
    /// `file`, `folder`, `character device 0/0 (whiteout)`, `whiteout file (empty)`…
    public let kind: String
    public let size: Int?
}

/// A change held in the container's writable layer.
public struct ExplainerChange: Hashable, Sendable, Codable {
    public let path: String
    /// `added`, `modified` or `deleted`.
    public let kind: String
    /// What the writable layer stores: the file, or its whiteout (`/etc/.wh.motd`).
    public let storedPath: String
    /// For a copy-up: the index of the lower layer the file came from.
    public let copiedUpFrom: Int?
    public let size: Int?
}

/// A container shown on top of an image.
public struct ExplainerContainer: Hashable, Sendable, Codable {
    public let name: String
    /// Index into `ExplainerStory.images`.
    public let image: Int
    public let changes: [ExplainerChange]
    /// Bytes held in the writable layer.
    public let size: Int
}

/// One state of the story.
public struct ExplainerStep: Hashable, Sendable, Codable {
    /// What the step shows.
    public enum Phase: String, Hashable, Sendable, Codable {
        case dockerfile, build, image, inspect, run, runSecond = "run-second", write, modify, delete, remove, commit
        case runCommitted = "run-committed", analogy
    }

    /// The four parts the steps are grouped into, in story order.
    public enum Part: String, Hashable, Sendable, Codable, CaseIterable {
        case build, run, change, commit

        /// The heading the page shows for the part.
        public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// 1-based, as in the `#explainer-step-N` hash.
    public let number: Int
    public let phase: Phase
    /// The part of the story (build, run, change, commit) the step belongs to.
    public let part: Part
    /// A short heading (`Build: COPY requirements.txt ./`).
    public let title: String
    /// What happened, in words: shown under the stepper and announced to screen readers.
    public let text: String
    /// Dockerfile lines to highlight.
    public let lines: [Int]
    /// Index into `images` of the image whose stack is drawn.
    public let image: Int
    /// How many of that image's layers exist so far (the build adds them one by one).
    public let layerCount: Int
    /// Index into `layers` of the layer this step added, if any.
    public let newLayer: Int?
    /// True once the image is finished: its layers are read-only.
    public let locked: Bool
    /// The running container, if any.
    public let container: ExplainerContainer?
    /// Other containers of the same image running beside it, each with its own writable layer.
    public let others: [ExplainerContainer]
    /// Index into `images` of an image shown beside the stack (the committed one, or the
    /// original beside the committed one).
    public let besideImage: Int?
    /// The command a reader would type for this step, if any (`docker build -t flask-app .`).
    public let command: String?
    /// What Docker prints for `command`, computed from the model; nil when it prints nothing useful.
    public let output: String?
    /// What a process in the container (or, before `run`, the image) sees.
    public let merged: [ExplainerFile]
    /// Files deleted in the container: hidden from `merged`, still stored (and counted) in a lower layer.
    public let hidden: [ExplainerFile]
    /// overlay2's view of the container on disk; nil when no container runs.
    public let disk: ExplainerDisk?
}
