import Benchmark
import D2LTensor

/// The three matrix products of a training step of the MLP 5 → 1024 → 1024 → 1 on a minibatch
/// of 64 — the forward `H₁·W₂`, and backward `H₁ᵀ·G` (the weight's gradient) and `G·W₂ᵀ` (the
/// hidden layer's), with the operands read transposed in place — as `Tensor.addProduct` runs
/// them, on one thread. Reports GFLOPS (2 · m · k · n floating-point operations, a multiply
/// and an add, per product) besides time and mallocs; a product allocates nothing.
func matrixProductBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, MatrixProductMetrics.gigaflops], timeUnits: .microseconds,
        warmupIterations: 3, maxDuration: .seconds(2), maxIterations: 1_000)
    let products: [(name: String, a: [Int], transposingA: Bool, b: [Int], transposingB: Bool)] = [
        ("64×1024 · 1024×1024", [64, 1024], false, [1024, 1024], false),
        ("(64×1024)ᵀ · 64×1024", [64, 1024], true, [64, 1024], false),
        ("64×1024 · (1024×1024)ᵀ", [64, 1024], false, [1024, 1024], true),
    ]
    for product in products {
        matrixProductBenchmark("addProduct \(product.name), Float", Float.self, product, configuration)
        matrixProductBenchmark("addProduct \(product.name), Double", Double.self, product, configuration)
    }
}

/// A benchmark of `c.addProduct(a, b)` for operands of the given shapes and transpositions.
func matrixProductBenchmark<Scalar: TensorScalar>(
    _ name: String, _: Scalar.Type, _ product: (name: String, a: [Int], transposingA: Bool, b: [Int], transposingB: Bool),
    _ configuration: Benchmark.Configuration
) {
    let m = product.transposingA ? product.a[1] : product.a[0]
    let k = product.transposingA ? product.a[0] : product.a[1]
    let n = product.transposingB ? product.b[0] : product.b[1]
    let operands = Fixture<(a: Tensor<Scalar>, b: Tensor<Scalar>, c: Tensor<Scalar>)>()
    Benchmark(name, configuration: configuration) { benchmark in
        let (a, b) = (operands.value!.a, operands.value!.b)
        var c = operands.value!.c
        operands.value!.c = Tensor(repeating: 0, shape: [0])
        let clock = ContinuousClock()
        let start = clock.now
        for _ in benchmark.scaledIterations {
            c.addProduct(a, transposingA: product.transposingA, b, transposingB: product.transposingB)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let operations = 2 * Double(m * k * n) * Double(benchmark.scaledIterations.count)
        benchmark.measurement(MatrixProductMetrics.gigaflops, Int((operations / seconds / 1e9).rounded()))
        blackHole(c)
        operands.value!.c = c
    } setup: {
        var generator = Xoshiro256StarStar(seed: 0)
        operands.value = (
            Tensor.randomNormal(shape: product.a, using: &generator), Tensor.randomNormal(shape: product.b, using: &generator),
            Tensor(repeating: 0, shape: [m, n]))
    } teardown: {
        operands.value = nil
    }
}

/// The custom metric of a matrix product.
enum MatrixProductMetrics {
    static let gigaflops = BenchmarkMetric.custom("GFLOPS", polarity: .prefersLarger, useScalingFactor: false)
}
