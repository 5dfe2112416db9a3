import ArgumentParser
import D2LOptimizers

/// The optimizer flags shared by `trace`, `train` and `sweep`: each is passed to the registry
/// only when given, so an option the optimizer does not take is reported instead of ignored.
struct OptimizerOptions: ParsableArguments {
    @Option(help: "Optimizer name: \(OptimizerRegistry.names.joined(separator: ", ")).")
    var optimizer = "rmsprop"

    @Option(parsing: .unconditional, help: "Learning rate (default: the section's).")
    var lr: Double?

    @Option(name: [.customLong("gamma"), .customLong("alpha"), .customLong("rho"), .customLong("gamma1"), .customLong("decay")],
            parsing: .unconditional, help: "Decay of the running averages, in [0, 1].")
    var gamma: Double?

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

    /// The flags given, under the registry's canonical names.
    var hyperparameters: [String: HyperparameterValue] {
        var values: [String: HyperparameterValue] = [:]
        func set(_ key: HyperparameterKey, _ value: HyperparameterValue?) {
            if let value { values[key.rawValue] = value }
        }
        set(.lr, lr.map { .number($0) })
        set(.gamma, gamma.map { .number($0) })
        set(.eps, eps.map { .number($0) })
        set(.epsPlacement, epsPlacement.map { .text($0.rawValue) })
        set(.centered, centered ? .flag(true) : nil)
        set(.momentum, momentum.map { .number($0) })
        set(.nesterov, nesterov ? .flag(true) : nil)
        set(.weightDecay, weightDecay.map { .number($0) })
        set(.decoupledWeightDecay, decoupledWeightDecay ? .flag(true) : nil)
        set(.clipGradient, clipGradient.map { .number($0) })
        set(.clipNorm, clipNorm.map { .number($0) })
        set(.clipWeights, clipWeights.map { .number($0) })
        set(.rescaleGrad, rescaleGrad.map { .number($0) })
        set(.maximize, maximize ? .flag(true) : nil)
        set(.initialAccumulator, initialAccumulator.map { .number($0) })
        set(.biasCorrection, biasCorrection ? .flag(true) : nil)
        set(.lrSchedule, lrSchedule.map { .text($0) })
        set(.warmup, warmup.map { .number(Double($0)) })
        set(.beta1, beta1.map { .number($0) })
        set(.beta2, beta2.map { .number($0) })
        return values
    }

    /// The algorithm these flags describe, with `sectionLearningRate` unless `--lr` is given.
    /// Adadelta keeps its own η = 1: the book's Adadelta has no learning rate.
    func algorithm(sectionLearningRate: Double, defaultPreset: Preset = .book) throws -> any OptimizationAlgorithm {
        var values = hyperparameters
        if values[HyperparameterKey.lr.rawValue] == nil && optimizer != Adadelta.name {
            values[HyperparameterKey.lr.rawValue] = .number(sectionLearningRate)
        }
        do {
            return try OptimizerRegistry.algorithm(named: optimizer, hyperparameters: values, preset: preset ?? defaultPreset)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension EpsilonPlacement: ExpressibleByArgument {}
extension Preset: ExpressibleByArgument {}
