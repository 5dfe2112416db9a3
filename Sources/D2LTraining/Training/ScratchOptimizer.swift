import D2LTensor
import Foundation

/// The optimizers of the book's chapter, written from scratch the way the book writes them:
/// each parameter and its states updated in place, element by element, as the book's `p[:] = …`.
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
        /// RMSProp with decay γ (`decay`, as everywhere in the library's Swift code).
        case rmsprop(learningRate: Double, decay: Double)
        /// Adadelta with decay ρ (no learning rate).
        case adadelta(rho: Double)
        /// Adam.
        case adam(learningRate: Double)
    }

    /// The rule.
    public let method: Method
    @usableFromInline var states: [[Tensor<Scalar>]] = []
    @usableFromInline var t = 0

    /// An optimizer for `method`; states are created at the first update.
    public init(_ method: Method) {
        self.method = method
    }

    @usableFromInline func scalar(_ value: Double) -> Scalar { Scalar(value) }

    /// Updates `parameters` in place from their gradients, as the book does with `p[:] = …`
    /// and `s[:] = …`: after the first step, which creates the states, it allocates nothing.
    ///
    /// Inlinable, so that it is specialised for the caller's scalar type wherever the training
    /// loop runs.
    @inlinable
    public mutating func update(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) {
        if states.isEmpty {
            let count = stateCount
            states = parameters.map { p in Array(repeating: Tensor.zeros(shape: p.shape), count: count) }
        }
        t += 1
        for i in parameters.indices {
            let g = gradients[i]
            switch method {
            case let .sgd(lr):
                let lr = scalar(lr)
                parameters[i].formElementwise(g) { p, g in p - lr * g }
            case let .momentum(lr, momentum):
                let (lr, momentum) = (scalar(lr), scalar(momentum))
                states[i][0].formElementwise(g) { v, g in momentum * v + lr * g }
                parameters[i].formElementwise(states[i][0]) { p, v in p - v }
            case let .adagrad(lr):
                let (lr, eps) = (scalar(lr), scalar(1e-6))
                states[i][0].formElementwise(g) { s, g in s + g * g }
                parameters[i].formElementwise(g, states[i][0]) { p, g, s in p - lr * g / Scalar.vectorizableSquareRoot(s + eps) }
            case let .rmsprop(lr, decay):
                let (lr, gamma, oneMinusGamma, eps) = (scalar(lr), scalar(decay), scalar(1 - decay), scalar(1e-6))
                states[i][0].formElementwise(g) { s, g in gamma * s + oneMinusGamma * (g * g) }
                parameters[i].formElementwise(g, states[i][0]) { p, g, s in p - lr * g / Scalar.vectorizableSquareRoot(s + eps) }
            case let .adadelta(rho):
                let (rho, oneMinusRho, eps) = (scalar(rho), scalar(1 - rho), scalar(1e-5))
                states[i][0].formElementwise(g) { s, g in rho * s + oneMinusRho * (g * g) }
                // The book rescales the gradient in place; the third state holds that change.
                states[i][2].formElementwise(states[i][1], states[i][0]) { _, delta, s in
                    Scalar.vectorizableSquareRoot(delta + eps) / Scalar.vectorizableSquareRoot(s + eps)
                }
                states[i][2].formElementwise(g) { ratio, g in ratio * g }
                parameters[i].formElementwise(states[i][2]) { p, change in p - change }
                states[i][1].formElementwise(states[i][2]) { delta, change in rho * delta + oneMinusRho * (change * change) }
            case let .adam(lr):
                let (beta1, beta2) = (0.9, 0.999)
                let (b1, oneMinusB1, b2, oneMinusB2) = (scalar(beta1), scalar(1 - beta1), scalar(beta2), scalar(1 - beta2))
                let (lr, eps) = (scalar(lr), scalar(1e-6))
                let correction1 = scalar(1 - Foundation.pow(beta1, Double(t)))
                let correction2 = scalar(1 - Foundation.pow(beta2, Double(t)))
                states[i][0].formElementwise(g) { v, g in b1 * v + oneMinusB1 * g }
                states[i][1].formElementwise(g) { s, g in b2 * s + oneMinusB2 * (g * g) }
                parameters[i].formElementwise(states[i][0], states[i][1]) { p, v, s in
                    p - lr * (v / correction1) / (Scalar.vectorizableSquareRoot(s / correction2) + eps)
                }
            }
        }
    }

    @usableFromInline var stateCount: Int {
        switch method {
        case .sgd: 0
        case .momentum, .adagrad, .rmsprop: 1
        case .adam: 2
        case .adadelta: 3
        }
    }
}
