/// A one-line account of an algorithm's hyperparameters and conventions, for listings.
public enum AlgorithmDescription {
    /// `algorithm`'s settings, e.g. `gamma 0.9, eps 1e-08 (inside), momentum 0, …`.
    public static func describe(_ algorithm: any OptimizationAlgorithm) -> String {
        var parts: [String] = []
        switch algorithm {
        case let rmsprop as RMSProp:
            parts.append("gamma \(rmsprop.decay)")
            parts.append("eps \(rmsprop.epsilon) (\(rmsprop.epsilonPlacement.rawValue))")
            parts.append("centered \(rmsprop.centered)")
            parts.append("momentum \(rmsprop.momentum) (\(rmsprop.momentumStyle.rawValue))")
            parts.append("initial accumulator \(rmsprop.initialAccumulator)")
            if rmsprop.incrementalAverage { parts.append("incremental average") }
            if rmsprop.biasCorrection { parts.append("bias correction") }
        case let adagrad as Adagrad:
            parts.append("eps \(adagrad.epsilon) (\(adagrad.epsilonPlacement.rawValue))")
            parts.append("initial accumulator \(adagrad.initialAccumulator)")
        case let sgd as SGD:
            parts.append("momentum \(sgd.momentum) (\(sgd.momentumStyle.rawValue))")
        case let adam as Adam:
            parts.append("beta1 \(adam.beta1), beta2 \(adam.beta2), eps \(adam.epsilon), bias correction \(adam.biasCorrectionStyle.rawValue)")
        case let adadelta as Adadelta:
            parts.append("rho \(adadelta.rho), eps \(adadelta.epsilon), lr \(adadelta.options.learningRate.base)")
        default:
            break
        }
        let options = algorithm.options
        parts.append("weight decay \(options.weightDecay) (\(options.weightDecayMode.rawValue))")
        parts.append("hyperparameters \(options.precision.rawValue)")
        return parts.joined(separator: ", ")
    }
}
