import D2LTensor

extension OptimizationAlgorithm {
    /// The update one step of this algorithm makes to each element, written out in the order
    /// the fused kernel computes it — gradient processing (rescaling, coupled weight decay,
    /// clipping by value and by global norm), decoupled weight decay, the state updates, the
    /// denominator with ε where it sits, momentum, the parameter update, weight clipping —
    /// then the value of every symbol as the kernel holds it in `Scalar` (which shows how the
    /// hyperparameters were rounded), and where `s` starts when that is not 0 (TensorFlow 1's 1).
    ///
    /// ```swift
    /// print(RMSProp(learningRate: 0.01, decay: 0.9).explain())
    /// // rmsprop, Float, hyperparameters native, step 1:
    /// // 1. s ← γ·s + (1 − γ)·g²
    /// // 2. u ← g / √(s + ε)
    /// // 3. p ← p − η·u
    /// // where η = 0.01, γ = 0.9, 1 − γ = 0.1, ε = 1e-06
    /// ```
    ///
    /// The description comes from the same choice of kernel forms that runs the step
    /// (``ResolvedAlgorithm/withRule(_:_:)``), so it cannot drift from what executes.
    ///
    /// - Parameters:
    ///   - scalar: The parameters' type; the values are shown as that type holds them.
    ///   - step: Steps already taken (0 for the first), for schedules and bias corrections.
    public func explain<Scalar: TensorScalar>(as scalar: Scalar.Type = Float.self, step: Int = 0) -> String {
        let prepared = PreparedStep<Scalar>(self, multiplier: ParameterMultipliers(), step: step)
        let description = prepared.algorithm.withRule(
            prepared.context, RuleDescriber(context: prepared.context, globalNorm: options.clipNorm))
        let header = "\(Self.name), \(Scalar.self), hyperparameters \(options.precision.rawValue), step \(step + 1):"
        let lines = description.operations.enumerated().map { "\($0.offset + 1). \($0.element)" }
        var values = description.values
        // Only the accumulators of RMSProp and Adagrad, the mean square `s`, start elsewhere than 0.
        let start = initialStateValue(for: .first)
        if start != 0 { values.append("s starts at \(Scalar(start))") }
        return ([header] + lines + ["where " + values.joined(separator: ", ")]).joined(separator: "\n")
    }

    /// One line: the name, the learning rate (with its schedule and warm-up), the algorithm's
    /// own hyperparameters and the common options.
    public var description: String {
        var rate = "lr \(options.learningRate.base)"
        if options.learningRate.schedule != .constant { rate += " (\(options.learningRate.schedule))" }
        if options.learningRate.warmup > 0 { rate += ", warm-up \(options.learningRate.warmup)" }
        return "\(Self.name): \(rate), \(summary)"
    }
}
