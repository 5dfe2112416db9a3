import D2LTensor
import Foundation

/// The optimizers of the book's chapter, written from scratch the way the book writes them:
/// whole-tensor expressions over each parameter and its states.
///
/// ```
/// sgd:      p ← p − η g
/// momentum: v ← μ v + η g;  p ← p − v
/// adagrad:  s ← s + g²;  p ← p − η g / √(s + 10⁻⁶)
/// rmsprop:  s ← γ s + (1 − γ) g²;  p ← p − η g / √(s + 10⁻⁶)
/// adadelta: s ← ρ s + (1 − ρ) g²;  g' ← √(Δ + 10⁻⁵) / √(s + 10⁻⁵) · g;  p ← p − g';  Δ ← ρ Δ + (1 − ρ) g'²
/// adam:     v ← β₁ v + (1 − β₁) g;  s ← β₂ s + (1 − β₂) g²;  p ← p − η v̂ / (√ŝ + 10⁻⁶)
///           with v̂ = v / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ), β₁ = 0.9, β₂ = 0.999
/// ```
/// The library's fused optimizers compute the same rules; this type is the section's reading
/// of them, and the reference the fused kernels are tested against.
public struct ScratchOptimizer<Scalar: TensorScalar> {
    /// A rule and its hyperparameters.
    public enum Method: Sendable, Equatable {
        /// Minibatch SGD with learning rate η.
        case sgd(learningRate: Double)
        /// SGD with momentum μ, the learning rate inside the velocity.
        case momentum(learningRate: Double, momentum: Double)
        /// Adagrad.
        case adagrad(learningRate: Double)
        /// RMSProp with decay γ.
        case rmsprop(learningRate: Double, gamma: Double)
        /// Adadelta with decay ρ (no learning rate).
        case adadelta(rho: Double)
        /// Adam.
        case adam(learningRate: Double)
    }

    /// The rule.
    public let method: Method
    private var states: [[Tensor<Scalar>]] = []
    private var t = 0

    /// An optimizer for `method`; states are created at the first update.
    public init(_ method: Method) {
        self.method = method
    }

    private func scalar(_ value: Double) -> Scalar { Scalar(value) }

    /// Updates `parameters` in place from their gradients.
    public mutating func update(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) {
        if states.isEmpty {
            let count = stateCount
            states = parameters.map { p in Array(repeating: Tensor.zeros(shape: p.shape), count: count) }
        }
        t += 1
        for i in parameters.indices {
            let g = gradients[i]
            var p = parameters[i]
            switch method {
            case let .sgd(lr):
                p = p - scalar(lr) * g
            case let .momentum(lr, momentum):
                states[i][0] = scalar(momentum) * states[i][0] + scalar(lr) * g
                p = p - states[i][0]
            case let .adagrad(lr):
                states[i][0] = states[i][0] + g.squared()
                p = p - scalar(lr) * g / (states[i][0] + scalar(1e-6)).squareRoot()
            case let .rmsprop(lr, gamma):
                states[i][0] = scalar(gamma) * states[i][0] + scalar(1 - gamma) * g.squared()
                p = p - scalar(lr) * g / (states[i][0] + scalar(1e-6)).squareRoot()
            case let .adadelta(rho):
                let eps = scalar(1e-5)
                states[i][0] = scalar(rho) * states[i][0] + scalar(1 - rho) * g.squared()
                let change = (states[i][1] + eps).squareRoot() / (states[i][0] + eps).squareRoot() * g
                p = p - change
                states[i][1] = scalar(rho) * states[i][1] + scalar(1 - rho) * change.squared()
            case let .adam(lr):
                let (beta1, beta2) = (0.9, 0.999)
                states[i][0] = scalar(beta1) * states[i][0] + scalar(1 - beta1) * g
                states[i][1] = scalar(beta2) * states[i][1] + scalar(1 - beta2) * g.squared()
                let vHat = states[i][0] / scalar(1 - Foundation.pow(beta1, Double(t)))
                let sHat = states[i][1] / scalar(1 - Foundation.pow(beta2, Double(t)))
                p = p - scalar(lr) * vHat / (sHat.squareRoot() + scalar(1e-6))
            }
            parameters[i] = p
        }
    }

    private var stateCount: Int {
        switch method {
        case .sgd: 0
        case .momentum, .adagrad, .rmsprop: 1
        case .adadelta, .adam: 2
        }
    }
}
