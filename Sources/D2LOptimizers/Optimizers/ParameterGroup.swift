/// Parameters, by index, that follow an algorithm of their own — PyTorch's `param_groups`:
/// another learning rate, weight decay or any other hyperparameter for part of a model.
///
/// ```swift
/// let bias = ParameterGroup(parameters: [1], algorithm: RMSProp(learningRate: 0.001))
/// var optimizer = try Optimizer<Float>(RMSProp(learningRate: 0.01), groups: [bias])
/// ```
public struct ParameterGroup: Sendable {
    /// Indices of the parameters in the group.
    public var parameters: [Int]
    /// The algorithm they follow.
    public var algorithm: any OptimizationAlgorithm

    /// A group of `parameters` following `algorithm`.
    public init(parameters: [Int], algorithm: any OptimizationAlgorithm) {
        self.parameters = parameters
        self.algorithm = algorithm
    }
}
