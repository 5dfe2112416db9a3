// swift-tools-version: 6.1
import PackageDescription

/// Layers, each depending only on those below it (see ARCHITECTURE.md):
/// D2LSupport ← D2LTensor ← D2LOptimizers ← D2LNN ← D2LTraining ← D2LChapters ← d2l,
/// with D2LDatasets and D2LPlot as leaves that D2LTraining and above use.
/// D2LDistributed (communication between processes) is a leaf beside them. D2LDataParallel
/// (a sharded optimizer step across ranks) joins the two: it depends on D2LOptimizers and
/// D2LDistributed, so that neither of them needs the other.
///
/// The trait `MPI` (`swift build --traits MPI`) builds D2LDistributed's `MPICommunicator` on the
/// system's Open MPI. Without it no target needs Open MPI: every dependency on COpenMPI (whose
/// pkg-config lookup gives `mpi.h`) and on CD2LMPI is conditioned on the trait, and CD2LMPI
/// compiles to nothing without `mpi.h`.
let package = Package(
    name: "swift-d2l",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "D2LTensor", targets: ["D2LTensor"]),
        .library(name: "D2LOptimizers", targets: ["D2LOptimizers"]),
        .library(name: "D2LNN", targets: ["D2LNN"]),
        .library(name: "D2LDatasets", targets: ["D2LDatasets"]),
        .library(name: "D2LPlot", targets: ["D2LPlot"]),
        .library(name: "D2LTraining", targets: ["D2LTraining"]),
        .library(name: "D2LChapters", targets: ["D2LChapters"]),
        .library(name: "D2LDistributed", targets: ["D2LDistributed"]),
        .library(name: "D2LDataParallel", targets: ["D2LDataParallel"]),
        .executable(name: "d2l", targets: ["D2LCommand"]),
        .executable(name: "d2l-mpi-check", targets: ["D2LMPICheck"]),
    ],
    traits: [
        .trait(
            name: "MPI",
            description: "Communication between processes on Open MPI (libopenmpi-dev, pkg-config ompi-c)"
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "CD2LMath",
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        .target(name: "D2LSupport"),
        .target(
            name: "D2LTensor",
            dependencies: [
                "CD2LMath",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "D2LOptimizers", dependencies: ["CD2LMath", "D2LSupport", "D2LTensor"]),
        .target(
            name: "D2LNN",
            dependencies: ["D2LTensor", "D2LOptimizers", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "D2LDatasets",
            dependencies: ["D2LSupport", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/airfoil_self_noise.dat"), .copy("Resources/NOTICE.md")]
        ),
        .target(name: "D2LPlot"),
        .target(
            name: "D2LTraining",
            dependencies: [
                "D2LSupport", "D2LTensor", "D2LOptimizers", "D2LNN", "D2LDatasets", "D2LPlot", "D2LDistributed", "D2LDataParallel",
            ]
        ),
        .target(
            name: "D2LChapters",
            dependencies: ["D2LTensor", "D2LOptimizers", "D2LNN", "D2LDatasets", "D2LPlot", "D2LTraining"]
        ),
        .executableTarget(
            name: "D2LCommand",
            dependencies: [
                "D2LChapters", "D2LTraining", "D2LDistributed", "D2LDataParallel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release executable carries the Swift runtime and Foundation inside it: each run
            // then loads no Swift shared libraries, which takes a third off `d2l`'s start. The
            // flag goes to the compiler too, so that the objects name Foundation's static
            // libraries (CoreFoundation, _FoundationICU, ...) for the linker.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .systemLibrary(name: "COpenMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),
        .target(name: "CD2LMPI", dependencies: [.target(name: "COpenMPI", condition: .when(traits: ["MPI"]))]),
        .target(
            name: "D2LDistributed",
            dependencies: [
                .target(name: "COpenMPI", condition: .when(traits: ["MPI"])),
                .target(name: "CD2LMPI", condition: .when(traits: ["MPI"])),
            ]
        ),
        .target(name: "D2LDataParallel", dependencies: ["D2LTensor", "D2LOptimizers", "D2LDistributed"]),
        .executableTarget(
            name: "D2LMPICheck",
            dependencies: ["D2LDistributed", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "D2LTestSupport",
            dependencies: [
                "D2LTensor",
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            path: "Tests/D2LTestSupport"
        ),
        .testTarget(name: "D2LSupportTests", dependencies: ["D2LSupport", "D2LTestSupport"]),
        .testTarget(name: "D2LTensorTests", dependencies: ["D2LTensor", "D2LTestSupport"]),
        .testTarget(
            name: "D2LOptimizersTests",
            dependencies: [
                "D2LOptimizers", "D2LTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "D2LNNTests", dependencies: ["D2LNN", "D2LTestSupport"]),
        .testTarget(
            name: "D2LDatasetsTests",
            dependencies: [
                "D2LDatasets", "D2LTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "D2LPlotTests", dependencies: ["D2LPlot", "D2LTestSupport"]),
        .testTarget(name: "D2LTrainingTests", dependencies: ["D2LTraining", "D2LDistributed", "D2LTestSupport"]),
        .testTarget(name: "D2LChaptersTests", dependencies: ["D2LChapters", "D2LTraining", "D2LTestSupport"]),
        .testTarget(name: "D2LCommandTests", dependencies: ["D2LTraining", "D2LDistributed", "D2LTestSupport"]),
        .testTarget(name: "D2LDistributedTests", dependencies: ["D2LDistributed", "D2LTestSupport"]),
        .testTarget(name: "D2LDataParallelTests", dependencies: ["D2LDataParallel", "D2LDistributed", "D2LTestSupport"]),
        // Runs the programs of Snippets/ (which every build compiles, as executables with every
        // library above) and checks the README's and the articles' code against them.
        .testTarget(name: "D2LDocumentationTests", dependencies: ["D2LTestSupport"]),
    ]
)
