// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets for swift-d2l's data parser, download URL check and checkpoint loader, in a package of their
/// own so that users of the main package never see them. Build and run with `fuzz.sh`, which
/// passes `-sanitize=fuzzer,address -parse-as-library` to swiftc (libFuzzer supplies `main`).
let package = Package(
    name: "swift-d2l-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-d2l", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "FuzzParser",
            dependencies: ["CFuzzDriver", .product(name: "D2LDatasets", package: "swift-d2l")]
        ),
        .executableTarget(
            name: "FuzzDownloadURL",
            dependencies: ["CFuzzDriver", .product(name: "D2LDatasets", package: "swift-d2l")]
        ),
        .executableTarget(
            name: "FuzzCheckpoint",
            dependencies: [
                "CFuzzDriver",
                .product(name: "D2LTraining", package: "swift-d2l"),
                .product(name: "D2LDatasets", package: "swift-d2l"),
                .product(name: "D2LOptimizers", package: "swift-d2l"),
                .product(name: "D2LTensor", package: "swift-d2l"),
            ]
        ),
    ]
)
