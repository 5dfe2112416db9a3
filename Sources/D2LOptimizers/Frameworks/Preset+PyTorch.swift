/// PyTorch: `torch.optim.RMSprop` (α = 0.99, ε = 10⁻⁸ outside the square root, the centred
/// mean updated with `lerp_`), `SGD`, `Adam`, `Adagrad`, `Adadelta`; gradients clipped raw by
/// `nn.utils.clip_grad_value_` / `clip_grad_norm_` before coupled weight decay; momentum with
/// the learning rate outside the buffer.
///
/// Schedules are `torch.optim.lr_scheduler`s stepped once per optimizer step; cosine is
/// `CosineAnnealingLR`, which rises again after `T`; warm-up is `LinearLR` from `η/W`
/// followed by the schedule (`SequentialLR`).
enum PyTorchConventions: FrameworkConventions {
    static let precision = HyperparameterPrecision.native
    static let clippingPrecision = HyperparameterPrecision.native
    static let clippingOrder = ClippingOrder.beforeCoupledDecay
    static let globalNormFormula = GlobalNormClipping.Formula.pytorch
    static let weightDecayMode = WeightDecayMode.coupled
    static let momentumStyle = MomentumStyle.learningRateOutsideBuffer
    static let centeredForm = RMSProp.Centering.centeredByLerp

    static func learningRate(base: Double, schedule: LearningRateSchedule, warmup: Int, step k: Int) -> Double {
        if warmup > 0 && k < warmup {
            let start = 1 / Double(warmup)
            return base * (start + (1 - start) * Double(k) / Double(warmup))
        }
        return ScheduleFormulas.closedForm(schedule, base: base, step: k - warmup, clampCosine: false)
    }

    static func setDefaults(of rmsprop: inout RMSProp) {
        (rmsprop.decay, rmsprop.epsilon, rmsprop.epsilonPlacement) = (0.99, 1e-8, .outsideSquareRoot)
    }

    static func setDefaults(of sgd: inout SGD) {}

    static func setDefaults(of adam: inout Adam) {
        adam.epsilon = 1e-8
    }

    static func setDefaults(of adagrad: inout Adagrad) {
        (adagrad.epsilon, adagrad.epsilonPlacement) = (1e-10, .outsideSquareRoot)
    }

    static func setDefaults(of adadelta: inout Adadelta) {
        adadelta.epsilon = 1e-6
    }
}
