import CCmarkGFM

/// The cmark-gfm library Strata is linked with, for `strata --version`.
public enum CmarkLibrary {
    /// The version the shared library reports at run time (`0.29.0.gfm.6`), which can
    /// differ from the headers Strata was compiled against after a system upgrade.
    public static var version: String { String(cString: cmark_version_string()) }
}
