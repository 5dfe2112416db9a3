import D2LNN
import D2LTensor

/// The book's `train_ch7`: linear regression `ŷ = X·w + b` written from scratch, trained on the
/// section's data with the mean squared loss `(ŷ − y)² / 2` of each minibatch.
///
/// ```swift
/// let data = try SectionData<Float>()
/// var optimizer = ScratchOptimizer<Float>(.rmsprop(learningRate: 0.01, gamma: 0.9))
/// let result = try TrainCh7.run(data: data) { optimizer.update(&$0, gradients: $1) }
/// print(result.summary)
/// ```
///
/// `w` (shape `[features, 1]`) starts from normal samples with standard deviation 0.01 drawn
/// from the seed (or zeros), `b` (shape `[1]`) at 0; gradients come from `backward()`.
public enum TrainCh7 {
    /// Trains with `update`, which changes `[w, b]` in place given their gradients.
    ///
    /// - Throws: what `update` throws, or ``D2LTensor/TensorError`` for malformed data.
    public static func run<Scalar: TensorScalar>(
        data: SectionData<Scalar>, settings: Ch7Settings = Ch7Settings(),
        update: (_ parameters: inout [Tensor<Scalar>], _ gradients: [Tensor<Scalar>]) throws -> Void
    ) throws -> TrainingResult {
        var generator = Xoshiro256StarStar(seed: settings.seed)
        let weightInitializer: Initializer<Scalar> = settings.initialization == .zeros ? .zeros : .normal(standardDeviation: 0.01)
        var parameters = [
            weightInitializer.tensor(shape: [data.featureCount, 1], using: &generator),
            Tensor<Scalar>.zeros(shape: [1]),
        ]
        let tape = GradientTape<Scalar>()
        func loss(_ features: Tensor<Scalar>, _ labels: Tensor<Scalar>) -> (Variable<Scalar>, [Variable<Scalar>]) {
            tape.reset()
            let w = tape.parameter(parameters[0])
            let b = tape.parameter(parameters[1])
            return ((features.matmul(w) + b).squaredLoss(labels: labels).mean(), [w, b])
        }
        let loop = Ch7Loop(settings: settings, data: data)
        return try loop.run(
            generator: &generator,
            evaluate: { Double(loss(data.features, data.labels).0.value.scalar) },
            step: { features, labels in
                let (l, recorded) = loss(features, labels)
                tape.backward(from: l)
                try update(&parameters, recorded.map(tape.gradient(of:)))
                return Double(l.value.scalar)
            },
            parameters: { parameters.flatMap { $0.scalars.map(Double.init) } }
        )
    }
}
