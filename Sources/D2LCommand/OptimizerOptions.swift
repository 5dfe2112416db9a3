import ArgumentParser
import D2LOptimizers

/// The optimizer flags shared by `train`, `trace`, `bench`, `optimizers` and `sweep`: every
/// flag but the learning rate and the decay γ, which a single run takes as one value
/// (``RateOptions``) and a sweep as a list (``SweepGridOptions``). Each is passed to the registry
/// only when given, so an option the optimizer does not take is reported instead of ignored.
struct OptimizerOptions: ParsableArguments {
    /// The optimizer when `--optimizer` is not given: the section's.
    static let defaultOptimizer = RMSProp.name

    @Option(help: "Optimizer name: \(OptimizerRegistry.names.joined(separator: ", ")) (any case).")
    var optimizer = defaultOptimizer

    @Option(parsing: .unconditional, help: "Epsilon (≥ 0).")
    var eps: Double?

    @Option(name: .customLong("eps-placement"), help: "Where epsilon goes: inside or outside the square root.")
    var epsPlacement: EpsilonPlacement?

    @Flag(help: "Centered RMSProp: subtract the squared mean gradient.")
    var centered = false

    @Option(name: [.customLong("momentum"), .customLong("gamma2")], parsing: .unconditional, help: "Momentum, in [0, 1).")
    var momentum: Double?

    @Flag(help: "Nesterov momentum.")
    var nesterov = false

    @Option(name: .customLong("weight-decay"), parsing: .unconditional, help: "Weight decay (≥ 0).")
    var weightDecay: Double?

    @Flag(name: .customLong("decoupled-weight-decay"), help: "Decoupled weight decay (p -= lr·wd·p) instead of L2.")
    var decoupledWeightDecay = false

    @Option(name: .customLong("clip-gradient"), parsing: .unconditional, help: "Clip every gradient element to [-C, C].")
    var clipGradient: Double?

    @Option(name: .customLong("clip-norm"), parsing: .unconditional, help: "Clip the global gradient norm to C.")
    var clipNorm: Double?

    @Option(name: .customLong("clip-weights"), parsing: .unconditional, help: "Clip every parameter to [-W, W] after the step.")
    var clipWeights: Double?

    @Option(name: .customLong("rescale-grad"), parsing: .unconditional, help: "Multiply the raw gradient by R.")
    var rescaleGrad: Double?

    @Flag(help: "Maximize the objective instead of minimizing it.")
    var maximize = false

    @Option(name: .customLong("initial-accumulator"), parsing: .unconditional, help: "Starting value of the mean square.")
    var initialAccumulator: Double?

    @Flag(name: .customLong("bias-correction"), help: "Divide the mean square by 1 − γᵗ.")
    var biasCorrection = false

    @Option(name: .customLong("lr-schedule"), help: "\(LearningRateSchedule.syntax)")
    var lrSchedule: String?

    @Option(parsing: .unconditional, help: "Linear warm-up steps.")
    var warmup: Int?

    @Option(parsing: .unconditional, help: "Adam's first-moment decay β₁, in [0, 1).")
    var beta1: Double?

    @Option(parsing: .unconditional, help: "Adam's second-moment decay β₂, in [0, 1).")
    var beta2: Double?

    @Option(help: "Framework whose defaults and semantics to follow: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")).")
    var preset: Preset?

    @Option(name: .customLong("state-precision"), help: "Optimizer state: float32, or 8bit (blockwise, for tensors of --quantize-min-size elements or more).")
    var statePrecision: StatePrecisionChoice = .float32

    @Option(name: .customLong("quantize-min-size"), parsing: .unconditional,
            help: "With --state-precision 8bit: tensors with fewer elements keep Float state (≥ 1; default 4096).")
    var quantizeMinSize: Int?

    @Flag(name: .customLong("stochastic-rounding"), help: "With --state-precision 8bit: round the state stochastically, seeded by --seed.")
    var stochasticRounding = false

    func validate() throws {
        if let quantizeMinSize, quantizeMinSize < 1 {
            throw ValidationError("--quantize-min-size must be ≥ 1, not \(quantizeMinSize)")
        }
        if statePrecision == .float32 && (quantizeMinSize != nil || stochasticRounding) {
            throw ValidationError("--quantize-min-size and --stochastic-rounding need --state-precision 8bit")
        }
    }

    /// How the optimizer keeps its state, from `--state-precision`, `--quantize-min-size` and
    /// `--stochastic-rounding`; `seed` seeds stochastic rounding.
    func precision(seed: UInt64 = 0) -> StatePrecision {
        switch statePrecision {
        case .float32: .float32
        case .eightBit:
            .eightBit(minimumSize: quantizeMinSize ?? 4_096, rounding: stochasticRounding ? .stochastic(seed: seed) : .nearest)
        }
    }

    /// The flags given, typed; a flag left out keeps the preset's default. The learning rate and
    /// the decay are left unset: they come from ``RateOptions`` or a sweep's grid.
    ///
    /// - Throws: `ValidationError` for a learning-rate schedule that does not parse.
    func settings() throws -> OptimizerSettings {
        var settings = OptimizerSettings()
        settings.epsilon = eps
        settings.epsilonPlacement = epsPlacement
        settings.centered = centered ? true : nil
        settings.momentum = momentum
        settings.nesterov = nesterov ? true : nil
        settings.weightDecay = weightDecay
        settings.decoupledWeightDecay = decoupledWeightDecay ? true : nil
        settings.clipGradient = clipGradient
        settings.clipNorm = clipNorm
        settings.clipWeights = clipWeights
        settings.rescaleGradient = rescaleGrad
        settings.maximize = maximize ? true : nil
        settings.initialAccumulator = initialAccumulator
        settings.biasCorrection = biasCorrection ? true : nil
        settings.warmup = warmup
        settings.beta1 = beta1
        settings.beta2 = beta2
        if let lrSchedule {
            do {
                settings.schedule = try LearningRateSchedule(parsing: lrSchedule)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return settings
    }

    /// The algorithm these flags and `rates` describe, with `sectionLearningRate` unless `--lr`
    /// is given. Adadelta keeps its own η = 1: the book's Adadelta has no learning rate.
    ///
    /// - Throws: `ValidationError` with the registry's message for an unknown optimizer, an
    ///   option it does not take or a value out of range.
    func algorithm(rates: RateOptions, sectionLearningRate: Double, defaultPreset: Preset = .book) throws -> any OptimizationAlgorithm {
        var settings = try settings()
        settings.learningRate = rates.lr
        settings.decay = rates.gamma
        if settings.learningRate == nil && OptimizerRegistry.canonicalName(optimizer) != Adadelta.name { settings.learningRate = sectionLearningRate }
        do {
            return try OptimizerRegistry.algorithm(named: optimizer, settings: settings, preset: preset ?? defaultPreset)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// The values of `--state-precision`.
enum StatePrecisionChoice: String, ExpressibleByArgument, CaseIterable {
    case float32
    case eightBit = "8bit"
}

extension EpsilonPlacement: ExpressibleByArgument {}
extension Preset: ExpressibleByArgument {}
