import D2LTensor

/// A storage layout of parameters and gradients as the optimizer's one step core sees it: how
/// many tensors of which shapes, and how to walk their buffers.
///
/// ``Optimizer`` takes every step through a single core (`Optimizer.step(_:)` over a
/// `StepStorage`): it checks the tensors against the state, creates the state at the first
/// step, applies the non-finite gradient policy, computes the global-norm clipping factor,
/// resolves each tensor's ``PreparedStep`` (learning rate, schedule, coefficients, cached
/// between steps) and counts the step. A layout supplies only what depends on where its
/// numbers live.
///
/// To add a storage layout (sharded state, another precision, memory of a foreign library):
/// 1. write a type conforming to this protocol — usually a few pointers and an ``ArenaLayout``;
/// 2. have ``firstNonFiniteGradient()`` and ``accumulateSquaredGradients(ofTensor:processing:into:)``
///    visit the gradients in row-major order, tensor after tensor (so that results agree bit for
///    bit with every other layout);
/// 3. in ``walk(_:elements:tensor:state:)`` call `step.algorithm.step(step.context, …)` over
///    the elements given, converting or splitting the buffers as the layout needs (8-bit state
///    comes through the same call: the kernel reads it from `state`);
/// 4. add a public `Optimizer.step(_:)` overload that wraps the caller's storage in the new type
///    and calls the core.
///
/// A layout whose process updates only a part of the parameters (``ShardedStorage``: one rank
/// of a data-parallel group) also gives ``stateWindow``, the elements it keeps state for, and
/// combines with the other parts what the step needs from all of them: the sum of squares for
/// clipping by global norm (``globalSumOfSquares(_:)``) and the first non-finite gradient.
protocol StepStorage {
    /// The floating-point type the optimizer's state and rules use.
    associatedtype Scalar: TensorScalar

    /// True when consecutive tensors lie back to back in one buffer, so that one walk may span
    /// several tensors that share a step.
    static var walksAcrossTensors: Bool { get }

    /// The number of tensors.
    var tensorCount: Int { get }

    /// The shape of tensor `index`.
    func shape(ofTensor index: Int) -> [Int]

    /// The elements of the flattened parameters this layout updates and keeps state for; `nil`
    /// (the default) for all of them. Walks then cover only these elements.
    var stateWindow: Range<Int>? { get }

    /// The first NaN or infinity among the gradients, tensor by tensor in row-major order: its
    /// tensor, its element within the tensor and its value.
    func firstNonFiniteGradient() throws(OptimizerError) -> (tensor: Int, element: Int, value: Double)?

    /// Adds the square of every gradient of tensor `index` after `processing` (see
    /// ``GradientProcessing/clipped(_:parameter:)``) to `sum`, element by element in order.
    func accumulateSquaredGradients(ofTensor index: Int, processing: GradientProcessing<Scalar>, into sum: inout Double)

    /// The sum of squares over all gradients, given what
    /// ``accumulateSquaredGradients(ofTensor:processing:into:)`` summed here: `local` itself (the
    /// default) when this layout holds every gradient.
    func globalSumOfSquares(_ local: Double) throws(OptimizerError) -> Double

    /// Runs `step` over `elements` of the state's layout: one tensor's elements when `tensor`
    /// names it, or several whole consecutive tensors when `tensor` is nil (only when
    /// ``walksAcrossTensors``). `state` holds the state of exactly those elements (its element 0
    /// belongs to `elements.lowerBound`): `Scalar` slots, or 8-bit slots when the tensor keeps
    /// 8-bit state, which may be sliced only on block boundaries (multiples of 256 from the
    /// tensor's first element).
    func walk(_ step: borrowing PreparedStep<Scalar>, elements: Range<Int>, tensor: Int?, state: StateBuffers<Scalar>)
}

extension StepStorage {
    var stateWindow: Range<Int>? { nil }

    func globalSumOfSquares(_ local: Double) throws(OptimizerError) -> Double { local }
}

extension StateBuffers {
    /// The elements `range` of every slot (for 8-bit state, `range` starts on a block boundary).
    func slice(_ range: Range<Int>) -> StateBuffers {
        if let quantized { return StateBuffers(quantized: quantized.slice(range)) }
        func part(_ buffer: UnsafeMutableBufferPointer<Scalar>?) -> UnsafeMutableBufferPointer<Scalar>? {
            buffer.map { UnsafeMutableBufferPointer(rebasing: $0[range]) }
        }
        return StateBuffers(first: part(first), second: part(second), third: part(third))
    }
}
