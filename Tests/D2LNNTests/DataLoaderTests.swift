import D2LNN
import D2LTensor
import D2LTestSupport
import Testing

/// Features whose row `i` is `[i, 100 + i]` and labels `i + 0.5`, so every batch shows which
/// examples it holds and whether features and labels stayed paired.
private func indexedData<Scalar: TensorScalar>(_ count: Int, as _: Scalar.Type = Scalar.self) -> (Tensor<Scalar>, Tensor<Scalar>) {
    let features = try! Tensor<Scalar>(shape: [count, 2], scalars: (0..<count).flatMap { [Scalar($0), Scalar(100 + $0)] })
    let labels = Tensor<Scalar>((0..<count).map { Scalar($0) + 0.5 })
    return (features, labels)
}

/// The example indices of one epoch, batch by batch, checking that features and labels match.
private func epoch<Scalar: TensorScalar>(
    _ loader: inout DataLoader<Scalar>, _ generator: inout Xoshiro256StarStar
) -> [[Int]] {
    var batches = [[Int]]()
    loader.forEachBatch(using: &generator) { index, features, labels in
        #expect(index == batches.count)
        #expect(features.rank == 2 && features.shape[1] == 2)
        #expect(labels.shape == [features.shape[0]])
        let examples = (0..<features.shape[0]).map { Int(features.scalars[$0 * 2]) }
        for (row, example) in examples.enumerated() {
            #expect(features.scalars[row * 2 + 1] == Scalar(100 + example))
            #expect(labels.scalars[row] == Scalar(example) + 0.5)
        }
        batches.append(examples)
    }
    return batches
}

@Suite("DataLoader")
struct DataLoaderTests {
    @Test("Without shuffling, batches visit the examples in order", arguments: scalarTypes)
    func inOrder(_ type: any TensorScalar.Type) throws {
        try Self.checkInOrder(type)
    }

    private static func checkInOrder<Scalar: TensorScalar>(_ type: Scalar.Type) throws {
        let (features, labels) = indexedData(10, as: type)
        var loader = try DataLoader(features: features, labels: labels, batchSize: 4, shuffle: false)
        var generator = Xoshiro256StarStar(seed: 0)
        let expected = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
        #expect(epoch(&loader, &generator) == expected)
        // A second epoch is the same, and the generator is not consumed.
        #expect(epoch(&loader, &generator) == expected)
        #expect(generator == Xoshiro256StarStar(seed: 0))
    }

    @Test("With shuffling, each epoch is a new permutation of all examples, features and labels paired")
    func shuffled() throws {
        let (features, labels) = indexedData(23, as: Double.self)
        var loader = try DataLoader(features: features, labels: labels, batchSize: 5, shuffle: true)
        var generator = Xoshiro256StarStar(seed: 6)
        var epochs = [[Int]]()
        for _ in 0..<4 {
            let batches = epoch(&loader, &generator)
            #expect(batches.map(\.count) == [5, 5, 5, 5, 3])
            let order = batches.flatMap { $0 }
            #expect(order.sorted() == Array(0..<23))
            epochs.append(order)
        }
        #expect(Set(epochs).count == 4)
        #expect(!epochs.contains(Array(0..<23)))

        // The same seed replays the same epochs.
        var replay = try DataLoader(features: features, labels: labels, batchSize: 5, shuffle: true)
        var again = Xoshiro256StarStar(seed: 6)
        for expected in epochs { #expect(epoch(&replay, &again).flatMap { $0 } == expected) }
    }

    @Test(
        "batchCount is ⌈n / batch size⌉ and only the last batch is partial",
        arguments: [(10, 10), (10, 3), (10, 1), (7, 10), (1500, 10), (0, 4), (9, 4)] as [(Int, Int)]
    )
    func batchSizes(count: Int, batchSize: Int) throws {
        let (features, labels) = indexedData(count, as: Float.self)
        var loader = try DataLoader(features: features, labels: labels, batchSize: batchSize, shuffle: true)
        #expect(loader.exampleCount == count)
        #expect(loader.batchCount == (count + batchSize - 1) / batchSize)
        var generator = Xoshiro256StarStar(seed: 1)
        let sizes = epoch(&loader, &generator).map(\.count)
        #expect(sizes.count == loader.batchCount)
        #expect(sizes.reduce(0, +) == count)
        #expect(sizes.dropLast().allSatisfy { $0 == batchSize })
        if let last = sizes.last {
            #expect(last == (count % batchSize == 0 ? batchSize : count % batchSize))
        }
    }

    @Test("Batches kept by the caller are not overwritten by later batches")
    func retainedBatches() throws {
        let (features, labels) = indexedData(8, as: Double.self)
        var loader = try DataLoader(features: features, labels: labels, batchSize: 3, shuffle: false)
        var generator = Xoshiro256StarStar(seed: 0)
        var kept = [(Tensor<Double>, Tensor<Double>)]()
        loader.forEachBatch(using: &generator) { _, x, y in kept.append((x, y)) }
        #expect(kept.map { $0.1.scalars } == [[0.5, 1.5, 2.5], [3.5, 4.5, 5.5], [6.5, 7.5]])
        #expect(kept.map { $0.0.scalars.first } == [0, 3, 6])
        // And a second epoch does not change what the first handed out.
        loader.forEachBatch(using: &generator) { _, _, _ in }
        #expect(kept[0].1.scalars == [0.5, 1.5, 2.5])
    }

    @Test(
        "Labels whose count or rank does not match the features throw",
        arguments: [[9], [11], [10, 1], []]
    )
    func mismatchedLabels(labelShape: [Int]) {
        let features = Tensor<Double>.zeros(shape: [10, 3])
        #expect(throws: TensorError.self) {
            try DataLoader(features: features, labels: .zeros(shape: labelShape), batchSize: 2, shuffle: false)
        }
    }

    @Test("Features that are not a matrix, or a batch size below 1, throw")
    func invalidArguments() {
        #expect(throws: TensorError.self) {
            try DataLoader(features: Tensor<Double>.zeros(shape: [10]), labels: .zeros(shape: [10]), batchSize: 2, shuffle: false)
        }
        for batchSize in [0, -3] {
            #expect(throws: TensorError.self) {
                try DataLoader(features: Tensor<Double>.zeros(shape: [10, 2]), labels: .zeros(shape: [10]), batchSize: batchSize, shuffle: false)
            }
        }
    }

    @Test("An error thrown by the body stops the epoch and reaches the caller")
    func bodyErrorsPropagate() throws {
        struct Stop: Error {}
        let (features, labels) = indexedData(10, as: Double.self)
        var loader = try DataLoader(features: features, labels: labels, batchSize: 2, shuffle: false)
        var generator = Xoshiro256StarStar(seed: 0)
        var seen = 0
        #expect(throws: Stop.self) {
            try loader.forEachBatch(using: &generator) { index, _, _ in
                seen += 1
                if index == 2 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }
}
