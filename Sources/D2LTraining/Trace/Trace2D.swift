import D2LOptimizers
import D2LTensor

/// The section's `train_2d`: runs an optimizer on a 2D objective from a start point and
/// records every point visited.
///
/// ```swift
/// let path = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 0.9), steps: 20)
/// print(path.summary)   // epoch 20, x1 -0.010599, x2 0.000000
/// ```
///
/// The point is one parameter tensor of two elements; each step records `f` on a tape, takes
/// the gradient from `backward`, and calls the same optimizer kernels as training does.
public enum Trace2D {
    /// The section's start point (−5, −2).
    public static let sectionStart = [-5.0, -2.0]

    /// Runs `algorithm` for `steps` steps on `objective` in the scalar type `Scalar`, its state
    /// kept in `statePrecision` (8-bit state needs `.eightBit(minimumSize: 1)` or 2 here: the
    /// point has two elements).
    ///
    /// - Throws: `OptimizerError` if the algorithm's hyperparameters are invalid.
    public static func run<Scalar: TensorScalar>(
        _ algorithm: any OptimizationAlgorithm, objective: some Objective2D = SectionQuadratic(),
        start: [Double] = sectionStart, steps: Int = 20, as scalar: Scalar.Type = Double.self,
        statePrecision: StatePrecision = .float32
    ) throws(OptimizerError) -> Trajectory {
        try run(algorithm, objective: objective, start: start, steps: steps, as: scalar, statePrecision: statePrecision) { _ in }
    }

    /// Runs `algorithm` as ``run(_:objective:start:steps:as:statePrecision:)`` does, and hands the optimizer's
    /// state to `afterStep` after every step: the running averages behind each step's size.
    ///
    /// ```swift
    /// var squareAverages: [[Double]] = []
    /// let path = try Trace2D.run(RMSProp(learningRate: 0.4, decay: 0.9), steps: 20, as: Double.self) { state in
    ///     squareAverages.append(state.first)
    /// }
    /// ```
    ///
    /// - Throws: `OptimizerError` if the algorithm's hyperparameters are invalid.
    @inlinable
    public static func run<Scalar: TensorScalar>(
        _ algorithm: any OptimizationAlgorithm, objective: some Objective2D = SectionQuadratic(),
        start: [Double] = sectionStart, steps: Int = 20, as _: Scalar.Type, statePrecision: StatePrecision = .float32,
        afterStep: (_ state: OptimizerState<Scalar>) -> Void
    ) throws(OptimizerError) -> Trajectory {
        guard start.count == 2 else { throw .shapeMismatch("a 2D start point needs two coordinates, not \(start.count)") }
        guard steps >= 0 else { throw .outOfRange(name: "steps", value: Double(steps), valid: "≥ 0") }
        var optimizer = try Optimizer<Scalar>(algorithm, statePrecision: statePrecision)
        var parameters = [Tensor(start.map { Scalar($0) })]
        var points = [parameters[0].scalars.map(Double.init)]
        let tape = GradientTape<Scalar>()
        var gradients: [Tensor<Scalar>] = []
        for _ in 0..<steps {
            tape.recording {
                let recorded = tape.parameters(parameters)
                tape.backward(from: objective(recorded[recorded.startIndex]))
                tape.moveGradients(of: recorded, into: &gradients)
            }
            try optimizer.step(&parameters, gradients: gradients)
            afterStep(optimizer.state)
            points.append(parameters[0].scalars.map(Double.init))
        }
        return Trajectory(points: points)
    }
}
