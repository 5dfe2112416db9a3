import D2LNN
import D2LTensor

/// The model a `train_ch7`-style run trains: the book's linear regression `ŷ = X·w + b`, or,
/// with ``Ch7Settings/hiddenLayers``, a ReLU MLP
/// `ŷ = relu(… relu(X·W₁ + b₁) …)·W_out + b_out`.
///
/// Parameters come weight then bias, layer after layer; each weight is drawn from the
/// generator in that order (``Ch7Settings/initialization``), each bias starts at 0.
struct Ch7Model {
    /// The input and output width of every dense layer, first layer first.
    let layerWidths: [(input: Int, output: Int)]

    /// The model of `settings` over examples of `featureCount` features.
    init(featureCount: Int, settings: Ch7Settings) {
        let widths = [featureCount] + settings.hiddenLayers + [1]
        layerWidths = zip(widths, widths.dropFirst()).map { (input: $0, output: $1) }
    }

    /// The weight initializer `settings` names.
    static func weightInitializer<Scalar: TensorScalar>(_ settings: Ch7Settings) -> Initializer<Scalar> {
        settings.initialization == .zeros ? .zeros : .normal(standardDeviation: 0.01)
    }

    /// The parameters at the start: `[W₁, b₁, …, W_out, b_out]`.
    func initialParameters<Scalar: TensorScalar>(
        _ initializer: Initializer<Scalar>, using generator: inout Xoshiro256StarStar
    ) -> [Tensor<Scalar>] {
        layerWidths.flatMap { widths in
            [initializer.tensor(shape: [widths.input, widths.output], using: &generator), Tensor<Scalar>.zeros(shape: [widths.output])]
        }
    }

    /// The same model as Gluon layers: `Dense` layers with a ReLU between each two.
    func network<Scalar: TensorScalar>(
        _ initializer: Initializer<Scalar>, using generator: inout Xoshiro256StarStar
    ) -> Sequential<Scalar> {
        var layers: [any Layer<Scalar>] = []
        for (index, widths) in layerWidths.enumerated() {
            if index > 0 { layers.append(Activation(.relu)) }
            layers.append(Dense(inputCount: widths.input, outputCount: widths.output, weightInitializer: initializer, using: &generator))
        }
        return Sequential(layers)
    }

    /// `ŷ` for `features`, with the parameters recorded on a tape.
    func output<Scalar: TensorScalar>(_ features: Tensor<Scalar>, parameters: RecordedVariables<Scalar>) -> Variable<Scalar> {
        let start = parameters.startIndex
        var output = features.matmul(parameters[start]) + parameters[start + 1]
        for layer in 1..<layerWidths.count {
            output = output.relu().matmul(parameters[start + 2 * layer]) + parameters[start + 2 * layer + 1]
        }
        return output
    }

    /// The indices of the biases among the parameters.
    var biasIndices: [Int] { layerWidths.indices.map { 2 * $0 + 1 } }
}
