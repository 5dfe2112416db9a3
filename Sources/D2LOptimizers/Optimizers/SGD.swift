import D2LTensor

/// Minibatch stochastic gradient descent, with optional momentum.
///
/// ```
/// p ← p − η · g                              (momentum 0)
/// b ← μ · b + g;      p ← p − η · b          (lr outside the buffer, PyTorch)
/// b ← μ · b + η · g;  p ← p − b              (lr inside the buffer, the book, MXNet)
/// ```
public struct SGD: OptimizationAlgorithm, Equatable, Codable, CustomStringConvertible {
    public static let name = "sgd"

    public var options: CommonOptions
    /// Momentum μ in [0, 1); 0 for plain SGD.
    public var momentum: Double
    /// Where the learning rate sits relative to the momentum buffer.
    public var momentumStyle: MomentumStyle

    /// SGD with the given hyperparameters.
    public init(
        learningRate: Double = 0.01, momentum: Double = 0,
        momentumStyle: MomentumStyle = .learningRateOutsideBuffer, options: CommonOptions? = nil
    ) {
        self.options = options ?? CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        self.momentum = momentum
        self.momentumStyle = momentumStyle
    }

    public var hyperparameterSummary: String { "momentum \(momentum) (\(momentumStyle.rawValue))" }

    public var stateSlots: StateSlots { momentum > 0 ? .first : [] }

    /// None: the momentum buffer is signed.
    public var nonNegativeStateSlots: StateSlots { [] }

    public func validate() throws(OptimizerError) {
        try options.validate()
        try CommonOptions.require(momentum, "momentum", valid: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        if momentumStyle == .nesterov {
            throw .inapplicable(name: "nesterov", reason: "SGD's momentum keeps the learning rate inside or outside the buffer; Nesterov momentum is RMSProp's")
        }
    }

    public func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm {
        Resolved(configuration: self, momentum: Double(options.precision.resolve(momentum, as: Scalar.self)))
    }

    /// SGD with μ as `Scalar` holds it (kept as a `Double`, which holds every `Float` and
    /// `Double` exactly).
    public struct Resolved: ResolvedAlgorithm {
        let configuration: SGD
        let momentum: Double

        @_specialize(where Scalar == Float)
        @_specialize(where Scalar == Double)
        public func step<Scalar: TensorScalar>(
            _ context: StepContext<Scalar>, parameters: UnsafeMutableBufferPointer<Scalar>,
            gradients: UnsafeBufferPointer<Scalar>, state: StateBuffers<Scalar>
        ) {
            runKernel(context, parameters: parameters, gradients: gradients, state: state)
        }

        public func withRule<Visitor: RuleVisitor>(_ context: StepContext<Visitor.Scalar>, _ visitor: Visitor) -> Visitor.Result {
            typealias Scalar = Visitor.Scalar
            func run<Momentum: MomentumForm>(_: Momentum.Type) -> Visitor.Result {
                visitor.visit(SGDRule<Scalar, Momentum>(learningRate: context.learningRate, momentum: Scalar(momentum)))
            }
            switch (configuration.momentum > 0, configuration.momentumStyle) {
            case (false, _): return run(NoMomentum.self)
            case (true, .learningRateInsideBuffer): return run(MomentumInsideLearningRate.self)
            case (true, .learningRateOutsideBuffer): return run(MomentumOutsideLearningRate.self)
            case (true, .nesterov): preconditionFailure("validate() refuses Nesterov momentum for SGD")
            }
        }
    }
}
