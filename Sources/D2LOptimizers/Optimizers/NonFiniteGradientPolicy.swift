/// What ``Optimizer/step(_:gradients:)`` does when a gradient holds NaN or an infinity.
///
/// ```swift
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01))
/// optimizer.nonFiniteGradientPolicy = .skipStep      // as mixed-precision loss scalers do
/// try optimizer.step(&parameters, gradients: gradients)
/// optimizer.skippedStepCount                        // steps left out so far
/// ```
///
/// Every policy but ``propagate`` scans the gradients once per step, before anything changes;
/// the scan allocates nothing. A skipped or refused step leaves the parameters, the state and
/// ``Optimizer/stepCount`` (and with it the learning-rate schedule) as they were.
public enum NonFiniteGradientPolicy: String, Sendable, Codable, CaseIterable {
    /// No check: non-finite values flow into the update, as in PyTorch, MXNet and Optax. The
    /// default, and free.
    case propagate
    /// The step throws ``OptimizerError/nonFiniteGradient(_:)``, naming the parameter, the
    /// element and the value, and changes nothing.
    case throwError
    /// The step is left out and counted in ``Optimizer/skippedStepCount``; training goes on
    /// with the next batch.
    case skipStep
    /// The step and every later one are left out; ``Optimizer/stoppedOnNonFiniteGradient``
    /// tells where, so that the training loop can end and report it.
    case stop
}

/// Where a non-finite gradient was met: the call of ``Optimizer/step(_:gradients:)``, the
/// parameter, the element and the value.
public struct NonFiniteGradient: Sendable, Codable, CustomStringConvertible {
    /// The 1-based call of `step` that met it (taken and skipped steps both count).
    public var step: Int
    /// The index of the parameter.
    public var parameter: Int
    /// The index of the element in the parameter, row-major.
    public var element: Int
    /// The value: NaN, `+infinity` or `-infinity`.
    public var value: Double

    /// A record of a non-finite gradient.
    public init(step: Int, parameter: Int, element: Int, value: Double) {
        self.step = step
        self.parameter = parameter
        self.element = element
        self.value = value
    }

    public var description: String {
        "step \(step): the gradient of parameter \(parameter), element \(element), is \(value)"
    }
}

extension NonFiniteGradient: Equatable {
    /// Equal when every field is, comparing the values bit for bit (so that NaN equals NaN).
    public static func == (lhs: NonFiniteGradient, rhs: NonFiniteGradient) -> Bool {
        lhs.step == rhs.step && lhs.parameter == rhs.parameter && lhs.element == rhs.element
            && lhs.value.bitPattern == rhs.value.bitPattern
    }
}
