import D2LTensor

/// Tape gradients of a function of several tensors next to central-difference ones.
public struct GradientComparison {
    /// The gradients ``GradientTape/backward(from:)`` computed, one per input.
    public var analytic: [Tensor<Double>]
    /// The central-difference gradients, one per input.
    public var numerical: [Tensor<Double>]

    /// Whether every analytic gradient element agrees with its numerical counterpart within
    /// `relative` of the larger magnitude, or within `absolute`.
    public func agrees(relative: Double = 1e-6, absolute: Double = 1e-8) -> Bool {
        zip(analytic, numerical).allSatisfy { a, n in
            a.shape == n.shape && allClose(a.scalars, n.scalars, relative: relative, absolute: absolute)
        }
    }

    /// The largest relative difference over all inputs, for failure messages.
    public var worstRelativeDifference: Double {
        zip(analytic, numerical).map { maximumRelativeDifference($0.scalars, $1.scalars) }.max() ?? 0
    }
}

/// Compares the gradients a ``GradientTape`` computes for `function` at `inputs` with central
/// differences.
///
/// The output `f` is contracted with fixed pseudo-random weights `w` in `[0.5, 1.5)` of its
/// shape, `L = Σ wᵢ fᵢ`, so that each operation is checked with a non-uniform upstream gradient
/// rather than only with ones.
///
/// - Parameters:
///   - inputs: the point; each becomes a parameter on the tape.
///   - seed: the seed of the contraction weights.
///   - step: the central-difference step `h`.
///   - function: builds the output from the recorded inputs; it must not depend on anything but
///     them (it is called once on a recording tape and twice per input element on fresh tapes).
public func compareGradients(
    at inputs: [Tensor<Double>], seed: UInt64 = 7, step: Double = 1e-6,
    _ function: ([Variable<Double>]) -> Variable<Double>
) -> GradientComparison {
    let tape = GradientTape<Double>()
    let variables = inputs.map(tape.parameter)
    let output = function(variables)
    var generator = Xoshiro256StarStar(seed: seed)
    let weights = Tensor<Double>.randomUniform(shape: output.shape, lowerBound: 0.5, upperBound: 1.5, using: &generator)
    tape.backward(from: (output * weights).sum())
    let analytic = variables.map(tape.gradient)

    let numerical = inputs.indices.map { position in
        numericalGradient(of: { probe in
            var point = inputs
            point[position] = probe
            let fresh = GradientTape<Double>()
            return (function(point.map(fresh.constant)).value * weights).sum().scalar
        }, at: inputs[position], step: step)
    }
    return GradientComparison(analytic: analytic, numerical: numerical)
}
