import D2LNN
import D2LTensor
import D2LTestSupport
import RealModule
import Testing

/// The concise path (Dense, Sequential, l2Loss, Trainer) on a model that is not linear
/// regression: Dense(3→4), tanh, Dense(4→1).
@Suite("A two-layer non-linear model through Dense, l2Loss and Trainer")
struct NonlinearModelTests {
    /// Dense(3→4), tanh, Dense(4→1) with weights drawn from Normal(0, 0.5).
    static func makeNetwork(seed: UInt64) -> Sequential<Double> {
        var generator = Xoshiro256StarStar(seed: seed)
        return Sequential([
            Dense(inputCount: 3, outputCount: 4, weightInitializer: .normal(standardDeviation: 0.5), using: &generator),
            Activation(.tanh),
            Dense(inputCount: 4, outputCount: 1, weightInitializer: .normal(standardDeviation: 0.5), using: &generator),
        ])
    }

    /// `x ~ U[−1, 1]³`, `y = tanh(1.5·x₀ − x₁) + 0.5·sin(2·x₂)`: smooth and not linear.
    static func makeData(count: Int, seed: UInt64) -> (features: Tensor<Double>, labels: Tensor<Double>) {
        var generator = Xoshiro256StarStar(seed: seed)
        let features = Tensor<Double>.randomUniform(shape: [count, 3], lowerBound: -1, upperBound: 1, using: &generator)
        var labels = [Double]()
        for i in 0..<count {
            let x = Array(features.scalars[(3 * i)..<(3 * i + 3)])
            let linearPart: Double = 1.5 * x[0] - x[1]
            labels.append(Double.tanh(linearPart) + 0.5 * Double.sin(2 * x[2]))
        }
        return (features, Tensor(labels))
    }

    /// The l2Loss summed over the examples, as the Trainer sees it.
    static func summedLoss(_ network: Sequential<Double>, _ features: Tensor<Double>, _ labels: Tensor<Double>) -> Double {
        network.forward(features, on: GradientTape()).output.l2Loss(labels: labels).sum().value.scalar
    }

    @Test("The tape's gradient of the summed l2Loss matches finite differences for every parameter")
    func gradientsMatchFiniteDifferences() {
        var network = Self.makeNetwork(seed: 1)
        // Biases start at zero; move them so the check happens at a generic point.
        var generator = Xoshiro256StarStar(seed: 2)
        network.parameters = network.parameters.map { $0.rank == 1 ? Tensor.randomNormal(shape: $0.shape, standardDeviation: 0.3, using: &generator) : $0 }
        let (features, labels) = Self.makeData(count: 8, seed: 3)

        let tape = GradientTape<Double>()
        let (output, recorded) = network.forward(features, on: tape)
        tape.backward(from: output.l2Loss(labels: labels).sum())

        #expect(recorded.count == 4)
        for index in network.parameters.indices {
            let analytic = tape.gradient(of: recorded[index])
            let numerical = numericalGradient(of: { probe in
                var perturbed = network
                perturbed.parameters[index] = probe
                return Self.summedLoss(perturbed, features, labels)
            }, at: network.parameters[index])
            #expect(analytic.shape == network.parameters[index].shape)
            #expect(analytic.scalars.contains { abs($0) > 1e-3 }, "\(network.parameterNames[index]) has a trivial gradient")
            #expect(
                allClose(analytic.scalars, numerical.scalars, relative: 1e-6, absolute: 1e-8),
                "\(network.parameterNames[index]): worst relative difference \(maximumRelativeDifference(analytic.scalars, numerical.scalars))"
            )
        }
    }

    @Test("Training with Trainer(\"rmsprop\", learning_rate 0.01, gamma1 0.9) lowers the loss well below a linear fit's")
    func trainsWithRMSProp() throws {
        var network = Self.makeNetwork(seed: 5)
        let (features, labels) = Self.makeData(count: 200, seed: 6)
        var loader = try DataLoader(features: features, labels: labels, batchSize: 10, shuffle: true)
        var trainer = try Trainer<Double>(optimizer: "rmsprop", hyperparameters: ["learning_rate": 0.01, "gamma1": 0.9])
        var generator = Xoshiro256StarStar(seed: 7)
        let tape = GradientTape<Double>()

        func meanLoss() -> Double { Self.summedLoss(network, features, labels) / Double(labels.scalarCount) }
        let initial = meanLoss()
        var steps = 0
        for _ in 0..<20 {
            try loader.forEachBatch(using: &generator) { _, batchFeatures, batchLabels in
                tape.reset()
                let (output, recorded) = network.forward(batchFeatures, on: tape)
                tape.backward(from: output.l2Loss(labels: batchLabels).sum())
                var parameters = network.parameters
                try trainer.step(&parameters, gradients: recorded.map(tape.gradient(of:)), batchSize: batchLabels.scalarCount)
                network.parameters = parameters
                steps += 1
            }
        }
        let final = meanLoss()
        let linear = Self.leastSquaresLoss(features, labels)
        #expect(steps == 400)
        #expect(final.isFinite)
        #expect(final < 0.1 * initial, "loss \(initial) → \(final)")
        // Beating the best affine model shows the hidden layer is used, not just a linear path.
        #expect(final < 0.5 * linear, "loss \(final), best affine fit \(linear)")
    }

    /// The mean l2Loss of the least-squares affine fit `y ≈ X·w + b`, from the normal equations.
    static func leastSquaresLoss(_ features: Tensor<Double>, _ labels: Tensor<Double>) -> Double {
        let count = labels.scalarCount
        let inputs = features.shape[1]
        let width = inputs + 1
        var design = [[Double]]()
        for i in 0..<count {
            design.append(Array(features.scalars[(i * inputs)..<((i + 1) * inputs)]) + [1])
        }
        // Augmented normal equations [AᵀA | Aᵀy], solved by Gauss–Jordan elimination with pivoting.
        var system = [[Double]](repeating: [Double](repeating: 0, count: width + 1), count: width)
        for i in 0..<count {
            for r in 0..<width {
                for c in 0..<width { system[r][c] += design[i][r] * design[i][c] }
                system[r][width] += design[i][r] * labels.scalars[i]
            }
        }
        for column in 0..<width {
            var pivot = column
            for row in column..<width where abs(system[row][column]) > abs(system[pivot][column]) { pivot = row }
            system.swapAt(column, pivot)
            for row in 0..<width where row != column {
                let factor = system[row][column] / system[column][column]
                for c in column...width { system[row][c] -= factor * system[column][c] }
            }
        }
        var total = 0.0
        for i in 0..<count {
            var prediction = 0.0
            for c in 0..<width { prediction += design[i][c] * system[c][width] / system[c][c] }
            let residual = prediction - labels.scalars[i]
            total += residual * residual / 2
        }
        return total / Double(count)
    }
}
