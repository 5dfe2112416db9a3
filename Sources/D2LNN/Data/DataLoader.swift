import D2LTensor

/// Minibatches over a data set of examples (rows of `features`) and their labels, as Gluon's
/// `DataLoader(ArrayDataset(features, labels), batchSize, shuffle:)`.
///
/// Each epoch visits every example once: in a new random order when shuffling, else in order.
/// The last batch is smaller when the batch size does not divide the example count. Batch
/// tensors are reused from one batch to the next: a `body` that lets go of them before it
/// returns makes an epoch that allocates nothing.
public struct DataLoader<Scalar: TensorScalar> {
    /// The examples, `[exampleCount, featureCount]`.
    public let features: Tensor<Scalar>
    /// One label per example, `[exampleCount]`.
    public let labels: Tensor<Scalar>
    /// Examples per batch.
    public let batchSize: Int
    /// Whether each epoch visits the examples in a new random order.
    public let shuffle: Bool

    @usableFromInline var order: [Int]
    @usableFromInline var batchFeatures: Tensor<Scalar>
    @usableFromInline var batchLabels: Tensor<Scalar>
    @usableFromInline var lastBatchFeatures: Tensor<Scalar>
    @usableFromInline var lastBatchLabels: Tensor<Scalar>

    /// A loader over `features` and `labels`.
    ///
    /// - Throws: `TensorError.unexpectedShape(argument:shape:expected:)` naming the
    ///   expected shape when `features` is not a matrix `[n, d]` or `labels` is not a vector `[n]`
    ///   of one label per example (labels of shape `[n, 1]` are refused: reshape them to `[n]`);
    ///   `TensorError` when the batch size is below 1.
    public init(features: Tensor<Scalar>, labels: Tensor<Scalar>, batchSize: Int, shuffle: Bool) throws(TensorError) {
        guard features.rank == 2 else {
            throw .unexpectedShape(argument: "features", shape: features.shape, expected: "[n, d]: one row per example")
        }
        guard labels.shape == [features.shape[0]] else {
            let n = features.shape[0]
            let hint = labels.shape == [n, 1] ? "; reshape them with labels.reshaped(to: [\(n)])" : ""
            throw .unexpectedShape(argument: "labels", shape: labels.shape, expected: "[\(n)]: one label per example\(hint)")
        }
        guard batchSize >= 1 else { throw .negativeDimension(shape: [batchSize]) }
        self.features = features
        self.labels = labels
        self.batchSize = batchSize
        self.shuffle = shuffle
        let count = features.shape[0]
        let width = features.shape[1]
        let full = Swift.min(batchSize, count)
        let last = count % batchSize == 0 ? full : count % batchSize
        order = Array(0..<count)
        batchFeatures = .zeros(shape: [full, width])
        batchLabels = .zeros(shape: [full])
        lastBatchFeatures = .zeros(shape: [last, width])
        lastBatchLabels = .zeros(shape: [last])
    }

    /// The number of examples.
    @inlinable
    public var exampleCount: Int { features.shape[0] }

    /// The number of batches in one epoch.
    @inlinable
    public var batchCount: Int { (exampleCount + batchSize - 1) / batchSize }

    /// Copies the examples listed in `examples` into a batch's tensors, in place unless the
    /// previous batch's `body` kept them.
    @inlinable
    static func gather(
        _ examples: ArraySlice<Int>, from features: Tensor<Scalar>, _ labels: Tensor<Scalar>,
        into x: inout Tensor<Scalar>, _ y: inout Tensor<Scalar>
    ) {
        let width = features.shape[1]
        features.withUnsafeBufferPointer { source in
            x.withUnsafeMutableBufferPointer { destination in
                for (row, example) in examples.enumerated() {
                    for column in 0..<width { destination[row * width + column] = source[example * width + column] }
                }
            }
        }
        labels.withUnsafeBufferPointer { source in
            y.withUnsafeMutableBufferPointer { destination in
                for (row, example) in examples.enumerated() { destination[row] = source[example] }
            }
        }
    }

    /// Runs `body` on every batch of one epoch, with the batch index, its features and labels.
    ///
    /// When shuffling, the order is drawn from `generator` once at the start of the epoch.
    @inlinable
    public mutating func forEachBatch<Generator: RandomNumberGenerator>(
        using generator: inout Generator,
        _ body: (_ index: Int, _ features: Tensor<Scalar>, _ labels: Tensor<Scalar>) throws -> Void
    ) rethrows {
        if shuffle {
            for i in order.indices { order[i] = i }
            generator.shuffle(&order)
        }
        for batch in 0..<batchCount {
            let start = batch * batchSize
            let rows = start..<Swift.min(start + batchSize, exampleCount)
            if rows.count == batchSize {
                Self.gather(order[rows], from: features, labels, into: &batchFeatures, &batchLabels)
                try body(batch, batchFeatures, batchLabels)
            } else {
                Self.gather(order[rows], from: features, labels, into: &lastBatchFeatures, &lastBatchLabels)
                try body(batch, lastBatchFeatures, lastBatchLabels)
            }
        }
    }
}
