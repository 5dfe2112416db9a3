import D2LDistributed

extension OptimizerOptions {
    /// Every optimizer flag with its value as given (`(default)` when left out), named as on
    /// the command line without the dashes: the items the ranks of `--data-parallel` compare at
    /// start, so that a difference names the flag (`lr is 0.02 on rank 1 but 0.01 on rank 0`)
    /// rather than the whole algorithm.
    func agreementItems(rates: RateOptions) -> [NamedValue] {
        func given<Value>(_ value: Value?) -> String { value.map { "\($0)" } ?? "(default)" }
        return [
            NamedValue("optimizer", optimizer), NamedValue("preset", given(preset?.rawValue)),
            NamedValue("lr", given(rates.lr)), NamedValue("gamma", given(rates.gamma)),
            NamedValue("eps", given(eps)), NamedValue("eps-placement", given(epsPlacement?.rawValue)),
            NamedValue("centered", "\(centered)"), NamedValue("momentum", given(momentum)), NamedValue("nesterov", "\(nesterov)"),
            NamedValue("weight-decay", given(weightDecay)), NamedValue("decoupled-weight-decay", "\(decoupledWeightDecay)"),
            NamedValue("clip-gradient", given(clipGradient)), NamedValue("clip-norm", given(clipNorm)),
            NamedValue("clip-weights", given(clipWeights)), NamedValue("rescale-grad", given(rescaleGrad)),
            NamedValue("maximize", "\(maximize)"), NamedValue("initial-accumulator", given(initialAccumulator)),
            NamedValue("bias-correction", "\(biasCorrection)"), NamedValue("lr-schedule", given(lrSchedule)),
            NamedValue("warmup", given(warmup)), NamedValue("beta1", given(beta1)), NamedValue("beta2", given(beta2)),
            NamedValue("state-precision", statePrecision.rawValue), NamedValue("quantize-min-size", given(quantizeMinSize)),
            NamedValue("stochastic-rounding", "\(stochasticRounding)"),
        ]
    }
}
