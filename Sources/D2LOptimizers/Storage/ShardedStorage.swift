import D2LTensor

/// One shard of parameters in one contiguous buffer laid out as an ``ArenaLayout``: the layout
/// of a rank of a data-parallel group (ZeRO stage 1). The process holds every parameter but
/// updates, and keeps optimizer state for, only the elements ``window`` — a contiguous part of
/// the flattened parameters that may start and end inside a tensor — from the gradients of
/// those elements summed over the group.
///
/// What needs every gradient is combined across the group through ``combining``: the global
/// norm for clipping (each process adds the squares of its window, then the sums are added),
/// and the first non-finite gradient (the lowest flattened index any process found, so that
/// every process applies the same non-finite policy). When ``normGradients`` holds every
/// summed gradient, the norm is taken over it here, in the order of a single process, and
/// nothing is combined for it.
///
/// Each tensor's walk covers its elements inside the window and follows the tensor's own
/// algorithm and multipliers (parameter groups work as in one process).
struct ShardedStorage<Scalar: TensorScalar>: StepStorage {
    /// Every parameter; only the window's elements are written.
    let parameters: UnsafeMutableBufferPointer<Scalar>
    /// The summed gradients of the window's elements, `window.count` of them.
    let gradients: UnsafeBufferPointer<Scalar>
    let layout: ArenaLayout
    /// The elements this process updates.
    let window: Range<Int>
    /// Every summed gradient (as long as the layout), when the process holds them.
    let normGradients: UnsafeBufferPointer<Scalar>?
    let combining: any ShardCombining

    /// The buffers, after checking their lengths against the layout and the window.
    init(
        parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>, layout: ArenaLayout,
        window: Range<Int>, normGradients: UnsafeBufferPointer<Scalar>?, combining: any ShardCombining
    ) throws(OptimizerError) {
        guard parameters.count == layout.elementCount, window.clamped(to: 0..<layout.elementCount) == window,
            gradients.count == window.count, normGradients.map({ $0.count == layout.elementCount }) ?? true
        else {
            throw .shapeMismatch(
                "the layout holds \(layout.elementCount) elements, the buffers \(parameters.count) parameters and "
                    + "\(gradients.count) gradients for the window \(window)")
        }
        self.parameters = parameters
        self.gradients = gradients
        self.layout = layout
        self.window = window
        self.normGradients = normGradients
        self.combining = combining
    }

    static var walksAcrossTensors: Bool { true }

    var tensorCount: Int { layout.tensorCount }

    var stateWindow: Range<Int>? { window }

    func shape(ofTensor index: Int) -> [Int] { layout.shapes[index] }

    /// The lowest flattened index of a non-finite gradient over the group, and its value.
    func firstNonFiniteGradient() throws(OptimizerError) -> (tensor: Int, element: Int, value: Double)? {
        let local = gradients.firstIndex { !$0.isFinite }.map { window.lowerBound + $0 }
        // The maximum of −index is the lowest index; processes that found none send −∞.
        let lowest = try combining.maximum([local.map { -Double($0) } ?? -.infinity])[0]
        guard lowest.isFinite else { return nil }
        let element = Int(-lowest)
        let value = try combining.sum([local == element ? Double(gradients[element - window.lowerBound]) : 0])[0]
        return layout.locate(element) { _ in value }
    }

    func accumulateSquaredGradients(ofTensor index: Int, processing: GradientProcessing<Scalar>, into sum: inout Double) {
        if let normGradients {
            for i in layout.range(ofTensor: index) {
                let clipped = Double(processing.clipped(normGradients[i], parameter: parameters[i]))
                sum += clipped * clipped
            }
            return
        }
        for i in layout.range(ofTensor: index).clamped(to: window) {
            let clipped = Double(processing.clipped(gradients[i - window.lowerBound], parameter: parameters[i]))
            sum += clipped * clipped
        }
    }

    func globalSumOfSquares(_ local: Double) throws(OptimizerError) -> Double {
        normGradients == nil ? try combining.sum([local])[0] : local
    }

    func walk(_ step: borrowing PreparedStep<Scalar>, elements: Range<Int>, tensor: Int?, state: StateBuffers<Scalar>) {
        let shard = (elements.lowerBound - window.lowerBound)..<(elements.upperBound - window.lowerBound)
        step.algorithm.step(
            step.context, parameters: UnsafeMutableBufferPointer(rebasing: parameters[elements]),
            gradients: UnsafeBufferPointer(rebasing: gradients[shard]), state: state)
    }
}

extension Optimizer {
    /// Updates the elements `window` of parameters laid out as `layout` from their gradients
    /// summed over a data-parallel group, keeping state for those elements only: one rank's
    /// step of an optimizer sharded across the group (see `DataParallel` in D2LDataParallel).
    ///
    /// Every option applies as in one process; the global norm and the non-finite policy see
    /// every rank's gradients through `combining`.
    ///
    /// - Parameters:
    ///   - parameters: Every parameter; only `window` is written.
    ///   - gradients: The summed gradients of the elements `window`.
    ///   - normGradients: Every summed gradient, when this rank holds them (the global norm is
    ///     then computed here, in one process's order); `nil` to combine the window's sums.
    /// - Throws: ``OptimizerError`` as ``step(parameters:gradients:layout:)``, and what
    ///   `combining` throws.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    package mutating func step(
        parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>, layout: ArenaLayout,
        window: Range<Int>, normGradients: UnsafeBufferPointer<Scalar>?, combining: any ShardCombining
    ) throws(OptimizerError) {
        try step(ShardedStorage(
            parameters: parameters, gradients: gradients, layout: layout, window: window, normGradients: normGradients,
            combining: combining))
    }
}
