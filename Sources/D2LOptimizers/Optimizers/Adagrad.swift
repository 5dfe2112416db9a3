import D2LTensor

/// Adagrad (Duchi, Hazan and Singer, 2011): each element's step shrinks with the sum of its
/// squared gradients.
///
/// ```
/// s ← s + g²
/// p ← p − η · g / √(s + ε)        (the book: ε = 10⁻⁶)
/// ```
public struct Adagrad: OptimizationAlgorithm, Equatable, Codable, CustomStringConvertible {
    public static let name = "adagrad"

    public var options: CommonOptions
    /// ε ≥ 0.
    public var epsilon: Double
    /// Where ε enters the denominator.
    public var epsilonPlacement: EpsilonPlacement
    /// The value `s` starts at.
    public var initialAccumulator: Double

    /// Adagrad with the given hyperparameters; the defaults are the book's.
    public init(
        learningRate: Double = 0.1, epsilon: Double = 1e-6, epsilonPlacement: EpsilonPlacement = .insideSquareRoot,
        initialAccumulator: Double = 0, options: CommonOptions? = nil
    ) {
        self.options = options ?? CommonOptions(learningRate: ScheduledLearningRate(learningRate))
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
        self.initialAccumulator = initialAccumulator
    }

    public var hyperparameterSummary: String {
        "eps \(epsilon) (\(epsilonPlacement.rawValue)), initial accumulator \(initialAccumulator)"
    }

    public var stateSlots: StateSlots { .first }

    /// The sum of squares.
    public var nonNegativeStateSlots: StateSlots { .first }

    public func initialStateValue(for slot: StateSlots) -> Double { initialAccumulator }

    public func validate() throws(OptimizerError) {
        try options.validate()
        try CommonOptions.require(epsilon, "eps", valid: "a finite number ≥ 0") { $0 >= 0 }
        try CommonOptions.require(initialAccumulator, "initial accumulator", valid: "a finite number ≥ 0") { $0 >= 0 }
    }

    public func resolved<Scalar: TensorScalar>(as _: Scalar.Type) -> any ResolvedAlgorithm {
        Resolved(configuration: self, epsilon: Double(options.precision.resolve(epsilon, as: Scalar.self)))
    }

    /// Adagrad with ε as `Scalar` holds it (kept as a `Double`, which holds every `Float` and
    /// `Double` exactly).
    public struct Resolved: ResolvedAlgorithm {
        let configuration: Adagrad
        let epsilon: Double

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
            return switch configuration.epsilonPlacement {
            case .insideSquareRoot:
                visitor.visit(AdagradRule<Scalar, EpsilonInsideSquareRoot>(learningRate: context.learningRate, epsilon: Scalar(epsilon)))
            case .outsideSquareRoot:
                visitor.visit(AdagradRule<Scalar, EpsilonOutsideSquareRoot>(learningRate: context.learningRate, epsilon: Scalar(epsilon)))
            }
        }
    }
}
