// swift-tools-version: 6.1
import PackageDescription

/// The benchmarks of swift-d2l, in a package of their own so that users of the main package
/// never resolve the benchmark harness. Run from this folder:
///
///     swift package benchmark                         # every benchmark
///     swift package benchmark --filter "RMSProp.*"    # some of them
///
/// or `scripts/run-benchmarks.sh` from the root, which also runs the C, PyTorch, Optax and
/// MXNet comparisons and writes BENCHMARKS.md.
let package = Package(
    name: "swift-d2l-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-d2l", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "OptimizerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "D2LOptimizers", package: "swift-d2l"),
                .product(name: "D2LChapters", package: "swift-d2l"),
                .product(name: "D2LTraining", package: "swift-d2l"),
                .product(name: "D2LNN", package: "swift-d2l"),
                .product(name: "D2LTensor", package: "swift-d2l"),
            ],
            path: "Benchmarks/OptimizerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
