extension RMSProp: Codable {
    /// The keys of RMSProp's saved form. Snapshots and checkpoints keep the flags they were
    /// first written with (`centered`, `lerpMean`, `nesterov`, `incrementalAverage`), so that
    /// files saved earlier still load and compare equal.
    private enum CodingKeys: String, CodingKey {
        case options, decay, epsilon, epsilonPlacement, centered, lerpMean, momentum, momentumStyle, nesterov
        case incrementalAverage, initialAccumulator, biasCorrection
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let centered = try container.decode(Bool.self, forKey: .centered)
        let lerpMean = try container.decode(Bool.self, forKey: .lerpMean)
        let nesterov = try container.decode(Bool.self, forKey: .nesterov)
        self.init(
            decay: try container.decode(Double.self, forKey: .decay),
            epsilon: try container.decode(Double.self, forKey: .epsilon),
            epsilonPlacement: try container.decode(EpsilonPlacement.self, forKey: .epsilonPlacement),
            averaging: try container.decode(Bool.self, forKey: .incrementalAverage) ? .incremental : .interpolated,
            centering: centered ? (lerpMean ? .centeredByLerp : .centered) : .uncentered,
            momentum: try container.decode(Double.self, forKey: .momentum),
            momentumStyle: nesterov ? .nesterov : try container.decode(MomentumStyle.self, forKey: .momentumStyle),
            initialAccumulator: try container.decode(Double.self, forKey: .initialAccumulator),
            biasCorrection: try container.decode(Bool.self, forKey: .biasCorrection),
            options: try container.decode(CommonOptions.self, forKey: .options)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(options, forKey: .options)
        try container.encode(decay, forKey: .decay)
        try container.encode(epsilon, forKey: .epsilon)
        try container.encode(epsilonPlacement, forKey: .epsilonPlacement)
        try container.encode(centering != .uncentered, forKey: .centered)
        try container.encode(centering == .centeredByLerp, forKey: .lerpMean)
        try container.encode(momentum, forKey: .momentum)
        try container.encode(momentumStyle == .nesterov ? .learningRateInsideBuffer : momentumStyle, forKey: .momentumStyle)
        try container.encode(momentumStyle == .nesterov, forKey: .nesterov)
        try container.encode(averaging == .incremental, forKey: .incrementalAverage)
        try container.encode(initialAccumulator, forKey: .initialAccumulator)
        try container.encode(biasCorrection, forKey: .biasCorrection)
    }
}
