import Foundation
import D2LOptimizers

/// The step an adaptive optimizer takes per unit of gradient, element by element: `η / √(v + ε)`
/// (or `η / (√v + ε)`), with `v` the mean square (`s`, or `s − m²` when centred) held in the
/// optimizer's state after a step. This is the per-coordinate learning rate the section's
/// explanation is about.
///
/// The denominators are the kernel's own ``DenominatorForm``s, so the size shown is the one
/// the step used.
struct EffectiveStepSize: Sendable {
    /// The base learning rate η.
    let learningRate: Double
    /// ε.
    let epsilon: Double
    /// Where ε enters.
    let placement: EpsilonPlacement
    /// Whether `v = s − m²` (`m` in slot ``ElementState/second``).
    let centered: Bool
    /// γ, for the bias correction `1 / (1 − γᵗ)`; `nil` without it.
    let biasCorrectionDecay: Double?

    /// The rule for `algorithm`, or `nil` when it keeps no mean square (SGD, Adam's
    /// bias-corrected moments, Adadelta).
    init?(_ algorithm: any OptimizationAlgorithm) {
        learningRate = algorithm.options.learningRate.base
        if let rmsprop = algorithm as? RMSProp {
            epsilon = rmsprop.epsilon
            placement = rmsprop.epsilonPlacement
            centered = rmsprop.centering != .uncentered
            biasCorrectionDecay = rmsprop.biasCorrection ? rmsprop.decay : nil
        } else if let adagrad = algorithm as? Adagrad {
            epsilon = adagrad.epsilon
            placement = adagrad.epsilonPlacement
            centered = false
            biasCorrectionDecay = nil
        } else {
            return nil
        }
    }

    /// The sizes for each element of `state` after step `step` (1-based).
    func sizes(_ state: OptimizerState<Double>, step: Int) -> [Double] {
        let correction = biasCorrectionDecay.map { 1 / (1 - Foundation.pow($0, Double(step))) } ?? 1
        return state.first.indices.map { index in
            let square = correction * state.first[index]
            let mean = centered ? correction * state.second[index] : 0
            let v = square - mean * mean
            let denominator = placement == .insideSquareRoot
                ? EpsilonInsideSquareRoot.denominator(v, epsilon: epsilon)
                : EpsilonOutsideSquareRoot.denominator(v, epsilon: epsilon)
            return learningRate / denominator
        }
    }
}
