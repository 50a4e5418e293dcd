// swift-tools-version:6.0
import PackageDescription

// One module per pipeline stage; dependencies point one way (docs/ARCHITECTURE.md):
// LayerModel ← Diagrams ← Site ← strata; LayerModel ← Highlight ← Site; Preview ← strata.
// Preview knows no Site type (strata adapts SiteSession to it). Liquid stands alone and
// Markdown needs only Diagnostics; Site plugs its tags and highlighting into both.
let package = Package(
    name: "strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already Hummingbird's; named for `ServiceGroup`, which stops `serve` gracefully.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .systemLibrary(name: "CSass", pkgConfig: "libsass", providers: [.apt(["libsass-dev"]), .brew(["libsass"])]),
        .target(name: "Diagnostics"),
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "Diagnostics"]),
        .target(name: "Liquid"),
        .target(name: "LayerModel"),
        .target(name: "Diagrams", dependencies: ["LayerModel"]),
        .target(name: "Highlight", dependencies: ["Diagnostics", "LayerModel"]),
        .target(name: "Site", dependencies: [
            "Diagnostics", "Markdown", "Liquid", "LayerModel", "Diagrams", "Highlight", "CSass",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Preview", dependencies: [
            "Diagnostics",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "strata", dependencies: [
            "Site", "Preview", "Diagnostics", "LayerModel", "Diagrams", "Markdown",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "StrataBench", dependencies: ["Site", "Highlight"], path: "Benchmarks/StrataBench"),
        // libFuzzer harnesses (`make fuzz`); built normally, it replays saved inputs.
        .executableTarget(name: "strata-fuzz", dependencies: ["Site", "Liquid", "LayerModel", "Diagrams"], path: "Fuzz/StrataFuzz"),
        // Shared by the test targets: golden files, sites from a dictionary, `eventually`.
        .target(name: "StrataTestSupport", path: "Tests/StrataTestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LiquidTests", dependencies: ["Liquid", "StrataTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LayerModelTests", dependencies: ["LayerModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DiagramsTests", dependencies: ["Diagrams", "LayerModel", "StrataTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "HighlightTests", dependencies: ["Highlight", "StrataTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PreviewTests", dependencies: [
            "Preview", "Diagnostics", "StrataTestSupport",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "StrataCLITests", dependencies: ["strata", "LayerModel", "Diagrams", "StrataTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Diagnostics", "StrataTestSupport"], resources: [.copy("Fixtures")]),
    ]
)
